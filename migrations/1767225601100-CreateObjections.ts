import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The objection workflow (ADR 0015): the `objections` read model, written in each objection event's append statement
 * (lists, queues and, through a partial unique index, one open objection per record even when two are filed at the
 * same instant); the notes a credit record carries (an objection that could not be verified); and the supplement
 * window's limit, a row like every other limit.
 */
export class CreateObjections1767225601100 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE objections (
        id                      uuid PRIMARY KEY,
        case_number             text        NOT NULL UNIQUE,
        record_id               uuid        NOT NULL,
        record_decision_number  text        NOT NULL,
        subject_code            text        NOT NULL,
        subject_name            text        NOT NULL,
        finding_authority_code  text        NOT NULL,
        -- The authority handling the case now (the finding authority, or the appeal's): who sees it and whose queue.
        authority_code          text        NOT NULL,
        authority_path          text        NOT NULL,
        ground                  text        NOT NULL,
        state                   text        NOT NULL,
        state_path              text        NOT NULL,
        state_label_zh          text        NOT NULL,
        state_label_en          text        NOT NULL,
        open                    boolean     NOT NULL,
        outcome                 text,
        appealed                boolean     NOT NULL,
        appeal_decision         text,
        filed_at                timestamptz NOT NULL,
        accepted_at             timestamptz,
        answered_at             timestamptz,
        closed_at               timestamptz,
        version                 integer     NOT NULL,
        updated_at              timestamptz NOT NULL
      )`);
    await db.query(`CREATE UNIQUE INDEX objections_one_open_per_record ON objections (record_id) WHERE open`);
    await db.query(`CREATE INDEX objections_record ON objections (record_id, filed_at DESC)`);
    await db.query(`CREATE INDEX objections_subject ON objections (subject_code, filed_at DESC)`);
    await db.query(`CREATE INDEX objections_authority ON objections (authority_code, open, filed_at DESC)`);
    await db.query(
      `CREATE INDEX objections_authority_path ON objections (authority_path text_pattern_ops, filed_at DESC)`,
    );

    // Shown with the record wherever it is shown, the public view included.
    await db.query(`ALTER TABLE credit_records ADD COLUMN notes jsonb NOT NULL DEFAULT '[]'`);

    // 补正 / further materials: no national figure; ten working days like the repair supplement, an authority setting.
    await db.query(
      `INSERT INTO time_limits (key, working_days, label_zh, label_en, legal_basis_zh, legal_basis_en, effective_from,
                                created_by, created_at)
       VALUES ('objection.supplement', 10, '异议补正期限', 'Objection supplement window', $1, $2, '2019-01-01',
               'system', now())`,
      [
        '认定单位异议处理规定（无全国统一时限，默认值可由认定单位调整）',
        "the finding authority's objection rules (no national limit; the default is an authority setting)",
      ],
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM time_limits WHERE key = 'objection.supplement' AND created_by = 'system'`);
    await db.query(`ALTER TABLE credit_records DROP COLUMN notes`);
    await db.query(`DROP TABLE objections`);
  }
}
