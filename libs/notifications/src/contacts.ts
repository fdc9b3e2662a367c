import { Injectable } from '@nestjs/common';
import { Clock, Database, NotFoundError } from '@credence/shared';
import type { OutwardChannelName } from './outward/outward-channel';

/** Where and how an account wants to be told beyond the inbox. */
export interface ContactPreference {
  email: string | null;
  phone: string | null;
  language: 'zh-CN' | 'en';
  channels: OutwardChannelName[];
}

const DEFAULT: ContactPreference = {
  email: null,
  phone: null,
  language: 'zh-CN',
  channels: ['email', 'sms'],
};

/** Contact preferences per account: no address, no outward message (the inbox always has it). */
@Injectable()
export class Contacts {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async of(accountId: string): Promise<ContactPreference> {
    await this.mustExist(accountId);
    const { rows } = await this.db.query<ContactPreference>(
      `SELECT email, phone, language, channels FROM account_contacts WHERE account_id = $1`,
      [accountId],
    );
    return rows[0] ?? DEFAULT;
  }

  /** Replaces the preference whole (absent members: no address, Chinese, every channel). */
  async set(accountId: string, change: Partial<ContactPreference>, by: string): Promise<ContactPreference> {
    await this.mustExist(accountId);
    // Members sent as undefined (a DTO's absent optionals) take the default, like members not sent at all.
    const given = Object.fromEntries(Object.entries(change).filter(([, v]) => v !== undefined));
    const next: ContactPreference = { ...DEFAULT, ...given };
    const { rows } = await this.db.query<ContactPreference>(
      `INSERT INTO account_contacts (account_id, email, phone, language, channels, updated_at, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (account_id) DO UPDATE SET email = $2, phone = $3, language = $4, channels = $5, updated_at = $6,
                                               updated_by = $7
       RETURNING email, phone, language, channels`,
      [accountId, next.email, next.phone, next.language, [...new Set(next.channels)], this.clock.now(), by],
    );
    return rows[0];
  }

  private async mustExist(accountId: string): Promise<void> {
    const { rows } = await this.db.query(`SELECT 1 FROM accounts WHERE id = $1`, [accountId]);
    if (rows.length === 0) throw new NotFoundError({ zh: '账号', en: 'Account' });
  }
}
