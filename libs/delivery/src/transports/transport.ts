import type { PlatformTransport, PlatformWithSecret } from '../platforms';

/** One message on its way to one platform, already signed: every transport sends the same bytes and headers. */
export interface OutgoingMessage {
  /** The outbox row's id: the same on every attempt, so the receiver dedupes on it. */
  messageId: string;
  platform: PlatformWithSecret;
  /** The JSON text; the signature covers exactly these bytes. */
  body: string;
  /** Unix seconds, as signed. */
  timestamp: string;
  signature: string;
}

/** What one attempt came to: received (the receiver took responsibility for it), or why not. */
export interface DeliveryOutcome {
  received: boolean;
  httpStatus?: number;
  /** A short, loggable account (never the secret or the body). */
  detail: string;
}

/** The headers every message carries (HTTP headers, or NATS message headers). */
export function deliveryHeaders(message: OutgoingMessage): Record<string, string> {
  return {
    'X-Credence-Message-Id': message.messageId,
    'X-Credence-Timestamp': message.timestamp,
    'X-Credence-Signature': message.signature,
    'X-Credence-Platform': message.platform.code,
  };
}

/** The port a transport implements (ADR 0025): deliver once, say whether it was received, never throw for the receiver. */
export interface DeliveryTransport {
  readonly kind: PlatformTransport;
  /** Whether this process can use it now (NATS needs NATS_URL); rows of a platform it cannot serve wait. */
  available(): boolean;
  deliver(message: OutgoingMessage): Promise<DeliveryOutcome>;
}
