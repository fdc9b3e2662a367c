import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Who created, deactivated or activated an account, and who declared or withdrew a related subject (回避), when:
 * `account_changes`, append-only like the event store, so account administration is traced like every decision.
 * Accounts and declarations made before it are entered once as `created` / `related-declared` by `migration`.
 */
export class CreateAccountChanges1767225602500 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE account_changes (
        id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        account_id  uuid        NOT NULL,
        change      text        NOT NULL CHECK (change IN ('created', 'deactivated', 'activated',
                                                           'related-declared', 'related-withdrawn')),
        details     jsonb       NOT NULL DEFAULT '{}',
        actor_id    text        NOT NULL,
        actor_role  text        NOT NULL,
        changed_at  timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX account_changes_account ON account_changes (account_id, id)`);
    await db.query(`
      CREATE FUNCTION account_changes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only (账号变更记录只可追加): % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER account_changes_append_only BEFORE UPDATE OR DELETE ON account_changes
                    FOR EACH ROW EXECUTE FUNCTION account_changes_refuse_change()`);
    await db.query(`CREATE TRIGGER account_changes_no_truncate BEFORE TRUNCATE ON account_changes
                    FOR EACH STATEMENT EXECUTE FUNCTION account_changes_refuse_change()`);
    await db.query(`REVOKE ALL ON account_changes FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON account_changes TO credence_app`);

    await db.query(`
      INSERT INTO account_changes (account_id, change, details, actor_id, actor_role, changed_at)
      SELECT id, 'created',
             jsonb_build_object('username', username, 'displayName', display_name, 'role', role,
                                'authorityCode', authority_code, 'subjectCode', subject_code, 'backfilled', true),
             'migration', 'system', created_at
        FROM accounts ORDER BY created_at, id`);
    await db.query(`
      INSERT INTO account_changes (account_id, change, details, actor_id, actor_role, changed_at)
      SELECT account_id, 'related-declared',
             jsonb_build_object('subjectCode', subject_code, 'reason', reason, 'backfilled', true),
             'migration', 'system', declared_at
        FROM related_parties ORDER BY declared_at`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_changes`);
    await db.query(`DROP FUNCTION account_changes_refuse_change()`);
  }
}
