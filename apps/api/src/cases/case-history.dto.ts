import { ApiProperty } from '@nestjs/swagger';
import { CaseTrailStepDto } from './case-view.dto';

/*
 * The documented answer of GET /cases/:id/history: every event of the case as recorded (with its hash link) and the
 * same events in plain words (the decision trail's steps, libs/audit/src/trail/trail-steps.ts). Names carry a
 * `CaseHistory` prefix: OpenAPI schema names are global.
 */

export class CaseHistoryActorDto {
  @ApiProperty({ description: '账户 id / account id (`system` for the engine’s own steps)' }) id!: string;
  @ApiProperty() role!: string;
  @ApiProperty({ type: String, nullable: true }) authorityCode!: string | null;
}

export class CaseHistoryMachineDto {
  @ApiProperty() id!: string;
  @ApiProperty() version!: string;
}

/** One recorded event, its data as stored and its place in the case's hash chain. */
export class CaseHistoryEventDto {
  @ApiProperty() version!: number;
  @ApiProperty({ format: 'uuid' }) eventId!: string;
  @ApiProperty({ example: 'RepairSubmitted' }) type!: string;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: CaseHistoryActorDto }) actor!: CaseHistoryActorDto;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ type: String, nullable: true }) causationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) ruleSet!: string | null;
  @ApiProperty({ type: CaseHistoryMachineDto, nullable: true }) machine!: CaseHistoryMachineDto | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) data!: Record<string, unknown>;
  @ApiProperty({ example: 'sm3' }) hashAlgorithm!: string;
  @ApiProperty() prevHash!: string;
  @ApiProperty() hash!: string;
  @ApiProperty({ description: '哈希重算一致且链接上一事件 / hash recomputed and linked' })
  hashVerified!: boolean;
}

export class CaseHistoryDto {
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() type!: string;
  @ApiProperty() version!: number;
  @ApiProperty() chainIntact!: boolean;
  @ApiProperty({ type: [CaseHistoryEventDto] }) events!: CaseHistoryEventDto[];
  @ApiProperty({
    type: [CaseTrailStepDto],
    description:
      '同一事件的通俗说明：谁、以何身份、做了什么、理由与依据、之后的状态 / The same events in plain words: who, as what, did what, why, under what, and the state after',
  })
  steps!: CaseTrailStepDto[];
}
