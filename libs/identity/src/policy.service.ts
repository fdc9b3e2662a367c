import { Injectable } from '@nestjs/common';
import { Clock, Database, NotFoundError } from '@credence/shared';

/** The policy facts that live in the database: declared relations between reviewers and subjects (回避). */
@Injectable()
export class PolicyService {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** True when the account declared (or was declared) related to the subject: it must abstain from its cases. */
  async isRelated(accountId: string, subjectCode: string): Promise<boolean> {
    const { rowCount } = await this.db.query(
      'SELECT 1 FROM related_parties WHERE account_id = $1 AND subject_code = $2',
      [accountId, subjectCode],
    );
    return (rowCount ?? 0) > 0;
  }

  /** An unknown account is a 404 (it used to reach the foreign key and answer 500); declaring twice is a no-op. */
  async declareRelated(accountId: string, subjectCode: string, reason: string | null = null): Promise<void> {
    const { rows } = await this.db.query<{ found: boolean }>(
      `WITH account AS (SELECT id FROM accounts WHERE id = $1),
            declared AS (
              INSERT INTO related_parties (account_id, subject_code, reason, declared_at)
              SELECT id, $2, $3, $4 FROM account
              ON CONFLICT (account_id, subject_code) DO NOTHING)
       SELECT EXISTS (SELECT 1 FROM account) AS found`,
      [accountId, subjectCode, reason, this.clock.now()],
    );
    if (!rows[0]?.found) throw new NotFoundError({ zh: '账号', en: 'Account' });
  }
}
