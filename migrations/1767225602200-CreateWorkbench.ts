import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The reviewer workbench: who holds each case's current step (rewritten with every event of the case, in the same
 * statement) and the deputies (委托) staff name for their absences. A case without a row has never been touched
 * since the workbench existed: nobody holds it, it is its authority's.
 */
export class CreateWorkbench1767225602200 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE case_work (
        case_id          uuid        PRIMARY KEY,
        step             text,
        holder_id        uuid,
        delegate_id      uuid,
        signers          uuid[]      NOT NULL DEFAULT '{}',
        pending_signers  uuid[]      NOT NULL DEFAULT '{}',
        copied_to        uuid[]      NOT NULL DEFAULT '{}',
        last_urged_on    date,
        updated_at       timestamptz NOT NULL
      )`);
    // The queue's views: mine (holder), delegated to me, waiting for my signature, copied to me.
    await db.query(`CREATE INDEX case_work_holder ON case_work (holder_id) WHERE holder_id IS NOT NULL`);
    await db.query(
      `CREATE INDEX case_work_delegate ON case_work (delegate_id) WHERE delegate_id IS NOT NULL`,
    );
    await db.query(`CREATE INDEX case_work_pending_signers ON case_work USING gin (pending_signers)`);
    await db.query(`CREATE INDEX case_work_copied ON case_work USING gin (copied_to)`);

    await db.query(`
      CREATE TABLE account_deputies (
        account_id  uuid        PRIMARY KEY REFERENCES accounts (id) ON DELETE CASCADE,
        deputy_id   uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        from_date   date        NOT NULL,
        to_date     date        NOT NULL,
        reason      text,
        set_by      uuid        NOT NULL,
        set_at      timestamptz NOT NULL,
        CHECK (from_date <= to_date),
        CHECK (deputy_id <> account_id)
      )`);
    await db.query(
      `CREATE INDEX account_deputies_deputy ON account_deputies (deputy_id, from_date, to_date)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE account_deputies`);
    await db.query(`DROP TABLE case_work`);
  }
}
