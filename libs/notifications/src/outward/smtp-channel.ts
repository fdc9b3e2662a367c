import nodemailer, { type Transporter } from 'nodemailer';
import type { OutwardChannel, OutwardMessage } from './outward-channel';

/** E-mail over SMTP (nodemailer). The message id is the row's, so a server or a reader can tell a repeat. */
export class SmtpChannel implements OutwardChannel {
  readonly name = 'email' as const;
  private readonly transport: Transporter;

  constructor(
    url: string,
    private readonly from: string,
    options: { timeoutMs?: number } = {},
  ) {
    const timeout = options.timeoutMs ?? 15_000;
    // A certificate is only checked when the URL says TLS (smtps:// or ?secure=true); plain SMTP inside a
    // deployment's network is the operator's choice, as the URL states it.
    this.transport = nodemailer.createTransport(url, {
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    } as never);
  }

  async send(message: OutwardMessage): Promise<void> {
    await this.transport.sendMail({
      from: this.from,
      to: message.address,
      subject: message.subject,
      text: message.body,
      messageId: `<${message.id}@credence>`,
      headers: { 'X-Credence-Message-Id': message.id, 'Content-Language': message.language },
    });
  }

  close(): void {
    this.transport.close();
  }
}
