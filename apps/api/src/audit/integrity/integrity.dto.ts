import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/*
 * The documented answers of the integrity reads (libs/audit/src/integrity: CheckpointView, the verification job,
 * the evidence bundle's envelope), so the console's typed client knows them (ADR 0022). Names carry an `Audit`
 * prefix: OpenAPI schema names are global.
 */

/** A signed tree head of the ledger (CheckpointView). */
export class AuditCheckpointDto {
  @ApiProperty({ description: '树大小（已封存的事件数）/ tree size: events sealed' }) treeSize!: number;
  @ApiProperty({ description: 'Merkle 根（十六进制）/ Merkle root, hex' }) rootHash!: string;
  @ApiProperty() sealedAt!: string;
  @ApiProperty({ example: 'credence.audit.ledger' }) origin!: string;
  @ApiProperty({ description: '公钥 DER 的 SHA-256 / SHA-256 of the DER public key' }) keyId!: string;
  @ApiProperty({ enum: ['ed25519', 'sm2'] }) algorithm!: string;
  @ApiProperty({ description: 'base64' }) signature!: string;
  @ApiProperty({ type: Number, nullable: true }) previousTreeSize!: number | null;
  @ApiProperty({ description: '被签名的文本 / the signed text' }) signedNote!: string;
}

export class AuditPublishedKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['ed25519', 'sm2'] }) algorithm!: string;
  @ApiProperty({ description: 'PEM' }) publicKey!: string;
  @ApiProperty() registeredAt!: string;
  @ApiProperty({ type: String, nullable: true }) predecessorKeyId!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'base64' }) successionSignature!: string | null;
}

/** The key checkpoints are signed with now, and every key used before it (with their signed successions). */
export class AuditPublicKeyDto {
  @ApiProperty() keyId!: string;
  @ApiProperty({ enum: ['ed25519', 'sm2'] }) algorithm!: string;
  @ApiProperty({ description: 'PEM' }) publicKey!: string;
  @ApiProperty({ example: 'credence.audit.ledger' }) origin!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) hashing!: Record<string, unknown>;
  @ApiProperty({ type: [AuditPublishedKeyDto] }) keys!: AuditPublishedKeyDto[];
}

export class AuditVerificationStartedDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['running'] }) status!: 'running';
}

/** A problem the verifier found, located (IntegrityFailure). */
export class AuditIntegrityFailureDto {
  @ApiProperty({ enum: ['chain', 'ledger', 'checkpoint'] }) check!: 'chain' | 'ledger' | 'checkpoint';
  @ApiProperty({ example: 'hash-mismatch' }) problem!: string;
  @ApiPropertyOptional() streamId?: string;
  @ApiPropertyOptional() streamVersion?: number;
  @ApiPropertyOptional() globalPosition?: number;
  @ApiPropertyOptional() ledgerIndex?: number;
  @ApiPropertyOptional() treeSize?: number;
  @ApiPropertyOptional() expected?: string;
  @ApiPropertyOptional() actual?: string;
}

export class AuditChainsCheckedDto {
  @ApiProperty() streamsChecked!: number;
  @ApiProperty() eventsChecked!: number;
}

export class AuditLedgerCheckedDto {
  @ApiProperty() leavesChecked!: number;
  @ApiProperty() size!: number;
}

export class AuditCheckpointsCheckedDto {
  @ApiProperty() checked!: number;
  @ApiProperty({ type: Number, nullable: true }) latestTreeSize!: number | null;
  @ApiProperty({ type: [String] }) trustedKeyIds!: string[];
}

export class AuditIntegrityReportDto {
  @ApiProperty() ok!: boolean;
  @ApiProperty({ type: String, nullable: true }) streamId!: string | null;
  @ApiProperty({ type: AuditChainsCheckedDto }) chains!: AuditChainsCheckedDto;
  @ApiProperty({ type: AuditLedgerCheckedDto }) ledger!: AuditLedgerCheckedDto;
  @ApiProperty({ type: AuditCheckpointsCheckedDto }) checkpoints!: AuditCheckpointsCheckedDto;
  @ApiProperty() failuresFound!: number;
  @ApiProperty({
    type: [AuditIntegrityFailureDto],
    description:
      '每类至多列出若干条；审计人员只看到本单位范围内的 / a bounded list; auditors see their scope only',
  })
  failures!: AuditIntegrityFailureDto[];
  @ApiProperty({
    type: Number,
    nullable: true,
    description: '增量校验的起点 / where an incremental run started',
  })
  since!: number | null;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    nullable: true,
    description: '下次增量校验可从此开始 / where the next incremental run may start',
  })
  verifiedPoint!: Record<string, unknown> | null;
}

