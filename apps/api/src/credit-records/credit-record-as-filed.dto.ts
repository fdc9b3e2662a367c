import { ApiProperty } from '@nestjs/swagger';
import { CreditRecordSubjectDto } from './credit-record-list.dto';

/**
 * The record as a case about it captured it when the case was filed — the same fields for a repair application
 * (RecordSummary) and an objection (ObjectedRecord). Only extended, never documented on its own: each case type's
 * schema keeps its own name and adds what it keeps beside.
 */
export abstract class CreditRecordAsFiledDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() decisionNumber!: string;
  @ApiProperty() decisionDate!: string;
  @ApiProperty() kind!: string;
  @ApiProperty() severity!: string;
  @ApiProperty() field!: string;
  @ApiProperty() authorityCode!: string;
  @ApiProperty() authorityPath!: string;
  @ApiProperty() authorityName!: string;
  @ApiProperty({ type: CreditRecordSubjectDto }) subject!: CreditRecordSubjectDto;
}
