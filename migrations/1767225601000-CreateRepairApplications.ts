import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The repair_applications read model, written in each repair event's append statement: lists, work queues, the
 * eligibility facts (open application, revocation bans, past approvals) and, through a partial unique index, the
 * rule that a record has at most one open application even when two are filed at the same instant.
 */
export class CreateRepairApplications1767225601000 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE repair_applications (
        id              uuid PRIMARY KEY,
        case_number     text UNIQUE,
        record_id       uuid        NOT NULL,
        record_kind     text        NOT NULL,
        subject_code    text        NOT NULL,
        subject_name    text        NOT NULL,
        authority_code  text        NOT NULL,
        authority_path  text        NOT NULL,
        state           text        NOT NULL,
        state_label_zh  text        NOT NULL,
        state_label_en  text        NOT NULL,
        open            boolean     NOT NULL,
        four_eyes       boolean     NOT NULL,
        assignee        text,
        recommended_by  text,
        outcome         text,
        ban_until       date,
        submitted_at    timestamptz,
        decided_at      timestamptz,
        version         integer     NOT NULL,
        created_at      timestamptz NOT NULL,
        updated_at      timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE UNIQUE INDEX repair_applications_one_open ON repair_applications (record_id) WHERE open`,
    );
    await db.query(
      `CREATE INDEX repair_applications_subject ON repair_applications (subject_code, decided_at)`,
    );
    await db.query(
      `CREATE INDEX repair_applications_authority ON repair_applications (authority_path text_pattern_ops, updated_at DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE repair_applications`);
  }
}
