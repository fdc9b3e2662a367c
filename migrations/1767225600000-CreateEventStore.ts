import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only event store (ADR 0002). Global order for subscribers is (transaction_id, global_position) read
 * below the xmin horizon; the sequence alone loses events (eventstore-anchors §4).
 */
export class CreateEventStore1767225600000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'credence_app') THEN
          CREATE ROLE credence_app NOLOGIN;
        END IF;
      END $$`);
    // The owner must be a member to SET ROLE when it is not a superuser.
    await db.query(`DO $$ BEGIN
        IF NOT pg_has_role(current_user, 'credence_app', 'MEMBER') THEN EXECUTE 'GRANT credence_app TO ' || quote_ident(current_user); END IF;
      END $$`);
    await db.query(`GRANT USAGE ON SCHEMA public TO credence_app`);
    await db.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO credence_app`,
    );
    await db.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO credence_app`,
    );

    await db.query(`
      CREATE TABLE events (
        global_position bigint GENERATED ALWAYS AS IDENTITY,
        transaction_id  xid8        NOT NULL DEFAULT pg_current_xact_id(),
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL CHECK (stream_version > 0),
        stream_type     text        NOT NULL,
        event_id        uuid        NOT NULL,
        type            text        NOT NULL,
        schema_version  smallint    NOT NULL DEFAULT 1,
        data            jsonb       NOT NULL,
        metadata        jsonb       NOT NULL,
        recorded_at     timestamptz NOT NULL,
        hash_algorithm  text        NOT NULL CHECK (hash_algorithm IN ('sm3', 'sha256')),
        prev_hash       bytea       NOT NULL,
        hash            bytea       NOT NULL,
        CONSTRAINT events_pkey PRIMARY KEY (stream_id, stream_version)
      )`);
    await db.query(`CREATE UNIQUE INDEX events_global_position ON events (global_position)`);
    await db.query(`CREATE INDEX events_subscription_order ON events (transaction_id, global_position)`);
    await db.query(`CREATE UNIQUE INDEX events_event_id ON events (event_id)`);

    // Append-only, twice over: the trigger stops everyone (owner included) short of a superuser disabling it;
    // the app role has no UPDATE, DELETE or TRUNCATE privilege in the first place.
    await db.query(`
      CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'events are append-only (事件只可追加): % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
                    FOR EACH ROW EXECUTE FUNCTION events_refuse_change()`);
    await db.query(`CREATE TRIGGER events_no_truncate BEFORE TRUNCATE ON events
                    FOR EACH STATEMENT EXECUTE FUNCTION events_refuse_change()`);
    await db.query(`REVOKE ALL ON events FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON events TO credence_app`);

    await db.query(`
      CREATE TABLE subscription_checkpoints (
        name            text PRIMARY KEY,
        transaction_id  xid8        NOT NULL DEFAULT '0',
        global_position bigint      NOT NULL DEFAULT 0,
        updated_at      timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE subscription_checkpoints`);
    await db.query(`DROP TABLE events`);
    await db.query(`DROP FUNCTION events_refuse_change()`);
  }
}
