import { Injectable } from '@nestjs/common';
import { Clock, Database, NotFoundError } from '@credence/shared';
import { NotYetSentError, PlatformSignatureError, ReceiptConflictError } from './delivery-errors';
import { DeliveryMessages } from './delivery-messages';
import type { OutboxRow } from './outbox-row';
import { DeliveryPlatforms, type PlatformWithSecret } from './platforms';
import { signatureMatches, timestampFresh } from './signature';
import { SyncClocks } from './sync-clocks';

/** The three headers a platform signs a request to us with. */
export interface PlatformCredentials {
  platform?: string;
  timestamp?: string;
  signature?: string;
}

export interface Receipt {
  status: 'done' | 'refused';
  reason?: string;
}

const notFound = (messageId: string) => new NotFoundError({ zh: '推送消息', en: 'Message' }, { messageId });

/**
 * Receipts (执行反馈, ADR 0025): the platform says it carried the message out (`done`) or will not (`refused`, with
 * its reason), signed like our messages with its own secret. A message of another platform is absent (404), as is
 * one that does not exist. The same receipt twice is answered as the first; a different one is a conflict.
 */
@Injectable()
export class DeliveryReceipts {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly platforms: DeliveryPlatforms,
    private readonly clocks: SyncClocks,
    private readonly messages: DeliveryMessages,
  ) {}

  /** Checks the signature over the raw body; answers the platform, or throws 401. */
  async authenticate(
    credentials: PlatformCredentials,
    rawBody: Buffer | string,
  ): Promise<PlatformWithSecret> {
    const { platform: code, timestamp, signature } = credentials;
    if (!code || !timestamp || !signature) throw new PlatformSignatureError('missing');
    if (!timestampFresh(timestamp, this.clock.now())) throw new PlatformSignatureError('stale');
    const platform = /^[a-z0-9][a-z0-9-]{0,62}$/.test(code) ? await this.platforms.withSecret(code) : null;
    // An unknown platform and a wrong signature answer alike: nobody learns which codes are registered.
    if (!platform || !signatureMatches(platform.secret, timestamp, rawBody, signature))
      throw new PlatformSignatureError('invalid');
    return platform;
  }

  async record(platform: PlatformWithSecret, messageId: string, receipt: Receipt) {
    const now = this.clock.now();
    const status = receipt.status === 'done' ? 'confirmed' : 'refused';
    const reason = receipt.reason ?? null;
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<OutboxRow>(
        `SELECT * FROM outbox WHERE id = $1 AND platform_code = $2 FOR UPDATE`,
        [messageId, platform.code],
      );
      const row = rows[0];
      if (!row) throw notFound(messageId);
      if (row.status === 'confirmed' || row.status === 'refused') {
        if (row.status !== status) throw new ReceiptConflictError(messageId, row.status);
        return view(row);
      }
      // A receipt may overtake the relay's own record of the delivery (the receiver answered before we wrote it).
      if (row.attempts === 0 && row.status === 'pending') throw new NotYetSentError(messageId);
      const { rows: updated } = await tx.query<OutboxRow>(
        `UPDATE outbox SET status = $2, receipt_at = $3, receipt_reason = $4, delivered_at = coalesce(delivered_at, $3),
                           lease_token = NULL
          WHERE id = $1 RETURNING *`,
        [messageId, status, now, reason],
      );
      await tx.query(
        `INSERT INTO delivery_attempts (message_id, case_id, platform_code, kind, outcome, detail, recorded_at)
         VALUES ($1, $2, $3, 'receipt', $4, $5, $6)`,
        [messageId, row.case_id, platform.code, receipt.status, reason, now],
      );
      await this.clocks.stop(tx, row, now);
      return view(updated[0]);
    });
  }

  /** The decision document a message links to, for the platform it was sent to. */
  async document(platform: PlatformWithSecret, messageId: string) {
    const { rows } = await this.db.query<OutboxRow>(
      `SELECT * FROM outbox WHERE id = $1 AND platform_code = $2`,
      [messageId, platform.code],
    );
    const row = rows[0];
    const document = row ? await this.messages.document(row, this.db) : null;
    if (!document) throw new NotFoundError({ zh: '决定文书', en: 'Decision document' }, { messageId });
    return document;
  }
}

function view(row: OutboxRow) {
  return {
    messageId: row.id,
    platform: row.platform_code,
    status: row.status,
    receiptAt: row.receipt_at?.toISOString() ?? null,
    reason: row.receipt_reason,
  };
}
