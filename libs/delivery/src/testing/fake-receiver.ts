import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signatureMatches } from '../signature';

export interface ReceivedMessage {
  messageId: string;
  timestamp: string;
  signature: string;
  platform: string;
  body: string;
  /** Whether the signature verifies with the receiver's secret, as a real receiver would check it. */
  verified: boolean;
  answered: number;
}

/**
 * A downstream platform (a fake 信用中国) as a real HTTP server: records every request, checks its signature with
 * its own copy of the secret, and answers with the statuses it is told to (then 200).
 */
export class FakeReceiver {
  readonly received: ReceivedMessage[] = [];
  /** Statuses for the next requests, in order; 200 once used up. */
  answers: number[] = [];
  /** Delay before answering, in ms (to hold a delivery in flight). */
  delayMs = 0;
  private server?: Server;

  constructor(private readonly secret: string) {}

  get url(): string {
    return `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}/credence/messages`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void this.read(req).then(async (body) => {
        const header = (name: string) => String(req.headers[name] ?? '');
        const answered = this.answers.shift() ?? 200;
        this.received.push({
          messageId: header('x-credence-message-id'),
          timestamp: header('x-credence-timestamp'),
          signature: header('x-credence-signature'),
          platform: header('x-credence-platform'),
          body,
          verified: signatureMatches(
            this.secret,
            header('x-credence-timestamp'),
            body,
            header('x-credence-signature'),
          ),
          answered,
        });
        if (this.delayMs) await new Promise((r) => setTimeout(r, this.delayMs));
        res.writeHead(answered, { 'Content-Type': 'application/json' }).end('{"ok":true}');
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private read(req: IncomingMessage): Promise<string> {
    return new Promise((resolve) => {
      const chunks: Buffer[] = [];
      req
        .on('data', (c: Buffer) => chunks.push(c))
        .on('end', () => resolve(Buffer.concat(chunks).toString()));
    });
  }
}
