import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A repair commitment follows its repair application: when the application ends without approval (withdrawn, not
 * accepted, rejected, closed) or the draft's commitment is replaced, the commitment lapses (失效) without ever having
 * been relied on. The read model records that outcome beside kept, broken and withdrawn.
 */
export class CommitmentsLapse1767225601400 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE commitments DROP CONSTRAINT commitments_outcome_check`);
    await db.query(`ALTER TABLE commitments ADD CONSTRAINT commitments_outcome_check
      CHECK (outcome IN ('fulfilled', 'breached', 'withdrawn', 'lapsed'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE commitments DROP CONSTRAINT commitments_outcome_check`);
    await db.query(`ALTER TABLE commitments ADD CONSTRAINT commitments_outcome_check
      CHECK (outcome IN ('fulfilled', 'breached', 'withdrawn'))`);
  }
}
