import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Rate-limit and login-attempt counters shared by every API process (rate-limiter-flexible's PostgreSQL layout:
 * key, points, expire in epoch milliseconds). UNLOGGED: counters are worth nothing after a crash, and skipping the
 * WAL keeps a hot counter cheap; a replica does not see them (it never needs to).
 */
export class CreateRateLimits1767225601700 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE UNLOGGED TABLE rate_limits (
        key    varchar(255) PRIMARY KEY,
        points integer      NOT NULL DEFAULT 0,
        expire bigint
      )`);
    await db.query(`CREATE INDEX rate_limits_expire ON rate_limits (expire)`);
    await db.query(`REVOKE ALL ON rate_limits FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limits TO credence_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE rate_limits`);
  }
}
