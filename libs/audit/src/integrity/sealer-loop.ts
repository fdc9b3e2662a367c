import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { Clock, Database, Env } from '@credence/shared';
import { LedgerSealer } from './ledger-sealer';
import { SigningKey } from './signing';
import { registerSigningKey } from './signing-keys';

/**
 * Every process records its signing key in the key history at start (the API publishes it); worker processes (the
 * worker app, or the API with RUN_WORKER) then seal in a loop. Several may run: the subscription row lock and the
 * sealer's advisory lock let one seal at a time and the others idle.
 */
@Injectable()
export class SealerLoop implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SealerLoop.name);
  private running = false;
  private loop?: Promise<void>;

  constructor(
    private readonly env: Env,
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly key: SigningKey,
    private readonly sealer: LedgerSealer,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await registerSigningKey(this.db, this.key, this.clock.now());
    if (!this.env.RUN_WORKER) return;
    this.running = true;
    this.loop = this.run();
  }

  async onApplicationShutdown(): Promise<void> {
    this.running = false;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sealed = 0;
      try {
        sealed = await this.sealer.sealOnce();
      } catch (error) {
        this.logger.error({ err: error }, 'sealing pass failed');
      }
      // A full batch means more is waiting: go on without sleeping.
      if (sealed === 0) await new Promise((resolve) => setTimeout(resolve, this.env.WORKER_POLL_MS));
    }
  }
}
