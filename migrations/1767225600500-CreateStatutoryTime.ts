import type { MigrationInterface, QueryRunner } from 'typeorm';
import { OFFICIAL_SCHEDULES } from '../libs/working-calendar/src/official-schedules';
import { DEFAULT_TIME_LIMITS } from '../libs/working-calendar/src/default-time-limits';

/**
 * Statutory time (DOMAIN.md §7): the working-day calendar, the time limits the workflows' clocks run on, and the
 * clocks themselves as a read model of the case streams.
 */
export class CreateStatutoryTime1767225600500 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    // Versioned and append-only: a correction is a new version, so "which calendar counted this deadline" stays
    // answerable for every deadline ever computed.
    await db.query(`
      CREATE TABLE calendar_schedules (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        year        integer     NOT NULL CHECK (year BETWEEN 1949 AND 2200),
        region      text        NOT NULL DEFAULT '',
        version     integer     NOT NULL CHECK (version > 0),
        source      text        NOT NULL,
        festivals   jsonb       NOT NULL,
        loaded_by   text        NOT NULL,
        loaded_at   timestamptz NOT NULL,
        UNIQUE (year, region, version)
      )`);
    await db.query(`
      CREATE FUNCTION calendar_schedules_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'calendar schedules are versioned, load a new version (日历只可追加新版本): % refused', TG_OP
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await db.query(`CREATE TRIGGER calendar_schedules_append_only BEFORE UPDATE OR DELETE ON calendar_schedules
                    FOR EACH ROW EXECUTE FUNCTION calendar_schedules_refuse_change()`);
    await db.query(`REVOKE ALL ON calendar_schedules FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON calendar_schedules TO credence_app`);
    for (const schedule of OFFICIAL_SCHEDULES) {
      await db.query(
        `INSERT INTO calendar_schedules (year, region, version, source, festivals, loaded_by, loaded_at)
         VALUES ($1, '', 1, $2, $3, 'system', now())`,
        [schedule.year, schedule.source, JSON.stringify(schedule.festivals)],
      );
    }

    // Effective-dated limits; an authority's own setting (authority_code) wins over the national default.
    await db.query(`
      CREATE TABLE time_limits (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key             text        NOT NULL,
        authority_code  text        NOT NULL DEFAULT '',
        working_days    integer     NOT NULL CHECK (working_days >= 0 AND working_days <= 366),
        label_zh        text        NOT NULL,
        label_en        text        NOT NULL,
        legal_basis_zh  text        NOT NULL,
        legal_basis_en  text        NOT NULL,
        effective_from  date        NOT NULL,
        created_by      text        NOT NULL,
        created_at      timestamptz NOT NULL,
        UNIQUE (key, authority_code, effective_from)
      )`);
    await db.query(`REVOKE ALL ON time_limits FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON time_limits TO credence_app`);
    for (const limit of DEFAULT_TIME_LIMITS) {
      await db.query(
        `INSERT INTO time_limits (key, working_days, label_zh, label_en, legal_basis_zh, legal_basis_en, effective_from,
                                  created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, 'system', now())`,
        [
          limit.key,
          limit.workingDays,
          limit.label.zh,
          limit.label.en,
          limit.legalBasis.zh,
          limit.legalBasis.en,
          limit.effectiveFrom,
        ],
      );
    }

    // One row per clock of a case, written in the statement that appends the clock's events.
    await db.query(`
      CREATE TABLE case_clocks (
        stream_id       text        NOT NULL,
        name            text        NOT NULL,
        case_id         uuid        NOT NULL,
        case_type       text        NOT NULL,
        authority_code  text        NOT NULL,
        authority_path  text        NOT NULL,
        limit_key       text        NOT NULL,
        label_zh        text        NOT NULL,
        label_en        text        NOT NULL,
        status          text        NOT NULL CHECK (status IN ('running', 'paused', 'stopped')),
        started_at      timestamptz NOT NULL,
        due_date        date,
        due_at          timestamptz,
        due_soon_at     timestamptz,
        remaining_days  integer,
        provisional     boolean     NOT NULL,
        calendar_version text       NOT NULL,
        due_soon        boolean     NOT NULL DEFAULT false,
        overdue         boolean     NOT NULL DEFAULT false,
        outcome         text        CHECK (outcome IN ('met', 'late')),
        updated_at      timestamptz NOT NULL,
        PRIMARY KEY (stream_id, name)
      )`);
    await db.query(`CREATE INDEX case_clocks_open_due ON case_clocks (due_at) WHERE status = 'running'`);
    await db.query(
      `CREATE INDEX case_clocks_authority_due ON case_clocks (authority_path text_pattern_ops, due_at) WHERE status = 'running'`,
    );
    await db.query(`CREATE INDEX case_clocks_case ON case_clocks (case_id)`);
    await db.query(
      `CREATE INDEX case_clocks_provisional ON case_clocks (due_date) WHERE provisional AND status = 'running'`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE case_clocks`);
    await db.query(`DROP TABLE time_limits`);
    await db.query(`DROP TABLE calendar_schedules`);
    await db.query(`DROP FUNCTION calendar_schedules_refuse_change()`);
  }
}
