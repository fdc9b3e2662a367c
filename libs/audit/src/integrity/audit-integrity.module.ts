import { Logger, Module } from '@nestjs/common';
import { Env } from '@credence/shared';
import { EvidenceExporter } from './evidence';
import { IntegrityService } from './integrity.service';
import { LedgerSealer } from './ledger-sealer';
import { SealerLoop } from './sealer-loop';
import { SigningKey } from './signing';
import { loadSigningKey } from './signing-key-loader';
import { VerificationJobs } from './verification-jobs';

/** The Merkle seal over the event store: sealer (in worker processes), checkpoints, proofs, evidence, verification. */
@Module({
  providers: [
    {
      provide: SigningKey,
      useFactory: (env: Env) => {
        const logger = new Logger('AuditSigningKey');
        return loadSigningKey(env, (line) => logger.warn(line));
      },
      inject: [Env],
    },
    LedgerSealer,
    SealerLoop,
    IntegrityService,
    EvidenceExporter,
    VerificationJobs,
  ],
  exports: [SigningKey, LedgerSealer, IntegrityService, EvidenceExporter, VerificationJobs],
})
export class AuditIntegrityModule {}
