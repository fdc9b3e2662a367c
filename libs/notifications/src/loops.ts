import { Injectable } from '@nestjs/common';
import { Env, PollingLoop } from '@credence/shared';
import { NOTIFICATIONS_BATCH, NotificationProjector } from './notification-projector';
import { OUTWARD_BATCH, OutwardRelay } from './outward/outward-relay';

/** Writes notifications while the process runs the worker; several processes share it (SKIP LOCKED checkpoint). */
@Injectable()
export class NotificationLoop extends PollingLoop {
  constructor(
    env: Env,
    private readonly projector: NotificationProjector,
  ) {
    super(env);
  }

  protected async pass(): Promise<boolean> {
    return (await this.projector.pollOnce()) >= NOTIFICATIONS_BATCH;
  }
}

/** Sends due outward messages while the process runs the worker; several processes share them (SKIP LOCKED). */
@Injectable()
export class OutwardLoop extends PollingLoop {
  constructor(
    env: Env,
    private readonly relay: OutwardRelay,
  ) {
    super(env);
  }

  protected async pass(): Promise<boolean> {
    return (await this.relay.pollOnce()) >= OUTWARD_BATCH;
  }
}
