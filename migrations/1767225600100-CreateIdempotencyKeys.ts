import type { MigrationInterface, QueryRunner } from 'typeorm';

/** First answers to POSTs carrying an Idempotency-Key, per caller, so a retry gets the same answer. */
export class CreateIdempotencyKeys1767225600100 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE idempotency_keys (
        scope         text        NOT NULL,
        key           text        NOT NULL,
        method        text        NOT NULL,
        path          text        NOT NULL,
        request_hash  bytea       NOT NULL,
        state         text        NOT NULL CHECK (state IN ('pending', 'done')),
        status_code   integer,
        response_body jsonb,
        headers       jsonb,
        created_at    timestamptz NOT NULL DEFAULT now(),
        completed_at  timestamptz,
        PRIMARY KEY (scope, key)
      )`);
    await db.query(`CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE idempotency_keys`);
  }
}
