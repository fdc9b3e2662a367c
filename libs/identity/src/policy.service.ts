import { Injectable } from '@nestjs/common';
import { Clock, Database, NotFoundError } from '@credence/shared';
import { AccountCache, announceAccountChange } from './account-cache';
import { recordAccountChange, type ChangedBy } from './account-changes';

/**
 * The policy facts that live in the database: declared relations between reviewers and subjects (回避). A change is
 * announced like any change to the account, so the account cache (which keeps the declared subjects with the
 * account) drops it in every process; the process that made it drops it before answering.
 */
@Injectable()
export class PolicyService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly accounts: AccountCache,
  ) {}

  /** True when the account declared (or was declared) related to the subject: it must abstain from its cases. */
  async isRelated(accountId: string, subjectCode: string): Promise<boolean> {
    // The acting account was just read or taken from the cache by the guard: its declarations came with it.
    const cached = this.accounts.get(accountId);
    if (cached) return cached.related_subjects.includes(subjectCode);
    const { rowCount } = await this.db.query(
      'SELECT 1 FROM related_parties WHERE account_id = $1 AND subject_code = $2',
      [accountId, subjectCode],
    );
    return (rowCount ?? 0) > 0;
  }

  /**
   * Declares the account related to the subject, recording who did (account_changes). An unknown account is a 404
   * (it used to reach the foreign key and answer 500); declaring twice is a no-op, recorded once.
   */
  async declareRelated(
    accountId: string,
    subjectCode: string,
    reason: string | null,
    by: ChangedBy,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const now = this.clock.now();
      const { rows } = await tx.query<{ found: boolean; declared: boolean }>(
        `WITH account AS (SELECT id FROM accounts WHERE id = $1),
              declared AS (
                INSERT INTO related_parties (account_id, subject_code, reason, declared_at)
                SELECT id, $2, $3, $4 FROM account
                ON CONFLICT (account_id, subject_code) DO NOTHING RETURNING 1)
         SELECT EXISTS (SELECT 1 FROM account) AS found, EXISTS (SELECT 1 FROM declared) AS declared`,
        [accountId, subjectCode, reason, now],
      );
      if (!rows[0]?.found) throw new NotFoundError({ zh: '账号', en: 'Account' });
      if (rows[0].declared) {
        await recordAccountChange(tx, accountId, 'related-declared', { subjectCode, reason }, by, now);
        await announceAccountChange(tx, accountId);
      }
    });
    this.accounts.invalidate(accountId);
  }

  /** The subjects the account is declared related to, newest first. */
  async relatedSubjects(accountId: string): Promise<RelatedSubject[]> {
    const { rows } = await this.db.query<{
      found: boolean;
      subject_code: string | null;
      reason: string | null;
      declared_at: Date | null;
    }>(
      `SELECT true AS found, r.subject_code, r.reason, r.declared_at
         FROM accounts a LEFT JOIN related_parties r ON r.account_id = a.id
        WHERE a.id = $1 ORDER BY r.declared_at DESC NULLS LAST, r.subject_code`,
      [accountId],
    );
    if (rows.length === 0) throw new NotFoundError({ zh: '账号', en: 'Account' });
    return rows
      .filter((r) => r.subject_code !== null)
      .map((r) => ({
        subjectCode: r.subject_code!,
        reason: r.reason,
        declaredAt: r.declared_at!.toISOString(),
      }));
  }

  /**
   * Withdraws a declaration (the account may review the subject's cases again), recording who did and why. A
   * declaration that does not exist is a 404.
   */
  async withdrawRelated(
    accountId: string,
    subjectCode: string,
    reason: string,
    by: ChangedBy,
  ): Promise<void> {
    await this.db.transaction(async (tx) => {
      const { rowCount } = await tx.query(
        `DELETE FROM related_parties WHERE account_id = $1 AND subject_code = $2`,
        [accountId, subjectCode],
      );
      if (!rowCount)
        throw new NotFoundError({ zh: '关联主体声明', en: 'Related-subject declaration' }, { subjectCode });
      await recordAccountChange(
        tx,
        accountId,
        'related-withdrawn',
        { subjectCode, reason },
        by,
        this.clock.now(),
      );
      await announceAccountChange(tx, accountId);
    });
    this.accounts.invalidate(accountId);
  }
}

export interface RelatedSubject {
  subjectCode: string;
  reason: string | null;
  declaredAt: string;
}
