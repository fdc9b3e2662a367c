import type { MigrationInterface, QueryRunner } from 'typeorm';

const APPEND_ONLY = ['audit_ledger', 'audit_merkle_nodes', 'audit_checkpoints', 'audit_signing_keys'];

/**
 * The Merkle seal over the event store (ADR 0010): a gapless ledger of sealed events in subscription order, the
 * interior nodes that make proofs cheap, signed checkpoints, the signing keys' history, and verification jobs.
 * Everything but the jobs is append-only, like the events: a trigger for everyone and only SELECT/INSERT for the
 * app role.
 */
export class CreateAuditLedger1767225600600 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_ledger (
        ledger_index    bigint      PRIMARY KEY CHECK (ledger_index >= 0),
        global_position bigint      NOT NULL,
        stream_id       text        NOT NULL,
        stream_version  integer     NOT NULL,
        event_hash      bytea       NOT NULL,
        leaf_hash       bytea       NOT NULL,
        sealed_at       timestamptz NOT NULL
      )`);
    // One leaf per event: a second sealer (or a replay) cannot seal an event twice.
    await db.query(`CREATE UNIQUE INDEX audit_ledger_event ON audit_ledger (stream_id, stream_version)`);

    // Roots of perfect subtrees every 4 levels (16, 256, 4096 … leaves): an inclusion or consistency proof then
    // reads a few dozen rows instead of the ledger. A cache only: proofs are checked against signed roots.
    await db.query(`
      CREATE TABLE audit_merkle_nodes (
        level       smallint NOT NULL CHECK (level > 0),
        node_index  bigint   NOT NULL CHECK (node_index >= 0),
        hash        bytea    NOT NULL,
        PRIMARY KEY (level, node_index)
      )`);

    await db.query(`
      CREATE TABLE audit_checkpoints (
        tree_size          bigint      PRIMARY KEY CHECK (tree_size > 0),
        root_hash          bytea       NOT NULL,
        sealed_at          timestamptz NOT NULL,
        origin             text        NOT NULL,
        key_id             text        NOT NULL,
        algorithm          text        NOT NULL CHECK (algorithm IN ('ed25519', 'sm2')),
        signature          bytea       NOT NULL,
        previous_tree_size bigint
      )`);
    await db.query(`CREATE INDEX audit_checkpoints_sealed_at ON audit_checkpoints (sealed_at)`);

    // Each key signs the id of the key it replaced, so trusting the current key extends to the older ones.
    await db.query(`
      CREATE TABLE audit_signing_keys (
        key_id               text        PRIMARY KEY,
        algorithm            text        NOT NULL CHECK (algorithm IN ('ed25519', 'sm2')),
        public_key           text        NOT NULL,
        registered_at        timestamptz NOT NULL,
        predecessor_key_id   text,
        succession_signature bytea
      )`);

    await db.query(`
      CREATE FUNCTION audit_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (审计账本只可追加): % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    for (const table of APPEND_ONLY) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
                      FOR EACH ROW EXECUTE FUNCTION audit_refuse_change()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                      FOR EACH STATEMENT EXECUTE FUNCTION audit_refuse_change()`);
      await db.query(`REVOKE ALL ON ${table} FROM credence_app`);
      await db.query(`GRANT SELECT, INSERT ON ${table} TO credence_app`);
    }

    // Background verifications: progress rows any API process can read.
    await db.query(`
      CREATE TABLE audit_verifications (
        id              uuid        PRIMARY KEY,
        requested_by    uuid        NOT NULL,
        stream_id       text,
        status          text        NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        phase           text        NOT NULL,
        events_total    bigint      NOT NULL DEFAULT 0,
        events_checked  bigint      NOT NULL DEFAULT 0,
        failures_found  integer     NOT NULL DEFAULT 0,
        ok              boolean,
        report          jsonb,
        error           text,
        started_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL,
        finished_at     timestamptz
      )`);
    await db.query(`REVOKE ALL ON audit_verifications FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON audit_verifications TO credence_app`);
    // Checkpoints anchored through the outbox belong to no case and no event.
    await db.query(
      `ALTER TABLE outbox ALTER COLUMN case_id DROP NOT NULL, ALTER COLUMN event_id DROP NOT NULL`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM outbox WHERE case_id IS NULL`);
    await db.query(
      `ALTER TABLE outbox ALTER COLUMN case_id SET NOT NULL, ALTER COLUMN event_id SET NOT NULL`,
    );
    await db.query(`DROP TABLE audit_verifications`);
    for (const table of [...APPEND_ONLY].reverse()) await db.query(`DROP TABLE ${table}`);
    await db.query(`DROP FUNCTION audit_refuse_change()`);
  }
}
