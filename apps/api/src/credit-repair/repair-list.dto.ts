import { ApiProperty } from '@nestjs/swagger';
import { CaseBilingualTextDto } from '../cases/case-view.dto';

/*
 * The documented answer of GET /repair-applications (RepairQueries.list), so typed clients read it without a
 * hand-written copy (ADR 0022). Names carry a `RepairApplication` prefix: OpenAPI schema names are global.
 */

export class RepairApplicationListItemDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true, description: '案件编号（草稿无）/ none while a draft' })
  caseNumber!: string | null;
  @ApiProperty({ format: 'uuid' }) recordId!: string;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty({ type: [String], description: '当前状态（点分路径）/ active state paths' }) state!: string[];
  @ApiProperty({ type: CaseBilingualTextDto }) stateLabel!: CaseBilingualTextDto;
  @ApiProperty() open!: boolean;
  @ApiProperty({ description: '双人审核 / a second reviewer decides' }) fourEyes!: boolean;
  @ApiProperty({ type: String, nullable: true }) assignee!: string | null;
  @ApiProperty({ type: String, nullable: true, example: 'approved' }) outcome!: string | null;
  @ApiProperty() dueSoon!: boolean;
  @ApiProperty() overdue!: boolean;
  @ApiProperty({ type: String, nullable: true }) submittedAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) decidedAt!: string | null;
  @ApiProperty() updatedAt!: string;
}

export class RepairApplicationPageDto {
  @ApiProperty({ type: [RepairApplicationListItemDto] }) items!: RepairApplicationListItemDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}
