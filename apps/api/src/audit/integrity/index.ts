import type { DynamicModule, Type } from '@nestjs/common';
import { AuditIntegrityModule } from '@credence/audit';
import { AuditEvidenceController } from './audit-evidence.controller';
import { AuditIntegrityController } from './audit-integrity.controller';
import { AuditVerificationsController } from './audit-verifications.controller';

/** Integrity (ledger, checkpoints, proofs, evidence export): modules and controllers of the API. */
export const INTEGRITY_IMPORTS: (Type | DynamicModule)[] = [AuditIntegrityModule];
export const INTEGRITY_CONTROLLERS: Type[] = [
  AuditIntegrityController,
  AuditEvidenceController,
  AuditVerificationsController,
];
