import { Injectable } from '@nestjs/common';
import { Clock, Database, Env, PollingLoop } from '@credence/shared';
import { LedgerSealer } from './ledger-sealer';
import { SigningKey } from './signing';
import { registerSigningKey } from './signing-keys';

/**
 * Every process records its signing key in the key history at start (the API publishes it); worker processes (the
 * worker app, or the API with RUN_WORKER) then seal in a loop. Several may run: the subscription row lock and the
 * sealer's advisory lock let one seal at a time and the others idle.
 */
@Injectable()
export class SealerLoop extends PollingLoop {
  constructor(
    env: Env,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly key: SigningKey,
    private readonly sealer: LedgerSealer,
  ) {
    super(env);
  }

  override async onApplicationBootstrap(): Promise<void> {
    await registerSigningKey(this.db, this.key, this.clock.now());
    this.start();
  }

  /** A pass that sealed anything may have left more behind: go on without sleeping. */
  protected async pass(): Promise<boolean> {
    return (await this.sealer.sealOnce()) > 0;
  }
}
