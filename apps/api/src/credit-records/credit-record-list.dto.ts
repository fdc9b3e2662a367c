import { ApiProperty } from '@nestjs/swagger';
import { PUBLIC_STATUSES, RECORD_KINDS, SEVERITIES } from '@credence/credit-records';
import { SUBJECT_TYPES } from '@credence/shared';
import { CaseBilingualTextDto } from '../cases/case-view.dto';

/*
 * The documented answer of GET /credit-records (CreditRecordQueries.list, toListItem), so typed clients read it
 * without a hand-written copy (ADR 0022). Names carry a `CreditRecord` prefix: OpenAPI schema names are global.
 */

export class CreditRecordSubjectDto {
  @ApiProperty({ enum: SUBJECT_TYPES }) type!: string;
  @ApiProperty({ example: '91320830MA1XY0012B' }) code!: string;
  @ApiProperty() name!: string;
}

export class CreditRecordListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: CreditRecordSubjectDto }) subject!: CreditRecordSubjectDto;
  @ApiProperty({ enum: RECORD_KINDS }) kind!: string;
  @ApiProperty({ enum: SEVERITIES }) severity!: string;
  @ApiProperty() field!: string;
  @ApiProperty() decisionNumber!: string;
  @ApiProperty({ example: '2026-03-02', description: '决定日期 / decision date (YYYY-MM-DD)' })
  decisionDate!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty({ enum: PUBLIC_STATUSES }) publicStatus!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) publicStatusLabel!: CaseBilingualTextDto;
  @ApiProperty({ description: '异议处理中 / an objection is being handled' }) objectionMarked!: boolean;
  @ApiProperty({ type: String, nullable: true }) ruleSet!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '可申请修复之日 / repairable from (YYYY-MM-DD)' })
  repairableFrom!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '公示截止 / publicity ends after (YYYY-MM-DD)' })
  publicityEndsAfter!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty() registeredAt!: string;
  @ApiProperty() updatedAt!: string;
}

export class CreditRecordPageDto {
  @ApiProperty({ type: [CreditRecordListItemDto] }) items!: CreditRecordListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
