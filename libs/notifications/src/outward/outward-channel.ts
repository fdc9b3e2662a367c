/** The outward channels a notification may also take besides the inbox (站内信). */
export const OUTWARD_CHANNELS = ['email', 'sms'] as const;
export type OutwardChannelName = (typeof OUTWARD_CHANNELS)[number];

/** One message as a channel sends it: already in the recipient's language. */
export interface OutwardMessage {
  /** Stable across attempts: a receiver (mail server, gateway) may use it to drop a duplicate. */
  id: string;
  address: string;
  subject: string;
  body: string;
  language: 'zh-CN' | 'en';
}

/**
 * The port every outward channel implements. `send` resolves when the message was handed over (the SMTP server
 * accepted it, the gateway answered 2xx) and rejects otherwise; the relay retries.
 */
export interface OutwardChannel {
  readonly name: OutwardChannelName;
  send(message: OutwardMessage): Promise<void>;
  close?(): void;
}

/** The channels this process has configured; a channel not here is off (its messages are never written). */
export class OutwardChannels {
  private readonly byName: Map<OutwardChannelName, OutwardChannel>;

  constructor(channels: OutwardChannel[]) {
    this.byName = new Map(channels.map((c) => [c.name, c]));
  }

  get(name: OutwardChannelName): OutwardChannel | undefined {
    return this.byName.get(name);
  }

  enabled(): OutwardChannelName[] {
    return [...this.byName.keys()];
  }

  close(): void {
    for (const channel of this.byName.values()) channel.close?.();
  }
}
