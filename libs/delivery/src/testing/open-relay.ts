import { type Clock, type Database, loadEnv, secretBoxOf, type Env } from '@credence/shared';
import { openCaseEngine } from '../../../workflow/src/testing/open-case-engine';
import { DeliveryMessages } from '../delivery-messages';
import { DeliveryMetrics } from '../delivery-metrics';
import { DeliveryReceipts } from '../delivery-receipts';
import { DeliveryRelay } from '../delivery-relay';
import { DeliveryPlatforms } from '../platforms';
import { SyncClocks } from '../sync-clocks';
import { DeliveryTransports } from '../transports/delivery-transports';
import { HttpTransport } from '../transports/http-transport';
import { NatsTransport } from '../transports/nats-transport';

export interface OpenedRelay {
  env: Env;
  relay: DeliveryRelay;
  platforms: DeliveryPlatforms;
  receipts: DeliveryReceipts;
  clocks: SyncClocks;
  nats: NatsTransport;
}

/** The relay wired by hand, without Nest, for integration tests and the bench (real database, real transports). */
export function openRelay(db: Database, clock: Clock, env: Record<string, string> = {}): OpenedRelay {
  const settings = loadEnv({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const { engine, time } = openCaseEngine(db, clock, []);
  const platforms = new DeliveryPlatforms(
    db,
    clock,
    secretBoxOf(settings, () => undefined),
  );
  const messages = new DeliveryMessages(engine, settings);
  const nats = new NatsTransport(settings);
  const transports = new DeliveryTransports(new HttpTransport(settings), nats);
  const relay = new DeliveryRelay(
    db,
    clock,
    settings,
    platforms,
    messages,
    transports,
    new DeliveryMetrics(db, clock),
  );
  const clocks = new SyncClocks(db, clock, time);
  const receipts = new DeliveryReceipts(db, clock, platforms, clocks, messages);
  return { env: settings, relay, platforms, receipts, clocks, nats };
}
