import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Idempotency keys a crash left pending can be recovered (ADR 0006, issue 14 item 15): each claim has a token and a
 * lease its owner keeps renewing; an append made under the claim commits only while the token still holds and
 * records, in the same statement, which stream and version it committed — so a later retry knows whether the
 * command happened and can rebuild its answer, and a retry that took the key over can never run it twice.
 */
export class IdempotencyKeyClaims1767225601850 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE idempotency_keys
        ADD COLUMN claim             uuid,
        ADD COLUMN lease_until       timestamptz,
        ADD COLUMN committed_stream  text,
        ADD COLUMN committed_version integer,
        ADD COLUMN committed_at      timestamptz`);
    await db.query(
      `CREATE INDEX idempotency_keys_pending ON idempotency_keys (lease_until) WHERE state = 'pending'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX idempotency_keys_pending`);
    await db.query(`
      ALTER TABLE idempotency_keys
        DROP COLUMN claim, DROP COLUMN lease_until, DROP COLUMN committed_stream,
        DROP COLUMN committed_version, DROP COLUMN committed_at`);
  }
}
