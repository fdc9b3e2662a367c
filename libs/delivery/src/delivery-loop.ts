import { Injectable } from '@nestjs/common';
import { Env, PollingLoop } from '@credence/shared';
import { CLAIM_BATCH, DeliveryRelay } from './delivery-relay';
import { SyncClocks } from './sync-clocks';

/** The relay in the worker: starts sync clocks (and recomputes provisional ones), then delivers what is due, pass after pass (ADR 0025). */
@Injectable()
export class DeliveryLoop extends PollingLoop {
  constructor(
    env: Env,
    private readonly relay: DeliveryRelay,
    private readonly clocks: SyncClocks,
  ) {
    super(env);
  }

  protected async pass(): Promise<boolean> {
    await this.clocks.startPending();
    await this.clocks.recomputeProvisionalIfDue();
    const result = await this.relay.deliverDue();
    // More may be due at once when a platform's batch came back full.
    return result.claimed >= CLAIM_BATCH;
  }
}
