import { ApiProperty } from '@nestjs/swagger';
import { PUBLIC_STATUSES, type PublicStatus } from '@credence/credit-records';
import { COMMITMENT_TYPES, type CommitmentType } from '@credence/commitments';
import { SUBJECT_TYPES, type SubjectType } from '@credence/shared';

/*
 * The shapes of the public (no login) answers, documented so that clients generated from the OpenAPI document (the
 * console's among them) read them typed. Names start with Public: one schema name for one shape (ADR 0022).
 */

export class PublicLabel {
  @ApiProperty({ example: '公示中' }) zh!: string;
  @ApiProperty({ example: 'Published' }) en!: string;
}

export class PublicSubjectHitDto {
  @ApiProperty({ example: '91320830MA1XY0012B' }) code!: string;
  @ApiProperty({ enum: SUBJECT_TYPES }) type!: SubjectType;
  @ApiProperty({ example: '盱眙通达道路运输有限公司' }) name!: string;
  @ApiProperty({ description: '公示中的信用记录数 / records published now' }) publishedRecords!: number;
  @ApiProperty({ description: '公示的信用承诺数 / commitments shown publicly' }) publicCommitments!: number;
}

export class PublicSubjectPageDto {
  @ApiProperty({ type: [PublicSubjectHitDto] }) items!: PublicSubjectHitDto[];
  @ApiProperty() total!: number;
  @ApiProperty() page!: number;
  @ApiProperty() pageSize!: number;
}

export class PublicRecordNoteDto {
  @ApiProperty() text!: string;
  @ApiProperty({ format: 'date-time' }) at!: string;
}

export class PublicRecordDto {
  @ApiProperty() subjectCode!: string;
  @ApiProperty() subjectName!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() field!: string;
  @ApiProperty() decisionNumber!: string;
  @ApiProperty({ format: 'date' }) decisionDate!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty({ type: String, nullable: true }) authorityName!: string | null;
  @ApiProperty() facts!: string;
  @ApiProperty({ type: String, nullable: true }) legalBasis!: string | null;
  @ApiProperty({ enum: PUBLIC_STATUSES }) status!: PublicStatus;
  @ApiProperty({ type: PublicLabel }) statusLabel!: PublicLabel;
  @ApiProperty() objectionMarked!: boolean;
  @ApiProperty({ type: PublicLabel, nullable: true }) objectionLabel!: PublicLabel | null;
  @ApiProperty() corrected!: boolean;
  @ApiProperty({ type: PublicLabel, nullable: true }) correctionLabel!: PublicLabel | null;
  @ApiProperty({ type: [PublicRecordNoteDto] }) notes!: PublicRecordNoteDto[];
  @ApiProperty({ format: 'date' }) publicityEndsAfter!: string;
}

export class PublicRecordsDto {
  @ApiProperty() subjectCode!: string;
  @ApiProperty({ type: [PublicRecordDto] }) records!: PublicRecordDto[];
}

export class PublicAuthorityDto {
  @ApiProperty() code!: string;
  @ApiProperty() name!: string;
}

export class PublicBreachRecordDto {
  @ApiProperty() decisionNumber!: string;
}

export class PublicCommitmentDto {
  @ApiProperty({ type: String, nullable: true }) caseNumber!: string | null;
  @ApiProperty({ enum: COMMITMENT_TYPES }) type!: CommitmentType;
  @ApiProperty({ type: PublicLabel }) typeLabel!: PublicLabel;
  @ApiProperty({ type: String, nullable: true }) matter!: string | null;
  @ApiProperty({ type: PublicAuthorityDto }) authority!: PublicAuthorityDto;
  @ApiProperty({ type: [String] }) promises!: string[];
  @ApiProperty({ type: String, format: 'date', nullable: true }) promisedBy!: string | null;
  @ApiProperty({ format: 'date' }) signedOn!: string;
  @ApiProperty({ type: String, format: 'date', nullable: true }) publishedOn!: string | null;
  @ApiProperty({ enum: ['promised', 'in_force', 'fulfilled', 'breached'] }) status!:
    'promised' | 'in_force' | 'fulfilled' | 'breached';
  @ApiProperty({ type: PublicLabel }) statusLabel!: PublicLabel;
  @ApiProperty({ type: String, format: 'date', nullable: true }) outcomeOn!: string | null;
  @ApiProperty({ type: PublicBreachRecordDto, nullable: true }) breachRecord!: PublicBreachRecordDto | null;
}

export class PublicCommitmentsDto {
  @ApiProperty() subjectCode!: string;
  @ApiProperty({ type: [PublicCommitmentDto] }) commitments!: PublicCommitmentDto[];
}
