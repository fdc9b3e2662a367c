import type { MigrationInterface, QueryRunner } from 'typeorm';
import { POLICY_CATALOGUE } from '../libs/authority-policies/src/policy-catalogue';

const COMMITMENT_POLICIES = [
  'commitment.check-days',
  'commitment.breach-severity',
  'fast-track.policy',
] as const;

/**
 * Credit commitments and the credit facts the fast tracks read:
 * - `commitments`, the read model written in each commitment event's append statement (lists, checks due, breach
 *   statistics, the public view, and through `breach_record_id` the link from a breach to its 违诺 record);
 * - `subject_grades` and `subject_list_entries`, as the evaluation system and the authorities record them: history,
 *   added to and never edited, so a decision's grade snapshot can always be traced to its rows;
 * - the national defaults of the commitment and fast-track settings (databases created before these keys existed).
 */
export class CreateCommitments1767225601300 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE commitments (
        id                      uuid PRIMARY KEY,
        case_number             text UNIQUE,
        type                    text        NOT NULL,
        subject_code            text        NOT NULL,
        subject_type            text        NOT NULL,
        subject_name            text        NOT NULL,
        authority_code          text        NOT NULL,
        authority_path          text        NOT NULL,
        authority_name          text        NOT NULL,
        matter                  text,
        items                   jsonb       NOT NULL,
        promised_materials      jsonb       NOT NULL,
        promised_by             date,
        linked_kind             text,
        linked_reference        text,
        state                   text        NOT NULL,
        state_label_zh          text        NOT NULL,
        state_label_en          text        NOT NULL,
        published               boolean     NOT NULL,
        signed_at               timestamptz NOT NULL,
        published_at            timestamptz,
        in_force_at             timestamptz,
        check_due_date          date,
        check_overdue           boolean     NOT NULL,
        outcome                 text CHECK (outcome IN ('fulfilled', 'breached', 'withdrawn')),
        outcome_at              timestamptz,
        automatic               boolean     NOT NULL,
        breach_ground           text,
        breach_record_id        uuid,
        breach_decision_number  text,
        version                 integer     NOT NULL,
        created_at              timestamptz NOT NULL,
        updated_at              timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX commitments_subject ON commitments (subject_code, signed_at DESC)`);
    await db.query(
      `CREATE INDEX commitments_authority ON commitments (authority_path text_pattern_ops, updated_at DESC)`,
    );
    // Checks due: only commitments in force carry a live due date.
    await db.query(
      `CREATE INDEX commitments_due ON commitments (check_due_date) WHERE state LIKE 'inForce.%'`,
    );
    await db.query(
      `CREATE INDEX commitments_breaches ON commitments (authority_path text_pattern_ops, outcome_at)
        WHERE outcome = 'breached'`,
    );

    await db.query(`
      CREATE TABLE subject_grades (
        id              uuid PRIMARY KEY,
        subject_code    text        NOT NULL,
        subject_name    text,
        grade           text        NOT NULL CHECK (grade IN ('AA', 'A', 'B', 'C', 'D')),
        scheme          text        NOT NULL,
        evaluated_on    date        NOT NULL,
        valid_until     date CHECK (valid_until IS NULL OR valid_until >= evaluated_on),
        reference       text,
        authority_code  text,
        authority_path  text,
        recorded_by     text        NOT NULL,
        recorded_at     timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX subject_grades_subject ON subject_grades (subject_code, evaluated_on DESC)`);

    await db.query(`
      CREATE TABLE subject_list_entries (
        id              uuid PRIMARY KEY,
        subject_code    text        NOT NULL,
        subject_name    text,
        list            text        NOT NULL CHECK (list IN ('red', 'black', 'key_attention')),
        valid_from      date        NOT NULL,
        valid_until     date        NOT NULL CHECK (valid_until >= valid_from),
        reason          text        NOT NULL,
        reference       text,
        authority_code  text,
        authority_path  text,
        recorded_by     text        NOT NULL,
        recorded_at     timestamptz NOT NULL
      )`);
    await db.query(
      `CREATE INDEX subject_list_entries_subject ON subject_list_entries (subject_code, valid_until)`,
    );
    // Grades and list entries are history the decisions cite: added, never changed or removed.
    for (const table of ['subject_grades', 'subject_list_entries']) {
      await db.query(`REVOKE ALL ON ${table} FROM credence_app`);
      await db.query(`GRANT SELECT, INSERT ON ${table} TO credence_app`);
    }

    for (const key of COMMITMENT_POLICIES) {
      const definition = POLICY_CATALOGUE[key];
      await db.query(
        `INSERT INTO authority_policies (key, value, effective_from, reason, created_by, created_at)
         VALUES ($1, $2::jsonb, '2019-01-01', $3, 'system', now())
         ON CONFLICT (key, authority_code, effective_from) DO NOTHING`,
        [definition.key, JSON.stringify(definition.defaultValue), definition.basis.zh],
      );
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      `DELETE FROM authority_policies WHERE key = ANY($1::text[]) AND authority_code = '' AND created_by = 'system'`,
      [COMMITMENT_POLICIES],
    );
    await db.query(`DROP TABLE subject_list_entries`);
    await db.query(`DROP TABLE subject_grades`);
    await db.query(`DROP TABLE commitments`);
  }
}
