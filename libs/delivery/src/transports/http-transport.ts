import { Injectable } from '@nestjs/common';
import { Env } from '@credence/shared';
import {
  deliveryHeaders,
  type DeliveryOutcome,
  type DeliveryTransport,
  type OutgoingMessage,
} from './transport';

const DETAIL_LIMIT = 300;

/**
 * The embedded default (ADR 0025): a JSON POST to the platform's URL; any 2xx means received. Redirects are not
 * followed (a receiver that moved is re-registered, so a signed message never lands somewhere unregistered), and an
 * answer that takes longer than DELIVERY_TIMEOUT_MS fails the attempt.
 */
@Injectable()
export class HttpTransport implements DeliveryTransport {
  readonly kind = 'http' as const;

  constructor(private readonly env: Env) {}

  available(): boolean {
    return true;
  }

  async deliver(message: OutgoingMessage): Promise<DeliveryOutcome> {
    try {
      const res = await fetch(message.platform.endpoint, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json; charset=utf-8',
          'User-Agent': 'credence-delivery/1',
          ...deliveryHeaders(message),
        },
        body: message.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.env.DELIVERY_TIMEOUT_MS),
      });
      const text = (await res.text().catch(() => '')).slice(0, DETAIL_LIMIT);
      const received = res.status >= 200 && res.status < 300;
      return { received, httpStatus: res.status, detail: `HTTP ${res.status}${text ? `: ${text}` : ''}` };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string } };
      const reason =
        e.name === 'TimeoutError'
          ? `no answer within ${this.env.DELIVERY_TIMEOUT_MS} ms`
          : (e.cause?.code ?? e.message);
      return { received: false, detail: `not delivered: ${reason}`.slice(0, DETAIL_LIMIT) };
    }
  }
}
