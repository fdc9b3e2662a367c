import type { OutwardChannel, OutwardMessage } from './outward-channel';

/** An SMS gateway: hands one text to a carrier's or a provider's service. */
export interface SmsGateway {
  send(to: string, text: string, messageId: string): Promise<void>;
}

/** SMS through whatever gateway is configured. A text message carries the title and the body, nothing else. */
export class SmsChannel implements OutwardChannel {
  readonly name = 'sms' as const;

  constructor(private readonly gateway: SmsGateway) {}

  send(message: OutwardMessage): Promise<void> {
    return this.gateway.send(message.address, `【信用交通】${message.subject}\n${message.body}`, message.id);
  }
}

/**
 * A gateway reached over HTTP: `POST <url>` with `{ to, text, messageId }` as JSON and a bearer token; any 2xx is
 * accepted. Providers with their own protocol sit behind a small adapter that speaks this one.
 */
export class HttpSmsGateway implements SmsGateway {
  constructor(
    private readonly url: string,
    private readonly token: string,
    private readonly timeoutMs = 10_000,
  ) {}

  async send(to: string, text: string, messageId: string): Promise<void> {
    const response = await fetch(this.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'Idempotency-Key': messageId,
        ...(this.token ? { Authorization: `Bearer ${this.token}` } : {}),
      },
      body: JSON.stringify({ to, text, messageId }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    if (!response.ok) throw new Error(`SMS gateway answered ${response.status}`);
  }
}
