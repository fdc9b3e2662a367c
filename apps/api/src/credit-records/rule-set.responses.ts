import { ApiProperty } from '@nestjs/swagger';

/* The documented shape of a rule set (RuleSet in libs/credit-records), so the console's typed client knows it. */

export class RuleSetPeriodBandDto {
  @ApiProperty({ description: '最短公示期（月）/ minimum publication months' }) minimumMonths!: number;
  @ApiProperty({ description: '最长公示期（月）/ maximum publication months' }) maximumMonths!: number;
}

export class RuleSetPeriodsDto {
  @ApiProperty({ type: RuleSetPeriodBandDto }) minor!: RuleSetPeriodBandDto;
  @ApiProperty({ type: RuleSetPeriodBandDto }) general!: RuleSetPeriodBandDto;
  @ApiProperty({ type: RuleSetPeriodBandDto }) serious!: RuleSetPeriodBandDto;
}

export class RuleSetDto {
  @ApiProperty({ example: 'order-58-2023' }) code!: string;
  @ApiProperty() nameZh!: string;
  @ApiProperty() nameEn!: string;
  @ApiProperty() legalBasis!: string;
  @ApiProperty({ example: '2023-10-01' }) effectiveFrom!: string;
  @ApiProperty({ type: RuleSetPeriodsDto }) periods!: RuleSetPeriodsDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: { type: 'number' },
    description: '领域最短期限（月）/ minimum months per field',
  })
  fieldMinimums!: Record<string, number>;
}
