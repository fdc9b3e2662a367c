import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (站内信) per account, the accounts' contact preferences, outward messages (e-mail, SMS) waiting for
 * or past delivery, and the append-only record of incident retries (who asked, what came of it).
 *
 * A notification's id is derived from the event that caused it and the account it is for, so the projector that
 * writes them may replay a batch without writing twice. Only `read_at` may change after the insert.
 */
export class CreateNotifications1767225602100 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE notifications (
        id              uuid        PRIMARY KEY,
        account_id      uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        event_id        uuid        NOT NULL,
        event_type      text        NOT NULL,
        case_id         uuid,
        case_type       text,
        authority_code  text,
        authority_path  text,
        title_zh        text        NOT NULL,
        title_en        text        NOT NULL,
        body_zh         text        NOT NULL,
        body_en         text        NOT NULL,
        link            text,
        data            jsonb       NOT NULL DEFAULT '{}',
        created_at      timestamptz NOT NULL,
        read_at         timestamptz
      )`);
    // The inbox pages newest first; the unread count is an index-only count of a small partial index.
    await db.query(
      `CREATE INDEX notifications_inbox ON notifications (account_id, created_at DESC, id DESC)`,
    );
    await db.query(`CREATE INDEX notifications_unread ON notifications (account_id) WHERE read_at IS NULL`);
    await db.query(`REVOKE ALL ON notifications FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON notifications TO credence_app`);
    await db.query(`GRANT UPDATE (read_at) ON notifications TO credence_app`);

    await db.query(`
      CREATE TABLE account_contacts (
        account_id  uuid        PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        email       text        CHECK (email ~ '^[^@[:space:]]+@[^@[:space:]]+\\.[^@[:space:]]+$' AND length(email) <= 254),
        phone       text        CHECK (phone ~ '^\\+?[0-9]{6,15}$'),
        language    text        NOT NULL DEFAULT 'zh-CN' CHECK (language IN ('zh-CN', 'en')),
        channels    text[]      NOT NULL DEFAULT '{email,sms}' CHECK (channels <@ ARRAY['email', 'sms']::text[]),
        updated_at  timestamptz NOT NULL,
        updated_by  uuid        NOT NULL
      )`);

    await db.query(`
      CREATE TABLE outward_messages (
        id               uuid        PRIMARY KEY,
        notification_id  uuid        NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
        account_id       uuid        NOT NULL,
        authority_code   text,
        authority_path   text,
        channel          text        NOT NULL CHECK (channel IN ('email', 'sms')),
        address          text        NOT NULL,
        language         text        NOT NULL CHECK (language IN ('zh-CN', 'en')),
        subject          text        NOT NULL,
        body             text        NOT NULL,
        status           text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
        attempts         integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at  timestamptz NOT NULL,
        lease_token      uuid,
        created_at       timestamptz NOT NULL,
        sent_at          timestamptz,
        dead_at          timestamptz,
        last_error       text
      )`);
    // The relay claims due rows; a claim moves next_attempt_at past its lease, so a dead worker's rows come back.
    await db.query(
      `CREATE INDEX outward_messages_due ON outward_messages (next_attempt_at) WHERE status = 'pending'`,
    );
    await db.query(
      `CREATE INDEX outward_messages_failing ON outward_messages (created_at)
        WHERE status = 'dead' OR (status = 'pending' AND attempts > 0)`,
    );

    await db.query(`
      CREATE TABLE incident_retries (
        id               bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        incident_id      text        NOT NULL,
        kind             text        NOT NULL,
        outcome          text        NOT NULL CHECK (outcome IN ('requeued', 'recorded', 'refused', 'not_retryable')),
        detail           text,
        actor_id         uuid        NOT NULL,
        actor_role       text        NOT NULL,
        actor_authority  text,
        requested_at     timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX incident_retries_incident ON incident_retries (incident_id, id)`);
    await db.query(`REVOKE ALL ON incident_retries FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON incident_retries TO credence_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE incident_retries`);
    await db.query(`DROP TABLE outward_messages`);
    await db.query(`DROP TABLE account_contacts`);
    await db.query(`DROP TABLE notifications`);
  }
}
