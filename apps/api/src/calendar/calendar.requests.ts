import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { IsCalendarDate } from '@credence/shared';
import { PageQuery } from '../http/page.query';
import { NestedObjectItems } from '../http/nested';

const AUTHORITY = /^\d{6}$/;
/** Years a schedule may be loaded for (the People's Republic's first holiday rules to well past any plan). */
export const MIN_YEAR = 1949;
export const MAX_YEAR = 2200;

export class WorkingDayQuery {
  @ApiProperty({ example: '2026-10-10' }) @IsCalendarDate() date!: string;
  @ApiPropertyOptional({
    description: '行政区划代码：按其省份的地方节假日计算 / authority code, for local holidays',
  })
  @IsOptional()
  @Matches(AUTHORITY)
  authority?: string;
}

export class AddWorkingDaysQuery {
  @ApiProperty({ example: '2026-09-28', description: '起算日（不计入）/ start day (not counted)' })
  @IsCalendarDate()
  from!: string;
  @ApiProperty({ example: 10 }) @Type(() => Number) @IsInt() @Min(-366) @Max(366) days!: number;
  @ApiPropertyOptional() @IsOptional() @Matches(AUTHORITY) authority?: string;
}

export class WorkingDaysBetweenQuery {
  @ApiProperty({ example: '2026-09-28' }) @IsCalendarDate() from!: string;
  @ApiProperty({ example: '2026-10-16' }) @IsCalendarDate() to!: string;
  @ApiPropertyOptional() @IsOptional() @Matches(AUTHORITY) authority?: string;
}

class FestivalRequest {
  @ApiProperty({ example: '春节' }) @IsString() @Length(1, 40) name!: string;
  @ApiProperty({ example: ['2027-02-06', '2027-02-07'] })
  @IsArray()
  @ArrayMaxSize(31)
  @IsCalendarDate({ each: true })
  holidays!: string[];
  @ApiProperty({ example: ['2027-02-13'] })
  @IsArray()
  @ArrayMaxSize(10)
  @IsCalendarDate({ each: true })
  makeupWorkdays!: string[];
}

/** The file format of `credence calendar load` and of this endpoint: one year, grouped as the notice is. */
export class LoadScheduleRequest {
  @ApiProperty({ example: 2027 }) @IsInt() @Min(MIN_YEAR) @Max(MAX_YEAR) year!: number;
  // The type is written out: tsc's design type of an initialised `string | null` is Object (ADR 0024).
  @ApiPropertyOptional({
    type: String,
    nullable: true,
    description: '省级区划代码，空为全国 / province code for local holidays; null = national',
  })
  @IsOptional()
  @Matches(/^\d{2}0000$/)
  region: string | null = null;
  @ApiProperty({ example: '国务院办公厅关于2027年部分节假日安排的通知' })
  @IsString()
  @Length(1, 300)
  source!: string;
  @ApiProperty({ type: [FestivalRequest] })
  @IsArray()
  @ArrayMaxSize(30)
  @NestedObjectItems(() => FestivalRequest)
  festivals!: FestivalRequest[];
}

export class DeadlinesQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['running', 'due-soon', 'overdue', 'paused'], default: 'running' })
  @IsOptional()
  @IsIn(['running', 'due-soon', 'overdue', 'paused'])
  status: 'running' | 'due-soon' | 'overdue' | 'paused' = 'running';
  @ApiPropertyOptional({ description: '该单位及其下级 / this authority and those under it' })
  @IsOptional()
  @Matches(AUTHORITY)
  authority?: string;
  @ApiPropertyOptional() @IsOptional() @Matches(/^[a-zA-Z]{1,40}$/) caseType?: string;
}

export class AddTimeLimitRequest {
  @ApiProperty({ example: 'objection.verification' }) @Matches(/^[a-z][a-z0-9.-]{2,60}$/) key!: string;
  @ApiPropertyOptional({
    description: '本单位设置；空为全国默认 / an authority setting; empty = national default',
  })
  @IsOptional()
  @Matches(AUTHORITY)
  authorityCode?: string;
  @ApiProperty({ example: 15 }) @IsInt() @Min(0) @Max(366) workingDays!: number;
  @ApiProperty({ example: '2027-01-01' }) @IsCalendarDate() effectiveFrom!: string;
  @ApiProperty() @IsString() @Length(1, 100) labelZh!: string;
  @ApiProperty() @IsString() @Length(1, 100) labelEn!: string;
  @ApiProperty() @IsString() @Length(1, 300) legalBasisZh!: string;
  @ApiProperty() @IsString() @Length(1, 300) legalBasisEn!: string;
}
