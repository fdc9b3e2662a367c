import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The regulator's read model (docs/statistics.md): facts of cases, statutory clock runs, 双公示 timeliness,
 * revocations and commitments, kept by a checkpointed projector from the events. Dates are Beijing calendar dates
 * (the figures are per day and month); every table carries the owning authority's GB/T 2260 path so a province's
 * figures are a prefix range over the same index as a county's.
 */
export class CreateStatistics1767225602300 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    // How far each stream has been applied: an event at or below its version is skipped, so re-projecting a batch
    // (a rebuilt checkpoint) changes nothing; and the last workflow event, which the clock stops it caused follow.
    await db.query(`
      CREATE TABLE statistics_streams (
        stream_id        text    PRIMARY KEY,
        version          integer NOT NULL,
        last_event_type  text
      )`);

    // One row per case that reached an authority (its first statutory clock started): drafts are not counted.
    await db.query(`
      CREATE TABLE statistics_cases (
        case_id            uuid        PRIMARY KEY,
        case_type          text        NOT NULL,
        authority_code     text        NOT NULL,
        authority_path     text        NOT NULL,
        subject_code       text        NOT NULL,
        title              text        NOT NULL,
        opened_at          timestamptz NOT NULL,
        opened_on          date        NOT NULL,
        decided_on         date,
        outcome            text,
        objection_outcome  text,
        appeal_decision    text,
        appeal_decided_on  date
      )`);
    await db.query(
      `CREATE INDEX statistics_cases_opened ON statistics_cases (authority_path text_pattern_ops, opened_on)`,
    );
    await db.query(
      `CREATE INDEX statistics_cases_decided ON statistics_cases (authority_path text_pattern_ops, decided_on)
        WHERE decided_on IS NOT NULL`,
    );
    // The backlog: pending cases only, a small part of the table once the service has run for a while.
    await db.query(
      `CREATE INDEX statistics_cases_pending ON statistics_cases (authority_path text_pattern_ops, opened_on)
         INCLUDE (authority_code, case_type) WHERE decided_on IS NULL`,
    );

    // Cases opened and ended per authority, type and day, kept with the rows: the case counts and the backlog at the
    // end of any period are sums over it (tens of thousands of rows where the cases are millions).
    await db.query(`
      CREATE TABLE statistics_case_days (
        authority_code   text    NOT NULL,
        authority_path   text    NOT NULL,
        case_type        text    NOT NULL,
        day              date    NOT NULL,
        opened           integer NOT NULL DEFAULT 0,
        decided          integer NOT NULL DEFAULT 0,
        PRIMARY KEY (authority_code, case_type, day)
      )`);
    await db.query(
      `CREATE INDEX statistics_case_days_scope ON statistics_case_days (authority_path text_pattern_ops, day)`,
    );
    // A month of the whole country is a range of days: these serve it with index-only scans.
    await db.query(
      `CREATE INDEX statistics_cases_decided_day ON statistics_cases (decided_on)
         INCLUDE (authority_path, authority_code, case_type, outcome, objection_outcome) WHERE decided_on IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX statistics_cases_appeals ON statistics_cases (appeal_decided_on)
         INCLUDE (authority_path, authority_code, case_type, appeal_decision) WHERE appeal_decided_on IS NOT NULL`,
    );

    // One row per run of a clock (a state clock restarts when its state is entered again, e.g. after 补正).
    await db.query(`
      CREATE TABLE statistics_clocks (
        case_id          uuid        NOT NULL,
        clock            text        NOT NULL,
        run              integer     NOT NULL,
        case_type        text        NOT NULL,
        authority_code   text        NOT NULL,
        authority_path   text        NOT NULL,
        limit_key        text        NOT NULL,
        label_zh         text        NOT NULL,
        label_en         text        NOT NULL,
        working_days     integer     NOT NULL,
        started_at       timestamptz NOT NULL,
        due_date         date,
        due_at           timestamptz,
        pauses           integer     NOT NULL DEFAULT 0,
        extended_days    integer     NOT NULL DEFAULT 0,
        stopped_at       timestamptz,
        stopped_on       date,
        stopped_by       text,
        outcome          text        CHECK (outcome IN ('met', 'late')),
        PRIMARY KEY (case_id, clock, run)
      )`);
    await db.query(
      `CREATE INDEX statistics_clocks_stopped ON statistics_clocks (authority_path text_pattern_ops, stopped_on)
        WHERE stopped_on IS NOT NULL`,
    );
    await db.query(
      `CREATE INDEX statistics_clocks_running ON statistics_clocks (due_at) WHERE stopped_at IS NULL`,
    );
    await db.query(
      `CREATE INDEX statistics_clocks_stopped_day ON statistics_clocks (stopped_on)
         INCLUDE (authority_path, authority_code, case_type, limit_key, clock, outcome, stopped_by)
         WHERE stopped_on IS NOT NULL`,
    );

    // Stage runs decided and on time per authority, stage and day (the on-time figure sums these), and each stage's
    // labels as its clocks recorded them.
    await db.query(`
      CREATE TABLE statistics_stage_days (
        authority_code   text    NOT NULL,
        authority_path   text    NOT NULL,
        case_type        text    NOT NULL,
        limit_key        text    NOT NULL,
        day              date    NOT NULL,
        decided          integer NOT NULL DEFAULT 0,
        on_time          integer NOT NULL DEFAULT 0,
        PRIMARY KEY (authority_code, limit_key, day)
      )`);
    await db.query(
      `CREATE INDEX statistics_stage_days_scope ON statistics_stage_days (authority_path text_pattern_ops, day)`,
    );
    await db.query(`CREATE INDEX statistics_stage_days_day ON statistics_stage_days (day)`);
    await db.query(`
      CREATE TABLE statistics_stages (
        limit_key   text PRIMARY KEY,
        case_type   text NOT NULL,
        clock       text NOT NULL,
        label_zh    text NOT NULL,
        label_en    text NOT NULL
      )`);

    // 双公示 timeliness as recorded when the record was registered (CreditRecordRegistered.data.publication).
    await db.query(`
      CREATE TABLE statistics_publications (
        record_id        uuid    PRIMARY KEY,
        authority_code   text    NOT NULL,
        authority_path   text    NOT NULL,
        kind             text    NOT NULL,
        decision_date    date    NOT NULL,
        due_date         date    NOT NULL,
        published_on     date    NOT NULL,
        on_time          boolean NOT NULL,
        provisional      boolean NOT NULL
      )`);
    await db.query(
      `CREATE INDEX statistics_publications_scope ON statistics_publications (authority_path text_pattern_ops, published_on)`,
    );
    await db.query(
      `CREATE INDEX statistics_publications_day ON statistics_publications (published_on)
         INCLUDE (authority_path, authority_code, on_time)`,
    );

    await db.query(`
      CREATE TABLE statistics_revocations (
        event_id         uuid PRIMARY KEY,
        case_id          uuid NOT NULL,
        case_type        text NOT NULL,
        authority_code   text NOT NULL,
        authority_path   text NOT NULL,
        ground           text NOT NULL,
        revoked_on       date NOT NULL
      )`);
    await db.query(
      `CREATE INDEX statistics_revocations_scope ON statistics_revocations (authority_path text_pattern_ops, revoked_on)`,
    );

    await db.query(`
      CREATE TABLE statistics_commitments (
        case_id          uuid PRIMARY KEY,
        authority_code   text NOT NULL,
        authority_path   text NOT NULL,
        commitment_type  text NOT NULL,
        signed_on        date NOT NULL,
        check_due_on     date,
        result           text CHECK (result IN ('kept', 'broken', 'withdrawn', 'lapsed')),
        result_on        date,
        breach_ground    text
      )`);
    await db.query(
      `CREATE INDEX statistics_commitments_due ON statistics_commitments (authority_path text_pattern_ops, check_due_on)`,
    );
    await db.query(
      `CREATE INDEX statistics_commitments_result ON statistics_commitments (authority_path text_pattern_ops, result_on)`,
    );

    // A projection, rebuilt from the events if need be: the app role writes it (the projector is the app).
    for (const table of [
      'statistics_streams',
      'statistics_cases',
      'statistics_case_days',
      'statistics_clocks',
      'statistics_stage_days',
      'statistics_stages',
      'statistics_publications',
      'statistics_revocations',
      'statistics_commitments',
    ]) {
      await db.query(`REVOKE ALL ON ${table} FROM credence_app`);
      await db.query(`GRANT SELECT, INSERT, UPDATE ON ${table} TO credence_app`);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE statistics_commitments`);
    await db.query(`DROP TABLE statistics_revocations`);
    await db.query(`DROP TABLE statistics_publications`);
    await db.query(`DROP TABLE statistics_stages`);
    await db.query(`DROP TABLE statistics_stage_days`);
    await db.query(`DROP TABLE statistics_clocks`);
    await db.query(`DROP TABLE statistics_case_days`);
    await db.query(`DROP TABLE statistics_cases`);
    await db.query(`DROP TABLE statistics_streams`);
  }
}
