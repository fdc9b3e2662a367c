import type { SmsGateway } from '../outward/sms-gateway';

/** An SMS gateway for tests: keeps what it was asked to send, and refuses while told to. */
export class RecordingSmsGateway implements SmsGateway {
  readonly sent: { to: string; text: string; messageId: string }[] = [];
  refuseNext = 0;

  send(to: string, text: string, messageId: string): Promise<void> {
    if (this.refuseNext > 0) {
      this.refuseNext -= 1;
      return Promise.reject(new Error('gateway unavailable'));
    }
    this.sent.push({ to, text, messageId });
    return Promise.resolve();
  }
}
