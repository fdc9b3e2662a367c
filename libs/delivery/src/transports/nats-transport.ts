import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { connect, headers, type NatsConnection } from '@nats-io/transport-node';
import { Env } from '@credence/shared';
import {
  deliveryHeaders,
  type DeliveryOutcome,
  type DeliveryTransport,
  type OutgoingMessage,
} from './transport';

/**
 * For deployments that fan out through a broker (ADR 0025): publishes to JetStream on the platform's subject with
 * `Nats-Msg-Id` set to the message id, so the stream drops a redelivery inside its duplicate window; the stream's
 * acknowledgement means received. Used only when NATS_URL is set; the stream covering the subject is the
 * deployment's (docs/integration.md).
 */
@Injectable()
export class NatsTransport implements DeliveryTransport, OnModuleDestroy {
  readonly kind = 'nats' as const;
  private readonly logger = new Logger(NatsTransport.name);
  private connection?: Promise<{ nc: NatsConnection; js: JetStreamClient }>;

  constructor(private readonly env: Env) {}

  available(): boolean {
    return this.env.NATS_URL !== '';
  }

  async deliver(message: OutgoingMessage): Promise<DeliveryOutcome> {
    try {
      const { js } = await this.connect();
      const h = headers();
      for (const [name, value] of Object.entries(deliveryHeaders(message))) h.set(name, value);
      const ack = await js.publish(message.platform.endpoint, message.body, {
        msgID: message.messageId,
        headers: h,
        timeout: this.env.DELIVERY_TIMEOUT_MS,
      });
      return {
        received: true,
        detail: `JetStream ${ack.stream} seq ${ack.seq}${ack.duplicate ? ' (duplicate, already stored)' : ''}`,
      };
    } catch (error) {
      this.connection = undefined;
      return { received: false, detail: `not published: ${(error as Error).message}`.slice(0, 300) };
    }
  }

  async onModuleDestroy(): Promise<void> {
    const connection = this.connection;
    this.connection = undefined;
    if (connection) await connection.then(({ nc }) => nc.drain()).catch(() => undefined);
  }

  private connect(): Promise<{ nc: NatsConnection; js: JetStreamClient }> {
    this.connection ??= connect({
      servers: this.env.NATS_URL.split(','),
      timeout: this.env.DELIVERY_TIMEOUT_MS,
      name: 'credence-delivery',
    }).then((nc) => {
      void nc.closed().then((err) => {
        if (err) this.logger.warn({ err }, 'NATS connection closed');
        this.connection = undefined;
      });
      return { nc, js: jetstream(nc) };
    });
    const pending = this.connection;
    pending.catch(() => {
      if (this.connection === pending) this.connection = undefined;
    });
    return pending;
  }
}
