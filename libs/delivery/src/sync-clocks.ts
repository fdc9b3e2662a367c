import { Injectable } from '@nestjs/common';
import { beijingDateOf, Clock, Database, type Sql } from '@credence/shared';
import { StatutoryTime } from '@credence/working-calendar';

/** The time limit a platform has to confirm (执行反馈): 3 working days by default (国办发〔2025〕22号). */
export const SYNC_LIMIT = 'delivery.sync';
const SYNC_WORKING_DAYS_FALLBACK = 3;
const CLOCKS_PER_PASS = 500;

/** The clock's name on its case: one per message, so a case sent to three platforms shows three. */
export const syncClockName = (platform: string, messageId: string) =>
  `delivery.sync:${platform}:${messageId}`;

type Snapshot = Awaited<ReturnType<StatutoryTime['snapshot']>>;

/** The sync deadline of a decision made at `at`, on the authority's calendar and limits in the snapshot. */
function syncDeadline(snapshot: Snapshot, authorityCode: string, at: Date) {
  const from = beijingDateOf(at);
  let days = SYNC_WORKING_DAYS_FALLBACK;
  let soon = 1;
  try {
    days = snapshot.limit(SYNC_LIMIT, authorityCode, from).workingDays;
    soon = snapshot.limit('reminder.due-soon', authorityCode, from).workingDays;
  } catch {
    // A database without the seeded limits still gets the statutory default.
  }
  const calendar = snapshot.calendarFor(authorityCode);
  const deadline = calendar.deadlineFrom(from, days);
  return {
    deadline,
    dueSoonAt: calendar.dueSoonAt(deadline.dueDate, soon),
    calendarVersion: calendar.version,
  };
}

/**
 * The statutory sync limit as a case clock (ADR 0009's `case_clocks`): it runs from the decision the row carries
 * (its instant), so a row waiting for an unregistered platform is overdue like an unconfirmed one, and it stops
 * when the platform's receipt arrives (met or late). `/deadlines` and the work queues read it like any clock.
 */
@Injectable()
export class SyncClocks {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly time: StatutoryTime,
  ) {}

  private lastRecompute?: { versions: string; at: number };

  /** Starts the clock of every platform row of a case that has none yet; returns how many started. */
  async startPending(limit = CLOCKS_PER_PASS): Promise<number> {
    const snapshot = await this.time.snapshot();
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{
        id: string;
        case_id: string;
        platform_code: string;
        created_at: Date;
        stream_id: string;
        type: string;
        authority_code: string;
        authority_path: string;
        platform_name: string | null;
      }>(
        `SELECT o.id, o.case_id, o.platform_code, o.created_at, c.stream_id, c.type, c.authority_code,
                c.authority_path, p.name AS platform_name
           FROM outbox o JOIN cases c ON c.id = o.case_id
           LEFT JOIN delivery_platforms p ON p.code = o.platform_code
          WHERE o.sync_due_at IS NULL AND o.case_id IS NOT NULL AND o.platform_code IS NOT NULL
          ORDER BY o.created_at LIMIT $1 FOR UPDATE OF o SKIP LOCKED`,
        [limit],
      );
      for (const row of rows) {
        const { deadline, dueSoonAt, calendarVersion } = syncDeadline(
          snapshot,
          row.authority_code,
          row.created_at,
        );
        const who = row.platform_name ?? row.platform_code;
        await tx.query(
          `INSERT INTO case_clocks (stream_id, name, case_id, case_type, authority_code, authority_path, limit_key,
                                    label_zh, label_en, status, started_at, due_date, due_at, due_soon_at,
                                    remaining_days, provisional, calendar_version, updated_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'running', $10, $11, $12, $13, NULL, $14, $15, $16)
           ON CONFLICT (stream_id, name) DO NOTHING`,
          [
            row.stream_id,
            syncClockName(row.platform_code, row.id),
            row.case_id,
            row.type,
            row.authority_code,
            row.authority_path,
            SYNC_LIMIT,
            `结果同步确认（${who}）`,
            `Confirmation by ${who}`,
            row.created_at,
            deadline.dueDate,
            deadline.dueAt,
            dueSoonAt,
            deadline.provisional,
            calendarVersion,
            this.clock.now(),
          ],
        );
        await tx.query(`UPDATE outbox SET sync_due_at = $2 WHERE id = $1`, [row.id, deadline.dueAt]);
      }
      return rows.length;
    });
  }

  /**
   * Recomputes running sync clocks that were provisional (their 3 working days ran into a year whose schedule was
   * not loaded, ADR 0009) on the calendars in use now: a clock whose due date or provisional flag changes gets its
   * row and its message's `sync_due_at` moved. Paced like the case clocks' sweep: when a calendar changed, and once
   * a minute anyway. Returns how many moved.
   */
  async recomputeProvisionalIfDue(): Promise<number> {
    const versions = (await this.time.snapshot()).calendarVersions().join(' | ');
    const now = performance.now(); // pacing, not business time
    if (this.lastRecompute?.versions === versions && now - this.lastRecompute.at < 60_000) return 0;
    const moved = await this.recomputeProvisional();
    this.lastRecompute = { versions, at: now };
    return moved;
  }

  async recomputeProvisional(limit = CLOCKS_PER_PASS): Promise<number> {
    const snapshot = await this.time.snapshot();
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<{
        stream_id: string;
        name: string;
        authority_code: string;
        started_at: Date;
        due_date: string;
      }>(
        `SELECT stream_id, name, authority_code, started_at, to_char(due_date, 'YYYY-MM-DD') AS due_date
           FROM case_clocks
          WHERE limit_key = $1 AND provisional AND status = 'running'
          ORDER BY started_at LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [SYNC_LIMIT, limit],
      );
      let moved = 0;
      for (const row of rows) {
        const { deadline, dueSoonAt, calendarVersion } = syncDeadline(
          snapshot,
          row.authority_code,
          row.started_at,
        );
        if (deadline.dueDate === row.due_date && deadline.provisional) continue;
        await tx.query(
          `UPDATE case_clocks SET due_date = $3, due_at = $4, due_soon_at = $5, provisional = $6, calendar_version = $7,
                  overdue = overdue AND $4::timestamptz <= $8::timestamptz, updated_at = $8
            WHERE stream_id = $1 AND name = $2`,
          [
            row.stream_id,
            row.name,
            deadline.dueDate,
            deadline.dueAt,
            dueSoonAt,
            deadline.provisional,
            calendarVersion,
            this.clock.now(),
          ],
        );
        // The clock's name ends with its message id (syncClockName).
        await tx.query(`UPDATE outbox SET sync_due_at = $2 WHERE id::text = $1`, [
          row.name.slice(row.name.lastIndexOf(':') + 1),
          deadline.dueAt,
        ]);
        moved++;
      }
      return moved;
    });
  }

  /** Stops the clock on the platform's receipt: met when it came by the due instant, late otherwise. */
  async stop(
    tx: Sql,
    row: { id: string; case_id: string | null; platform_code: string | null },
    at: Date,
  ): Promise<void> {
    if (!row.case_id || !row.platform_code) return;
    await tx.query(
      `UPDATE case_clocks SET status = 'stopped', outcome = CASE WHEN due_at IS NULL OR $3 <= due_at THEN 'met' ELSE 'late' END,
              overdue = due_at IS NOT NULL AND $3 > due_at, updated_at = $3
        WHERE case_id = $1 AND name = $2 AND status = 'running'`,
      [row.case_id, syncClockName(row.platform_code, row.id), at],
    );
  }
}
