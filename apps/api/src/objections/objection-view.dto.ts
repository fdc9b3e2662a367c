import { ApiProperty } from '@nestjs/swagger';
import { PUBLIC_STATUSES } from '@credence/credit-records';
import { OBJECTION_GROUNDS, OBJECTION_MATERIAL_CATEGORIES, OBJECTION_OUTCOMES } from '@credence/objections';
import { CaseBilingualTextDto, CaseTrailStepDto, CaseViewDto } from '../cases/case-view.dto';
import { CreditRecordAsFiledDto } from '../credit-records/credit-record-as-filed.dto';

/*
 * The documented answer of GET /objections/:id (ObjectionQueries.viewOf): the case view with the objection's own
 * data (objectionCaseType.viewOf), the record as it stands now, the appeal window, the notice and the trail. Staff
 * steps the console only passes through (acceptance, answer, appeal …) stay open objects; what a page reads is
 * spelled out. Names carry an `Objection` prefix: OpenAPI schema names are global.
 */

const openObject = { type: 'object', additionalProperties: true, nullable: true } as const;

/** The record objected to, as it stood when the objection was filed (ObjectedRecord). */
export class ObjectionRecordDto extends CreditRecordAsFiledDto {
  @ApiProperty() contentVersion!: number;
}

export class ObjectionMaterialDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() sha256!: string;
  @ApiProperty() fileName!: string;
  @ApiProperty() size!: number;
  @ApiProperty() mediaType!: string;
  @ApiProperty({ enum: ['filing', 'supplement', 'appeal'] }) stage!: string;
  @ApiProperty({ enum: OBJECTION_MATERIAL_CATEGORIES, required: false }) category?: string;
}

/** A request for more materials (补正); the open one is unanswered and not lapsed. */
export class ObjectionSupplementRequestDto {
  @ApiProperty({ enum: ['admission', 'verification'] }) stage!: string;
  @ApiProperty({ type: [String] }) items!: string[];
  @ApiProperty({ type: [String] }) reasons!: string[];
  @ApiProperty() by!: string;
  @ApiProperty() role!: string;
  @ApiProperty() at!: string;
  @ApiProperty({ type: String, nullable: true }) answeredAt!: string | null;
  @ApiProperty({ description: '补正期限届满未补正 / the window ran out unanswered' }) lapsed!: boolean;
}

export class ObjectionCaseDataDto {
  @ApiProperty({ type: String, nullable: true }) caseNumber!: string | null;
  @ApiProperty({ type: ObjectionRecordDto, nullable: true }) record!: ObjectionRecordDto | null;
  @ApiProperty({ enum: OBJECTION_GROUNDS, nullable: true }) ground!: string | null;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) groundLabel!: CaseBilingualTextDto | null;
  @ApiProperty() statement!: string;
  @ApiProperty({ type: String, nullable: true }) repairApplicationId!: string | null;
  @ApiProperty(openObject) commitment!: Record<string, unknown> | null;
  @ApiProperty({ type: [ObjectionMaterialDto] }) materials!: ObjectionMaterialDto[];
  @ApiProperty({ type: String, nullable: true }) filedAt!: string | null;
  @ApiProperty(openObject) handlingAuthority!: Record<string, unknown> | null;
  @ApiProperty(openObject) acceptance!: Record<string, unknown> | null;
  @ApiProperty(openObject) refusal!: Record<string, unknown> | null;
  @ApiProperty({ type: [ObjectionSupplementRequestDto] })
  supplementRequests!: ObjectionSupplementRequestDto[];
  @ApiProperty(openObject) extension!: Record<string, unknown> | null;
  @ApiProperty(openObject) answer!: Record<string, unknown> | null;
  @ApiProperty(openObject) appeal!: Record<string, unknown> | null;
  @ApiProperty(openObject) appealDecision!: Record<string, unknown> | null;
  @ApiProperty(openObject) withdrawal!: Record<string, unknown> | null;
  @ApiProperty(openObject) closure!: Record<string, unknown> | null;
  @ApiProperty({ enum: OBJECTION_OUTCOMES, nullable: true }) outcome!: string | null;
  @ApiProperty({ type: CaseBilingualTextDto, nullable: true }) outcomeLabel!: CaseBilingualTextDto | null;
}

/** The record objected to, now: its status, mark and content version (RecordNow). */
export class ObjectionRecordNowDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() decisionNumber!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() facts!: string;
  @ApiProperty({ type: String, nullable: true }) legalBasis!: string | null;
  @ApiProperty() subjectName!: string;
  @ApiProperty({ enum: PUBLIC_STATUSES }) publicStatus!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) publicStatusLabel!: CaseBilingualTextDto;
  @ApiProperty() objectionMarked!: boolean;
  @ApiProperty() contentVersion!: number;
}

export class ObjectionAppealWindowDto {
  @ApiProperty({ type: String, nullable: true }) closesOn!: string | null;
  @ApiProperty({ type: String, nullable: true }) closesAt!: string | null;
  @ApiProperty({ description: '仍可申诉 / an appeal is still possible' }) open!: boolean;
}

export class ObjectionNoticeLinkDto {
  @ApiProperty() kind!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) title!: CaseBilingualTextDto;
  @ApiProperty({ example: '/api/v1/objections/{id}/notice.pdf' }) href!: string;
}

/** The decision trail of one case (DecisionTrail, libs/audit/src/trail/decision-trails.ts). */
export class ObjectionTrailDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() type!: string;
  @ApiProperty({ type: CaseBilingualTextDto }) typeLabel!: CaseBilingualTextDto;
  @ApiProperty() title!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty() subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty() version!: number;
  @ApiProperty({ type: CaseBilingualTextDto }) stateLabel!: CaseBilingualTextDto;
  @ApiProperty() chainIntact!: boolean;
  @ApiProperty({ type: [CaseTrailStepDto] }) steps!: CaseTrailStepDto[];
}

export class ObjectionViewDto extends CaseViewDto {
  @ApiProperty() caseNumber!: string;
  @ApiProperty({ type: ObjectionRecordNowDto, nullable: true }) recordNow!: ObjectionRecordNowDto | null;
  @ApiProperty({ type: ObjectionAppealWindowDto, nullable: true })
  appealWindow!: ObjectionAppealWindowDto | null;
  @ApiProperty({ type: ObjectionNoticeLinkDto, nullable: true }) notice!: ObjectionNoticeLinkDto | null;
  @ApiProperty({ type: ObjectionTrailDto }) trail!: ObjectionTrailDto;
}

// The inherited `data` member, documented with this type's own data (a redeclared field would shadow the base's).
ApiProperty({ type: ObjectionCaseDataDto })(ObjectionViewDto.prototype, 'data');
