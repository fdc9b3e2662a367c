import { Injectable, Logger } from '@nestjs/common';
import { Database } from '@credence/shared';
import { StatutoryTime } from '@credence/working-calendar';
import { CaseEngine } from '../case-engine';

/**
 * Recomputes running deadlines that were provisional (a year without a loaded schedule) once a calendar they
 * were not computed on is in use. Each clock is looked at once per calendar version: a moved deadline is recorded
 * as ClockRecomputed on its case; an unmoved one only has its row marked as checked.
 */
@Injectable()
export class ProvisionalDeadlines {
  private readonly logger = new Logger(ProvisionalDeadlines.name);

  constructor(
    private readonly db: Database,
    private readonly engine: CaseEngine,
    private readonly statutoryTime: StatutoryTime,
  ) {}

  private lastSweep?: { versions: string; at: number };

  /**
   * Sweeps when a calendar changed, and at least once a minute anyway: a process that computed a deadline on a
   * calendar cached just before a load leaves it to be found by a later sweep.
   */
  async sweepIfDue(): Promise<number> {
    const versions = (await this.statutoryTime.snapshot()).calendarVersions().join(' | ');
    const now = performance.now(); // pacing, not business time
    if (this.lastSweep?.versions === versions && now - this.lastSweep.at < 60_000) return 0;
    const moved = await this.sweep();
    this.lastSweep = { versions, at: now };
    return moved;
  }

  /** Returns how many deadlines moved. */
  async sweep(batch = 200): Promise<number> {
    const versions = (await this.statutoryTime.snapshot()).calendarVersions();
    let moved = 0;
    for (;;) {
      const { rows } = await this.db.query<{ case_id: string; case_type: string; stream_id: string }>(
        `SELECT DISTINCT case_id, case_type, stream_id FROM case_clocks
          WHERE provisional AND status = 'running' AND NOT (calendar_version = ANY ($1::text[]))
          LIMIT $2`,
        [versions, batch],
      );
      for (const row of rows) {
        try {
          const recomputed = await this.engine.recomputeClocks(row.case_type, row.case_id, {
            correlationId: `calendar:${versions[0]}`,
          });
          if (recomputed) moved++;
        } catch (error) {
          // A command raced the recomputation: the next sweep sees the case again.
          this.logger.warn({ err: error, caseId: row.case_id }, 'recomputation deferred');
          continue;
        }
        // Checked against today's calendars, moved or not: not looked at again until another calendar is loaded.
        await this.db.query(
          `UPDATE case_clocks SET calendar_version = $2 WHERE stream_id = $1 AND provisional AND status = 'running'
              AND NOT (calendar_version = ANY ($3::text[]))`,
          [row.stream_id, versions[0], versions],
        );
      }
      if (rows.length < batch) break;
    }
    if (moved > 0) this.logger.log({ moved }, 'provisional deadlines recomputed');
    return moved;
  }
}