/** A verification job's progress and, once done, its report. */
export class AuditVerificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ type: String, nullable: true }) streamId!: string | null;
  @ApiProperty({ enum: ['running', 'done', 'failed', 'abandoned'] }) status!:
    'running' | 'done' | 'failed' | 'abandoned';
  @ApiProperty({ example: 'chains', description: 'queued / chains / ledger / checkpoints / done' })
  phase!: string;
  @ApiProperty() eventsChecked!: number;
  @ApiProperty() eventsTotal!: number;
  @ApiProperty() failuresFound!: number;
  @ApiProperty() done!: boolean;
  @ApiProperty({ type: Boolean, nullable: true }) ok!: boolean | null;
  @ApiProperty({ type: String, nullable: true, description: '任务本身出错 / the job itself failed' })
  error!: string | null;
  @ApiProperty() startedAt!: string;
  @ApiProperty() updatedAt!: string;
  @ApiProperty({ type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: AuditIntegrityReportDto, nullable: true }) report!: AuditIntegrityReportDto | null;
}

/** An event of a bundle no signed checkpoint covered yet when it was exported (UnsealedEvent). */
export class AuditUnsealedEventDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() streamVersion!: number;
  @ApiProperty() recordedAt!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'null：尚未进入账本 / not in the ledger yet' })
  ledgerIndex!: number | null;
}

export class AuditEvidenceScopeDto {
  @ApiProperty({ type: String, nullable: true }) caseId!: string | null;
  @ApiProperty({ type: String, nullable: true }) subjectCode!: string | null;
  @ApiProperty({ type: String, nullable: true }) from!: string | null;
  @ApiProperty({ type: String, nullable: true }) to!: string | null;
}

export class AuditEvidenceStreamDto {
  @ApiProperty() streamId!: string;
  @ApiProperty({ format: 'uuid' }) caseId!: string;
  @ApiProperty() caseType!: string;
  @ApiProperty({
    type: 'array',
    items: { type: 'object', additionalProperties: true },
    description: '事件原文及哈希 / the events as hashed, with their hashes',
  })
  events!: Record<string, unknown>[];
}

/**
 * The evidence bundle (`credence-evidence/1`) as `credence-verify` reads it. Its proofs are listed loosely: the
 * verifier, not a schema, is what judges them.
 */
export class AuditEvidenceBundleDto {
  @ApiProperty({ example: 'credence-evidence/1' }) format!: string;
  @ApiProperty() exportedAt!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) exportedBy!: Record<string, unknown>;
  @ApiProperty({ type: AuditEvidenceScopeDto }) scope!: AuditEvidenceScopeDto;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: '哈希规则 / how each hash is made',
  })
  hashing!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) signingKey!: Record<string, unknown>;
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) keys!: Record<
    string,
    unknown
  >[];
  @ApiProperty({ type: [AuditCheckpointDto] }) checkpoints!: AuditCheckpointDto[];
  @ApiProperty({ type: [AuditEvidenceStreamDto] }) streams!: AuditEvidenceStreamDto[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } }) ledger!: Record<
    string,
    unknown
  >[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  inclusionProofs!: Record<string, unknown>[];
  @ApiProperty({ type: 'array', items: { type: 'object', additionalProperties: true } })
  consistencyProofs!: Record<string, unknown>[];
  @ApiProperty({
    type: [AuditUnsealedEventDto],
    description:
      '导出时尚未被已签名检查点覆盖的事件（其哈希链可离线校验，但尚无签名证明）/ events no signed checkpoint covered ' +
      'when exported: their chains check offline, but nothing signed proves them yet',
  })
  unsealedEvents!: AuditUnsealedEventDto[];
}
