import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The case engine's own tables, written in the same transaction as each appended event: the generic case view
 * (state, version, owner, work item), durable timers and the outbox.
 */
export class CreateCaseEngine1767225600300 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE cases (
        id               uuid PRIMARY KEY,
        type             text        NOT NULL,
        stream_id        text        NOT NULL UNIQUE,
        state            text[]      NOT NULL,
        state_label_zh   text        NOT NULL,
        state_label_en   text        NOT NULL,
        status           text        NOT NULL CHECK (status IN ('active', 'done')),
        version          integer     NOT NULL,
        machine_id       text        NOT NULL,
        machine_version  text        NOT NULL,
        authority_code   text        NOT NULL,
        authority_path   text        NOT NULL,
        subject_code     text        NOT NULL,
        subject_name     text        NOT NULL,
        title            text        NOT NULL,
        work_roles       text[]      NOT NULL DEFAULT '{}',
        created_at       timestamptz NOT NULL,
        updated_at       timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX cases_type_authority ON cases (type, authority_code, updated_at DESC)`);
    await db.query(`CREATE INDEX cases_authority_path ON cases (authority_path text_pattern_ops)`);
    await db.query(`CREATE INDEX cases_subject ON cases (subject_code)`);
    await db.query(`CREATE INDEX cases_work ON cases USING gin (work_roles) WHERE status = 'active'`);

    // One pending timer per (case, name); the worker takes due ones with FOR UPDATE SKIP LOCKED.
    await db.query(`
      CREATE TABLE timers (
        id          uuid PRIMARY KEY,
        case_id     uuid        NOT NULL,
        case_type   text        NOT NULL,
        stream_id   text        NOT NULL,
        name        text        NOT NULL,
        event_type  text        NOT NULL,
        due_at      timestamptz NOT NULL,
        status      text        NOT NULL CHECK (status IN ('pending', 'fired', 'cancelled', 'stale')),
        created_at  timestamptz NOT NULL,
        settled_at  timestamptz,
        attempts    integer     NOT NULL DEFAULT 0,
        last_error  text
      )`);
    await db.query(
      `CREATE UNIQUE INDEX timers_one_pending ON timers (stream_id, name) WHERE status = 'pending'`,
    );
    await db.query(`CREATE INDEX timers_due ON timers (due_at) WHERE status = 'pending'`);

    await db.query(`
      CREATE TABLE outbox (
        id              uuid PRIMARY KEY,
        case_id         uuid        NOT NULL,
        event_id        uuid        NOT NULL,
        topic           text        NOT NULL,
        payload         jsonb       NOT NULL,
        status          text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'confirmed', 'failed')),
        attempts        integer     NOT NULL DEFAULT 0,
        created_at      timestamptz NOT NULL,
        delivered_at    timestamptz,
        last_error      text
      )`);
    await db.query(`CREATE INDEX outbox_pending ON outbox (created_at) WHERE status = 'pending'`);
    await db.query(`CREATE INDEX outbox_case ON outbox (case_id)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE outbox`);
    await db.query(`DROP TABLE timers`);
    await db.query(`DROP TABLE cases`);
  }
}
