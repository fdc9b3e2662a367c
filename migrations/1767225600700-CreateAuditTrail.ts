import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The auditor's read side (ADR 0011): `audit_decisions`, one row per recorded event with the case's ownership and
 * readable labels, kept by a checkpointed projector so searches and exports never scan the event store; and
 * `access_log`, who read what and when, append-only like the events.
 */
export class CreateAuditTrail1767225600700 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE audit_decisions (
        event_id         uuid        PRIMARY KEY,
        global_position  bigint      NOT NULL,
        case_id          uuid        NOT NULL,
        case_type        text        NOT NULL,
        stream_id        text        NOT NULL,
        stream_version   integer     NOT NULL,
        event_type       text        NOT NULL,
        action           text,
        action_label_zh  text        NOT NULL,
        action_label_en  text        NOT NULL,
        state_before_zh  text,
        state_before_en  text,
        state_after_zh   text,
        state_after_en   text,
        outcome          text,
        actor_id         text        NOT NULL,
        actor_name       text,
        actor_role       text        NOT NULL,
        actor_authority  text,
        authority_code   text        NOT NULL,
        authority_path   text        NOT NULL,
        subject_code     text        NOT NULL,
        subject_name     text        NOT NULL,
        title            text        NOT NULL,
        rule_set         text,
        reasons          text,
        opinion          text,
        legal_basis      text,
        correlation_id   text,
        event_hash       bytea       NOT NULL,
        recorded_at      timestamptz NOT NULL
      )`);
    // Newest first within an auditor's subtree is the default listing; the others serve the common filters.
    await db.query(
      `CREATE INDEX audit_decisions_scope ON audit_decisions (authority_path text_pattern_ops, recorded_at DESC, global_position DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_decisions_recent ON audit_decisions (recorded_at DESC, global_position DESC)`,
    );
    await db.query(
      `CREATE INDEX audit_decisions_subject ON audit_decisions (subject_code, recorded_at DESC)`,
    );
    await db.query(`CREATE INDEX audit_decisions_actor ON audit_decisions (actor_id, recorded_at DESC)`);
    await db.query(`CREATE INDEX audit_decisions_action ON audit_decisions (action, recorded_at DESC)`);
    await db.query(`CREATE INDEX audit_decisions_case ON audit_decisions (case_id, stream_version)`);
    // A projection, rebuilt from the events if need be: the app role writes it (the projector is the app).
    await db.query(`REVOKE ALL ON audit_decisions FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON audit_decisions TO credence_app`);

    await db.query(`
      CREATE TABLE access_log (
        id              uuid        PRIMARY KEY,
        read_at         timestamptz NOT NULL,
        actor_id        text        NOT NULL,
        actor_role      text        NOT NULL,
        actor_authority text,
        kind            text        NOT NULL,
        resource_id     text        NOT NULL,
        case_id         uuid,
        authority_code  text,
        authority_path  text,
        subject_code    text,
        correlation_id  text,
        ip              text,
        detail          jsonb
      )`);
    await db.query(
      `CREATE INDEX access_log_scope ON access_log (authority_path text_pattern_ops, read_at DESC)`,
    );
    await db.query(`CREATE INDEX access_log_actor ON access_log (actor_id, read_at DESC)`);
    await db.query(`CREATE INDEX access_log_resource ON access_log (resource_id, read_at DESC)`);
    await db.query(`CREATE INDEX access_log_subject ON access_log (subject_code, read_at DESC)`);

    // Evidence of who read what: nobody edits it, the owner included (short of a superuser disabling the trigger).
    await db.query(`
      CREATE FUNCTION access_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'access_log is append-only (访问日志只可追加): % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER access_log_append_only BEFORE UPDATE OR DELETE ON access_log
                    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change()`);
    await db.query(`CREATE TRIGGER access_log_no_truncate BEFORE TRUNCATE ON access_log
                    FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change()`);
    await db.query(`REVOKE ALL ON access_log FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON access_log TO credence_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE access_log`);
    await db.query(`DROP FUNCTION access_log_refuse_change()`);
    await db.query(`DROP TABLE audit_decisions`);
  }
}
