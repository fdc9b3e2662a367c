import { Body, Controller, Get, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
} from '@nestjs/swagger';
import { IsInt, IsString, Length, Matches, Max, Min } from 'class-validator';
import { RuleSets, type RuleSet } from '@credence/credit-records';
import { CurrentUser, Roles, type Actor } from '@credence/identity';
import { IsCalendarDate } from '@credence/shared';
import { NestedObject } from '../http/nested';
import { IsFieldMinimums } from './field-minimums';
import { RuleSetDto } from './rule-set.responses';

class PeriodBandRequest {
  @ApiProperty() @IsInt() @Min(0) @Max(120) minimumMonths!: number;
  @ApiProperty() @IsInt() @Min(1) @Max(120) maximumMonths!: number;
}

class PeriodsRequest {
  @ApiProperty({ type: PeriodBandRequest })
  @NestedObject(() => PeriodBandRequest)
  minor!: PeriodBandRequest;
  @ApiProperty({ type: PeriodBandRequest })
  @NestedObject(() => PeriodBandRequest)
  general!: PeriodBandRequest;
  @ApiProperty({ type: PeriodBandRequest })
  @NestedObject(() => PeriodBandRequest)
  serious!: PeriodBandRequest;
}

class AddRuleSetRequest {
  @ApiProperty({ example: 'province-js-2027' }) @Matches(/^[a-z0-9-]{3,60}$/) code!: string;
  @ApiProperty() @IsString() @Length(1, 200) nameZh!: string;
  @ApiProperty() @IsString() @Length(1, 200) nameEn!: string;
  @ApiProperty() @IsString() @Length(1, 200) legalBasis!: string;
  @ApiProperty({ example: '2027-01-01' }) @IsCalendarDate() effectiveFrom!: string;
  @ApiProperty({ type: PeriodsRequest })
  @NestedObject(() => PeriodsRequest)
  periods!: PeriodsRequest;
  @ApiProperty({
    example: { work_safety: 12 },
    description: '领域最短期限（月，0–120）/ minimum months per field',
  })
  @IsFieldMinimums()
  fieldMinimums: Record<string, number> = {};
}

@ApiTags('rule-sets 修复规则')
@ApiBearerAuth()
@Controller('rule-sets')
export class RuleSetsController {
  constructor(private readonly ruleSets: RuleSets) {}

  @Get()
  @ApiOperation({ summary: '按生效日期排列的修复规则 / Rule sets by effective date' })
  @ApiOkResponse({ type: [RuleSetDto] })
  list(): Promise<RuleSet[]> {
    return this.ruleSets.all();
  }

  @Post()
  @Roles('admin')
  @ApiOperation({
    summary: '新增修复规则（不可修改已有规则）/ Add a rule set (existing ones are never edited)',
  })
  @ApiCreatedResponse({ type: RuleSetDto })
  add(@Body() body: AddRuleSetRequest, @CurrentUser() user: Actor): Promise<RuleSet> {
    return this.ruleSets.add(body, user.id);
  }
}
