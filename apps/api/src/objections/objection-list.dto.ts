import { ApiProperty } from '@nestjs/swagger';
import { OBJECTION_GROUNDS, OBJECTION_OUTCOMES } from '@credence/objections';
import { CaseBilingualTextDto } from '../cases/case-view.dto';

/*
 * The documented answer of GET /objections (ObjectionQueries.list), so typed clients read it without a hand-written
 * copy (ADR 0022). Names carry an `Objection` prefix: OpenAPI schema names are global.
 */

export class ObjectionListSubjectDto {
  @ApiProperty({ example: '91320830MA1XY0012B' }) code!: string;
  @ApiProperty() name!: string;
}

/** The nearest running clock of the objection, read against now. */
export class ObjectionListDueDto {
  @ApiProperty({ example: 'verification' }) clock!: string;
  @ApiProperty() dueAt!: string;
  @ApiProperty() overdue!: boolean;
  @ApiProperty() dueSoon!: boolean;
}

export class ObjectionListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty() recordDecisionNumber!: string;
  @ApiProperty({ type: ObjectionListSubjectDto }) subject!: ObjectionListSubjectDto;
  @ApiProperty() findingAuthorityCode!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty({ enum: OBJECTION_GROUNDS }) ground!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) groundLabel!: CaseBilingualTextDto;
  @ApiProperty({ description: '当前状态（点分路径）/ the active state path' }) state!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) stateLabel!: CaseBilingualTextDto;
  @ApiProperty() open!: boolean;
  @ApiProperty({ type: String, enum: OBJECTION_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) outcomeLabel!: CaseBilingualTextDto | null;
  @ApiProperty() appealed!: boolean;
  @ApiProperty({ type: String, nullable: true }) appealDecision!: string | null;
  @ApiProperty() filedAt!: string;
  @ApiProperty({ type: String, nullable: true }) answeredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) closedAt!: string | null;
  @ApiProperty() version!: number;
  @ApiProperty({ type: ObjectionListDueDto, nullable: true }) due!: ObjectionListDueDto | null;
}

export class ObjectionPageDto {
  @ApiProperty({ type: [ObjectionListItemDto] }) items!: ObjectionListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
