import { ApiProperty } from '@nestjs/swagger';
import { MATERIAL_CATEGORIES } from '@credence/credit-repair';
import { CaseBilingualTextDto, CaseDetailDto } from '../cases/case-view.dto';
import { CreditRecordAsFiledDto } from '../credit-records/credit-record-as-filed.dto';

/*
 * The documented answer of GET /repair-applications/:id (RepairViews.of): the case view with the application's own
 * data (repairCaseType.viewOf) and what follows from it. Staff steps the console only passes through (recommendation,
 * decision, revocation …) stay open objects; what a page reads is spelled out. Names carry a `Repair` prefix.
 */

const openObject = { type: 'object', additionalProperties: true, nullable: true } as const;

/** The record as it stood when the application was made (RecordSummary). */
export class RepairRecordSummaryDto extends CreditRecordAsFiledDto {
  @ApiProperty() repairableFrom!: string;
  @ApiProperty({ type: String, nullable: true }) ruleSet!: string | null;
}

/** A material with the digest of its bytes when it was attached (AttachedMaterial). */
export class RepairMaterialDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty({ enum: MATERIAL_CATEGORIES }) category!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() mediaType!: string;
  @ApiProperty() size!: number;
  @ApiProperty() attachedAt!: string;
}

/** The open request for more materials (补正): what to hand in and why. */
export class RepairSupplementRequestDto {
  @ApiProperty({ type: [String] }) items!: string[];
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty() by!: string;
  @ApiProperty() role!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ enum: ['acceptance', 'review'] }) from!: 'acceptance' | 'review';
}

export class RepairCaseDataDto {
  @ApiProperty({ type: String, nullable: true }) caseNumber!: string | null;
  @ApiProperty({ type: RepairRecordSummaryDto, nullable: true }) record!: RepairRecordSummaryDto | null;
  @ApiProperty({ type: [RepairMaterialDto] }) materials!: RepairMaterialDto[];
  @ApiProperty({ ...openObject, description: '信用修复承诺书 / the repair commitment' })
  commitment!: Record<string, unknown> | null;
  @ApiProperty({ description: '双人审核 / a second reviewer decides' }) fourEyes!: boolean;
  @ApiProperty({ type: String, nullable: true }) submittedAt!: string | null;
  @ApiProperty({
    type: RepairSupplementRequestDto,
    nullable: true,
    description: '补正要求 / supplements asked for',
  })
  supplementRequest!: RepairSupplementRequestDto | null;
  @ApiProperty(openObject) extension!: Record<string, unknown> | null;
  @ApiProperty(openObject) recommendation!: Record<string, unknown> | null;
  @ApiProperty(openObject) decision!: Record<string, unknown> | null;
  @ApiProperty(openObject) revocation!: Record<string, unknown> | null;
}

export class RepairCommitmentStateDto {
  @ApiProperty() state!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) label!: CaseBilingualTextDto;
}

/** One downstream platform's delivery of the outcome (outbox row). */
export class RepairDeliveryDto {
  @ApiProperty() topic!: string;
  @ApiProperty(openObject) platform!: Record<string, unknown> | null;
  @ApiProperty() status!: string;
  @ApiProperty() attempts!: number;
  @ApiProperty() createdAt!: string;
  @ApiProperty({ type: String, nullable: true }) deliveredAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
}

export class RepairApplicationViewDto extends CaseDetailDto {
  @ApiProperty({
    type: RepairCommitmentStateDto,
    nullable: true,
    description: '承诺现状 / the commitment now',
  })
  commitmentState!: RepairCommitmentStateDto | null;
  @ApiProperty({ type: [RepairDeliveryDto] }) deliveries!: RepairDeliveryDto[];
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '被拒绝的后续效果 / effects on other cases that were refused',
  })
  refusedEffects!: Record<string, unknown>[];
}

// The inherited `data` member, documented with this type's own data (a redeclared field would shadow the base's).
ApiProperty({ type: RepairCaseDataDto })(RepairApplicationViewDto.prototype, 'data');
