import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CaseActionRefusalDto } from './case-view.dto';

/*
 * The documented shapes of the workbench's reads (colleagues, comments) and of a bulk operation's answer, so the
 * console's typed client knows them. Names carry a `Workbench` prefix: OpenAPI schema names are global.
 */

/** An active colleague of the caller's authority, whom a hand-over, co-signing or copy may name. */
export class WorkbenchColleagueDto {
  @ApiProperty({ format: 'uuid' }) accountId!: string;
  @ApiProperty({ example: '盱眙县经办人' }) displayName!: string;
  @ApiProperty({ enum: ['officer', 'senior_reviewer'] }) role!: string;
}

/** An internal comment (内部意见): staff only, never shown to the applicant or the public. */
export class WorkbenchCommentDto {
  @ApiProperty({ description: '所在事件的流版本 / the stream version of its event' }) version!: number;
  @ApiProperty() at!: string;
  @ApiProperty({ format: 'uuid', description: '发表人账户 id / the author’s account id' }) by!: string;
  @ApiProperty() role!: string;
  @ApiProperty() comment!: string;
}

/** One case of a bulk claim or transfer: done, with the case's new version, or refused with the refusal. */
export class WorkbenchBulkResultDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() ok!: boolean;
  @ApiPropertyOptional() version?: number;
  @ApiPropertyOptional({ type: CaseActionRefusalDto, description: '拒绝的原因 / the refusal' })
  error?: CaseActionRefusalDto & { status: number };
}
