import { ApiProperty } from '@nestjs/swagger';
import { CaseBilingualTextDto } from '../cases/case-view.dto';

/*
 * The documented shapes of GET /statistics/… (libs/statistics). Names carry a `Statistics` prefix: OpenAPI schema
 * names are global. Every answer has a `context` (what it covers), a `total` and, when grouped, `groups`.
 */

export class StatisticsAuthorityDto {
  @ApiProperty({ example: '320800' }) code!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) name!: CaseBilingualTextDto;
}

export class StatisticsContextDto {
  @ApiProperty({ example: '2026-10-01', description: '起始日（含）/ first day (inclusive)' }) from!: string;
  @ApiProperty({ example: '2026-10-31', description: '截止日（含）/ last day (inclusive)' }) to!: string;
  @ApiProperty({
    type: StatisticsAuthorityDto,
    nullable: true,
    description: '汇总到的单位；null：全国 / the authority rolled up to; null: the whole country',
  })
  authority!: StatisticsAuthorityDto | null;
  @ApiProperty({ type: String, nullable: true }) caseType!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: ['authority', 'month', 'type'] }) groupBy!:
    string | null;
}

/** A group: an authority directly under the one asked for (its code), a month (YYYY-MM) or a case type. */
export class StatisticsGroupKeyDto {
  @ApiProperty({ example: '320830' }) key!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) label!: CaseBilingualTextDto;
}

export class StatisticsCaseCountsDto {
  @ApiProperty({ description: '期内受理（首个法定时限起算）/ opened within the period' }) opened!: number;
  @ApiProperty({ description: '期内办结 / ended within the period' }) decided!: number;
  @ApiProperty({ description: '期末未办结 / pending at the end of the period (of each month)' })
  pending!: number;
}
export class StatisticsCaseGroupDto extends StatisticsGroupKeyDto {
  @ApiProperty() opened!: number;
  @ApiProperty() decided!: number;
  @ApiProperty() pending!: number;
}
export class StatisticsCasesDto {
  @ApiProperty({ type: StatisticsContextDto }) context!: StatisticsContextDto;
  @ApiProperty({ type: StatisticsCaseCountsDto }) total!: StatisticsCaseCountsDto;
  @ApiProperty({ type: [StatisticsCaseGroupDto] }) groups!: StatisticsCaseGroupDto[];
}

export class StatisticsStageDto {
  @ApiProperty({
    example: 'repair.acceptance',
    description: '环节（时限代码）/ stage: the clock’s limit key',
  })
  stage!: string;
  @ApiProperty({ example: 'repairApplication' }) caseType!: string;
  @ApiProperty({ example: 'acceptance' }) clock!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) label!: CaseBilingualTextDto;
  @ApiProperty({ description: '期内办结该环节的次数 / runs of the stage ended within the period' })
  decided!: number;
  @ApiProperty({ description: '按期（met）/ on time' }) onTime!: number;
  @ApiProperty({ description: '超期（late）/ late' }) late!: number;
  @ApiProperty({
    type: Number,
    nullable: true,
    example: 0.9,
    description: 'onTime / decided；decided = 0 时为 null',
  })
  rate!: number | null;
}
export class StatisticsStagesDto {
  @ApiProperty({ type: [StatisticsStageDto] }) stages!: StatisticsStageDto[];
}
export class StatisticsStagesGroupDto extends StatisticsGroupKeyDto {
  @ApiProperty({ type: [StatisticsStageDto] }) stages!: StatisticsStageDto[];
}
export class StatisticsOnTimeDto {
  @ApiProperty({ type: StatisticsContextDto }) context!: StatisticsContextDto;
  @ApiProperty({ type: StatisticsStagesDto }) total!: StatisticsStagesDto;
  @ApiProperty({ type: [StatisticsStagesGroupDto] }) groups!: StatisticsStagesGroupDto[];
}

export class StatisticsBacklogBucketDto {
  @ApiProperty({ example: '4-10' }) key!: string;
  @ApiProperty() minWorkingDays!: number;
  @ApiProperty({ type: Number, nullable: true }) maxWorkingDays!: number | null;
  @ApiProperty() count!: number;
}
export class StatisticsBacklogFigureDto {
  @ApiProperty() pending!: number;
  @ApiProperty({ type: [StatisticsBacklogBucketDto] }) buckets!: StatisticsBacklogBucketDto[];
}
export class StatisticsBacklogGroupDto extends StatisticsGroupKeyDto {
  @ApiProperty() pending!: number;
  @ApiProperty({ type: [StatisticsBacklogBucketDto] }) buckets!: StatisticsBacklogBucketDto[];
}
export class StatisticsBacklogDto {
  @ApiProperty({ type: StatisticsContextDto }) context!: StatisticsContextDto;
  @ApiProperty({
    example: '2026-10-31',
    description: '计算工作日龄的日期（今天）/ the day ages are counted to',
  })
  asOf!: string;
  @ApiProperty({ type: StatisticsBacklogFigureDto }) total!: StatisticsBacklogFigureDto;
  @ApiProperty({ type: [StatisticsBacklogGroupDto] }) groups!: StatisticsBacklogGroupDto[];
}

