import { ApiProperty } from '@nestjs/swagger';
import { COMMITMENT_TYPES } from '@credence/commitments';
import { CaseBilingualTextDto } from '../cases/case-view.dto';

/*
 * The documented answer of GET /commitments (CommitmentQueries.list), so typed clients read it without a hand-written
 * copy (ADR 0022). Names carry a `CommitmentList` prefix: OpenAPI schema names are global.
 */

/** The breach record a failed commitment led to (失信信息). */
export class CommitmentListBreachRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) decisionNumber!: string | null;
}

export class CommitmentListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ enum: COMMITMENT_TYPES }) type!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) typeLabel!: CaseBilingualTextDto;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty({ type: String, nullable: true }) matter!: string | null;
  @ApiProperty({ type: [String], description: '当前状态（点分路径）/ active state paths' }) state!: string[];
  @ApiProperty({ type: CaseBilingualTextDto }) stateLabel!: CaseBilingualTextDto;
  @ApiProperty() published!: boolean;
  @ApiProperty({ type: String, nullable: true, description: '承诺补交材料之日 / YYYY-MM-DD' })
  promisedBy!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '践诺核查之日 / YYYY-MM-DD' })
  checkDueDate!: string | null;
  @ApiProperty() checkOverdue!: boolean;
  @ApiProperty({ type: String, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: String, nullable: true }) outcomeAt!: string | null;
  @ApiProperty({ description: '结果由系统自动认定 / the outcome was recorded by the system' })
  automaticOutcome!: boolean;
  @ApiProperty({ type: CommitmentListBreachRecordDto, nullable: true })
  breachRecord!: CommitmentListBreachRecordDto | null;
  @ApiProperty() signedAt!: string;
  @ApiProperty({ type: String, nullable: true }) inForceAt!: string | null;
  @ApiProperty() updatedAt!: string;
}

export class CommitmentListPageDto {
  @ApiProperty({ type: [CommitmentListItemDto] }) items!: CommitmentListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
