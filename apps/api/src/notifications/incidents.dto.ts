import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsOptional,
  Matches,
  Max,
  Min,
} from 'class-validator';
import { INCIDENT_ID_PATTERN, INCIDENT_KINDS, type IncidentKind } from '@credence/notifications';
import { IsDivisionCode } from '../identity/validators';
import { PageQuery } from '../http/page.query';

/** Ages are whole minutes, at most a year. */
const MAX_AGE_MINUTES = 525_600;

export class IncidentsQuery extends PageQuery {
  @ApiPropertyOptional({ example: '320830', description: '认定单位 / the case’s authority' })
  @IsOptional()
  @IsDivisionCode()
  authority?: string;

  @ApiPropertyOptional({
    description:
      '平台代码、渠道（email、sms）或联动名称 / platform code, channel (email, sms) or reaction name',
  })
  @IsOptional()
  @Matches(/^[A-Za-z0-9][A-Za-z0-9._:-]{0,62}$/)
  channel?: string;

  @ApiPropertyOptional({ enum: INCIDENT_KINDS })
  @IsOptional()
  @IsIn(INCIDENT_KINDS)
  kind?: IncidentKind;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_AGE_MINUTES,
    description: '至少已有（分钟）/ at least this old',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_AGE_MINUTES)
  minAgeMinutes?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_AGE_MINUTES,
    description: '至多已有（分钟）/ at most this old',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(MAX_AGE_MINUTES)
  maxAgeMinutes?: number;
}

export class IncidentRetryDto {
  @ApiProperty() outcome!: string;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
  @ApiProperty() actorId!: string;
  @ApiProperty({ format: 'date-time' }) requestedAt!: string;
}

export class IncidentKindLabelDto {
  @ApiProperty() zh!: string;
  @ApiProperty() en!: string;
}

export class IncidentDto {
  @ApiProperty({ example: 'outward:0190f7a0-0000-7000-8000-000000000001' }) id!: string;
  @ApiProperty({ enum: INCIDENT_KINDS }) kind!: IncidentKind;
  @ApiProperty({ type: IncidentKindLabelDto }) kindLabel!: IncidentKindLabelDto;
  @ApiProperty({ description: '平台、渠道或联动 / platform, channel or reaction' }) channel!: string;
  @ApiProperty({ nullable: true, type: String }) authorityCode!: string | null;
  @ApiProperty({ nullable: true, type: String }) caseId!: string | null;
  @ApiProperty({ nullable: true, type: String }) caseType!: string | null;
  @ApiProperty({ description: '主题或被拒的操作 / topic, subject or refused command' }) subject!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) failedAt!: string;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty() ageMinutes!: number;
  @ApiProperty({ type: [IncidentRetryDto] }) retries!: IncidentRetryDto[];
}

export class IncidentPageDto {
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
  @ApiProperty({ type: [IncidentDto] }) items!: IncidentDto[];
}

export class RetryIncidentsRequest {
  @ApiProperty({
    type: [String],
    example: ['outward:0190f7a0-0000-7000-8000-000000000001'],
    description: '事件标识（一次至多 100 个）/ incident ids, at most 100',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(100)
  @Matches(INCIDENT_ID_PATTERN, {
    each: true,
    message: 'each id is delivery:<uuid>, outward:<uuid> or reaction:<number> (事件标识格式不正确)',
  })
  ids!: string[];
}

export class RetryResultDto {
  @ApiProperty() id!: string;
  @ApiProperty({ enum: ['requeued', 'recorded', 'refused', 'not_retryable'] }) outcome!: string;
  @ApiProperty({ nullable: true, type: String }) detail!: string | null;
}

export class RetryAnswerDto {
  @ApiProperty({ type: [RetryResultDto] }) results!: RetryResultDto[];
}
