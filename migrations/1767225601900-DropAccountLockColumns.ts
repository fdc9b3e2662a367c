import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed logins are counted by the shared login throttle (rate_limits, ADR 0020), per username and source: an
 * account-wide counter and lock no longer exist, so their columns go rather than show a lock that is never set.
 */
export class DropAccountLockColumns1767225601900 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE accounts DROP COLUMN failed_logins, DROP COLUMN locked_until`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`ALTER TABLE accounts ADD COLUMN failed_logins integer NOT NULL DEFAULT 0,
                      ADD COLUMN locked_until timestamptz`);
  }
}
