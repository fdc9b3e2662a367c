import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Topics written before delivery existed, and where each goes (ADR 0025); repair rows name their platform. */
const TOPIC_PLATFORMS: Record<string, string> = {
  'grade.re-evaluation-requested': 'credit-evaluation',
  'commitment.revoke-linked-decision': 'licence-issuer',
  'audit.checkpoint': 'audit-anchor',
};

/**
 * Delivery of outbox rows to other platforms (信息推送) and their receipts (执行反馈), ADR 0025:
 * - `delivery_platforms`: the downstream platforms as data (transport, endpoint, HMAC secret), and
 *   `delivery_platform_changes`, who registered or changed what (append-only; the secret itself is never copied);
 * - the outbox row gains its platform, its authority, the attempt schedule (`next_attempt_at` doubles as the lease
 *   of a claim), the frozen message, dead-lettering, the receipt, and `seq`, the order rows were written in (two
 *   decisions of one case may share an instant; the reaction writing the later one always runs after the earlier);
 * - `delivery_attempts`: every attempt, answer and receipt, append-only like the event store;
 * - the time limit `delivery.sync` (3 working days to confirm, 国办发〔2025〕22号).
 */
export class CreateDelivery1767225602000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE delivery_platforms (
        code        text        PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
        name        text        NOT NULL,
        transport   text        NOT NULL CHECK (transport IN ('http', 'nats')),
        endpoint    text        NOT NULL,
        secret      text        NOT NULL,
        created_at  timestamptz NOT NULL,
        updated_at  timestamptz NOT NULL,
        updated_by  text        NOT NULL
      )`);
    await db.query(`REVOKE ALL ON delivery_platforms FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT, UPDATE ON delivery_platforms TO credence_app`);

    await db.query(`
      CREATE FUNCTION delivery_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (推送记录只可追加): % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`
      CREATE TABLE delivery_platform_changes (
        id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        platform_code   text        NOT NULL,
        change          text        NOT NULL CHECK (change IN ('registered', 'changed')),
        name            text        NOT NULL,
        transport       text        NOT NULL,
        endpoint        text        NOT NULL,
        secret_changed  boolean     NOT NULL,
        secret_fingerprint text      NOT NULL,
        actor_id        text        NOT NULL,
        actor_role      text        NOT NULL,
        changed_at      timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX delivery_platform_changes_code ON delivery_platform_changes (platform_code, changed_at)`,
    );

    await db.query(`
      CREATE TABLE delivery_attempts (
        id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        message_id      uuid        NOT NULL,
        case_id         uuid,
        platform_code   text        NOT NULL,
        kind            text        NOT NULL CHECK (kind IN ('attempt', 'receipt')),
        attempt         integer,
        outcome         text        NOT NULL CHECK (outcome IN ('received', 'failed', 'dead-lettered', 'done', 'refused')),
        http_status     integer,
        detail          text,
        duration_ms     integer,
        worker          text,
        recorded_at     timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX delivery_attempts_message ON delivery_attempts (message_id, id)`);
    await db.query(`CREATE INDEX delivery_attempts_case ON delivery_attempts (case_id, id)`);
    for (const table of ['delivery_platform_changes', 'delivery_attempts']) {
      await db.query(`CREATE TRIGGER ${table}_append_only BEFORE UPDATE OR DELETE ON ${table}
                      FOR EACH ROW EXECUTE FUNCTION delivery_refuse_change()`);
      await db.query(`CREATE TRIGGER ${table}_no_truncate BEFORE TRUNCATE ON ${table}
                      FOR EACH STATEMENT EXECUTE FUNCTION delivery_refuse_change()`);
      await db.query(`REVOKE ALL ON ${table} FROM credence_app`);
      await db.query(`GRANT SELECT, INSERT ON ${table} TO credence_app`);
    }

    await db.query(`ALTER TABLE outbox DROP CONSTRAINT IF EXISTS outbox_status_check`);
    await db.query(`
      ALTER TABLE outbox
        ADD COLUMN platform_code    text,
        ADD COLUMN authority_code   text,
        ADD COLUMN next_attempt_at  timestamptz,
        ADD COLUMN lease_token      uuid,
        ADD COLUMN last_attempt_at  timestamptz,
        ADD COLUMN dead_lettered_at timestamptz,
        ADD COLUMN message          jsonb,
        ADD COLUMN sync_due_at      timestamptz,
        ADD COLUMN receipt_at       timestamptz,
        ADD COLUMN receipt_reason   text,
        ADD COLUMN seq              bigint GENERATED ALWAYS AS IDENTITY,
        ADD CONSTRAINT outbox_status_check
          CHECK (status IN ('pending', 'delivered', 'confirmed', 'refused', 'dead'))`);
    // A writer states the platform; the schedule starts at the row's own time and the authority is its case's.
    // Kept in the database so every writer (reactions, the machine's effects, the ledger sealer) gets the same.
    await db.query(`
      CREATE FUNCTION outbox_delivery_defaults() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.next_attempt_at := coalesce(NEW.next_attempt_at, NEW.created_at);
        IF NEW.authority_code IS NULL AND NEW.case_id IS NOT NULL THEN
          NEW.authority_code := (SELECT authority_code FROM cases WHERE id = NEW.case_id);
        END IF;
        RETURN NEW;
      END $$`);
    await db.query(`CREATE TRIGGER outbox_delivery_defaults BEFORE INSERT ON outbox
                    FOR EACH ROW EXECUTE FUNCTION outbox_delivery_defaults()`);
    await db.query(
      `
      UPDATE outbox o SET
        platform_code = coalesce(o.payload -> 'platform' ->> 'code',
                                 (SELECT t.platform FROM jsonb_each_text($1::jsonb) AS t(topic, platform)
                                   WHERE t.topic = o.topic)),
        next_attempt_at = o.created_at,
        authority_code = (SELECT authority_code FROM cases c WHERE c.id = o.case_id)`,
      [JSON.stringify(TOPIC_PLATFORMS)],
    );
    // The claim: due rows of one platform in schedule order (ADR 0025; asserted as an index scan by a test). Its
    // per-case order check uses outbox_case (a case has a handful of rows).
    await db.query(
      `CREATE INDEX outbox_due ON outbox (platform_code, next_attempt_at) WHERE status = 'pending'`,
    );
    // Confirmations overdue, and delivered rows waiting for their receipt.
    await db.query(`CREATE INDEX outbox_awaiting_receipt ON outbox (sync_due_at) WHERE status = 'delivered'`);
    await db.query(`CREATE INDEX outbox_dead ON outbox (dead_lettered_at) WHERE status = 'dead'`);
    // Platform rows of a case whose sync clock has not started yet (SyncClocks).
    await db.query(
      `CREATE INDEX outbox_sync_unstarted ON outbox (created_at)
        WHERE sync_due_at IS NULL AND case_id IS NOT NULL AND platform_code IS NOT NULL`,
    );
    await db.query(`DROP INDEX IF EXISTS outbox_pending`);
    await db.query(`CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'pending'`);

    await db.query(
      `INSERT INTO time_limits (key, working_days, label_zh, label_en, legal_basis_zh, legal_basis_en, effective_from,
                                created_by, created_at)
       VALUES ('delivery.sync', 3, '修复结果同步确认', 'Confirmation of a result sent to a platform',
               '国办发〔2025〕22号：信用修复结果3个工作日内同步共享', 'State Council 22号: results shared within 3 working days',
               '2020-01-01', 'system', now())
       ON CONFLICT DO NOTHING`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM time_limits WHERE key = 'delivery.sync'`);
    await db.query(`DROP TRIGGER outbox_delivery_defaults ON outbox`);
    await db.query(`DROP FUNCTION outbox_delivery_defaults()`);
    for (const index of ['outbox_due', 'outbox_awaiting_receipt', 'outbox_dead', 'outbox_sync_unstarted'])
      await db.query(`DROP INDEX ${index}`);
    await db.query(`UPDATE outbox SET status = 'pending' WHERE status IN ('refused', 'dead')`);
    await db.query(`
      ALTER TABLE outbox DROP CONSTRAINT outbox_status_check,
        DROP COLUMN platform_code, DROP COLUMN authority_code, DROP COLUMN next_attempt_at, DROP COLUMN lease_token,
        DROP COLUMN last_attempt_at, DROP COLUMN dead_lettered_at, DROP COLUMN message, DROP COLUMN sync_due_at,
        DROP COLUMN receipt_at, DROP COLUMN receipt_reason, DROP COLUMN seq,
        ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'delivered', 'confirmed', 'failed'))`);
    await db.query(`DROP TABLE delivery_attempts`);
    await db.query(`DROP TABLE delivery_platform_changes`);
    await db.query(`DROP FUNCTION delivery_refuse_change()`);
    await db.query(`DROP TABLE delivery_platforms`);
  }
}
