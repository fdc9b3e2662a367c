import { Injectable } from '@nestjs/common';
import { Clock, Database } from '@credence/shared';

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

  async declareRelated(accountId: string, subjectCode: string, reason: string | null = null): Promise<void> {
    await this.db.query(
      `INSERT INTO related_parties (account_id, subject_code, reason, declared_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (account_id, subject_code) DO NOTHING`,
      [accountId, subjectCode, reason, this.clock.now()],
    );
  }
}