export class StatisticsCodeCountDto {
  @ApiProperty({ example: 'approved' }) code!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) label!: CaseBilingualTextDto;
  @ApiProperty() count!: number;
}
export class StatisticsCountsGroupDto extends StatisticsGroupKeyDto {
  @ApiProperty() total!: number;
  @ApiProperty({ type: [StatisticsCodeCountDto] }) counts!: StatisticsCodeCountDto[];
}
export class StatisticsCountsDto {
  @ApiProperty({ type: StatisticsContextDto }) context!: StatisticsContextDto;
  @ApiProperty() total!: number;
  @ApiProperty({ type: [StatisticsCodeCountDto] }) counts!: StatisticsCodeCountDto[];
  @ApiProperty({ type: [StatisticsCountsGroupDto] }) groups!: StatisticsCountsGroupDto[];
}
export class StatisticsOutcomesDto {
  @ApiProperty({ type: StatisticsCountsDto, description: '期内办结的案件，按结果 / cases ended, by outcome' })
  outcomes!: StatisticsCountsDto;
  @ApiProperty({ type: StatisticsCountsDto, description: '异议答复结果 / objection answers, by outcome' })
  objectionOutcomes!: StatisticsCountsDto;
  @ApiProperty({ type: StatisticsCountsDto, description: '复核决定 / appeal decisions' })
  appealDecisions!: StatisticsCountsDto;
}

export class StatisticsPublicationFigureDto {
  @ApiProperty({ description: '期内公示的记录 / records published within the period' }) published!: number;
  @ApiProperty({ description: '决定后 7 个工作日内公示 / within the limit of the decision' }) onTime!: number;
  @ApiProperty() late!: number;
  @ApiProperty({ type: Number, nullable: true }) rate!: number | null;
}
export class StatisticsPublicationGroupDto extends StatisticsGroupKeyDto {
  @ApiProperty() published!: number;
  @ApiProperty() onTime!: number;
  @ApiProperty() late!: number;
  @ApiProperty({ type: Number, nullable: true }) rate!: number | null;
}
export class StatisticsPublicationDto {
  @ApiProperty({ type: StatisticsContextDto }) context!: StatisticsContextDto;
  @ApiProperty({ type: StatisticsPublicationFigureDto }) total!: StatisticsPublicationFigureDto;
  @ApiProperty({ type: [StatisticsPublicationGroupDto] }) groups!: StatisticsPublicationGroupDto[];
}

export class StatisticsCommitmentFigureDto {
  @ApiProperty({ description: '核查日在期内的承诺 / commitments whose check fell due within the period' })
  due!: number;
  @ApiProperty({ description: '期内认定践诺 / found kept within the period' }) kept!: number;
  @ApiProperty({ description: '期内认定违诺 / found broken within the period' }) broken!: number;
}
export class StatisticsCommitmentGroupDto extends StatisticsGroupKeyDto {
  @ApiProperty() due!: number;
  @ApiProperty() kept!: number;
  @ApiProperty() broken!: number;
}
export class StatisticsCommitmentsDto {
  @ApiProperty({ type: StatisticsContextDto }) context!: StatisticsContextDto;
  @ApiProperty({ type: StatisticsCommitmentFigureDto }) total!: StatisticsCommitmentFigureDto;
  @ApiProperty({ type: [StatisticsCommitmentGroupDto] }) groups!: StatisticsCommitmentGroupDto[];
}

export class StatisticsListedCaseDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty({ example: 'repairApplication' }) caseType!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) caseTypeLabel!: CaseBilingualTextDto;
  @ApiProperty() title!: string;
  @ApiProperty({ example: '320830' }) authorityCode!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) authorityName!: CaseBilingualTextDto;
  @ApiProperty() subjectCode!: string;
  @ApiProperty({ example: '2026-10-09' }) openedOn!: string;
  @ApiProperty({ type: String, nullable: true }) decidedOn!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'approved' }) outcome!: string | null;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) outcomeLabel!: CaseBilingualTextDto | null;
}
export class StatisticsCaseListDto {
  @ApiProperty({ type: StatisticsContextDto }) context!: StatisticsContextDto;
  @ApiProperty({ type: [StatisticsListedCaseDto] }) items!: StatisticsListedCaseDto[];
  @ApiProperty({ description: '案件数，最多计到 10000 / matching cases, counted up to 10,000' })
  total!: number;
  @ApiProperty({
    description: 'false：超过 10000 件，total 为下限 / false: more than 10,000, total is a lower bound',
  })
  totalIsExact!: boolean;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class StatisticsFreshnessDto {
  @ApiProperty({ description: '统计已处理到的事件位置 / the last event position projected' })
  checkpointPosition!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    description:
      '数据截至：已处理的最后一个事件的记录时间 / figures include events recorded up to this instant',
  })
  projectedUpTo!: string | null;
  @ApiProperty() headPosition!: number;
  @ApiProperty({ type: String, nullable: true }) headRecordedAt!: string | null;
  @ApiProperty({
    description: '尚未统计的事件数（最多计到 100001）/ events not yet projected (counted up to 100001)',
  })
  eventsBehind!: number;
  @ApiProperty() upToDate!: boolean;
}
