import { Injectable } from '@nestjs/common';
import { Database } from '@credence/shared';
import { CalendarStore } from './calendar-store';
import { limitInForce, type TimeLimit } from './time-limits';
import { WorkingCalendar, type LoadedSchedule } from './working-calendar';

// Calendars and limits change a few times a year; every command that runs a clock needs them.
const CACHE_MS = 5_000;

interface LimitRow {
  id: string;
  key: string;
  authority_code: string;
  working_days: number;
  label_zh: string;
  label_en: string;
  legal_basis_zh: string;
  legal_basis_en: string;
  effective_from: string;
}

/** What a clock computation needs, read once: the calendar of a region and the limits in force. */
export class StatutoryTimeSnapshot {
  private readonly calendars = new Map<string, WorkingCalendar>();

  constructor(
    readonly schedules: LoadedSchedule[],
    readonly limits: TimeLimit[],
  ) {}

  /** The calendar for an authority: the national schedule plus its province's local holidays, if any. */
  calendarFor(authorityCode: string | null = null): WorkingCalendar {
    const province = authorityCode ? `${authorityCode.slice(0, 2)}0000` : '';
    const region = this.schedules.some((s) => s.region === province) ? province : '';
    let calendar = this.calendars.get(region);
    if (!calendar) {
      calendar = new WorkingCalendar(this.schedules, region || null);
      this.calendars.set(region, calendar);
    }
    return calendar;
  }

  /** The version of every calendar in use (national and each region's): a deadline computed on another is stale. */
  calendarVersions(): string[] {
    const regions = new Set(this.schedules.flatMap((s) => (s.region ? [s.region] : [])));
    return [this.calendarFor(null).version, ...[...regions].map((r) => this.calendarFor(r).version)];
  }

  limit(key: string, authorityCode: string | null, onDate: string): TimeLimit {
    return limitInForce(this.limits, key, authorityCode, onDate);
  }
}

/**
 * The calendar table and the time-limit table, cached briefly. A change made in this process is seen at once;
 * one made in another within CACHE_MS, and a deadline computed in between as provisional is recomputed by the
 * worker's sweep (ProvisionalDeadlines).
 */
@Injectable()
export class StatutoryTime {
  private cached?: { at: number; snapshot: Promise<StatutoryTimeSnapshot> };

  constructor(
    private readonly db: Database,
    private readonly store: CalendarStore,
  ) {}

  snapshot(): Promise<StatutoryTimeSnapshot> {
    const now = performance.now(); // cache age, not business time
    if (!this.cached || now - this.cached.at > CACHE_MS) {
      const snapshot = this.read();
      this.cached = { at: now, snapshot };
      snapshot.catch(() => (this.cached = undefined));
    }
    return this.cached.snapshot;
  }

  invalidate(): void {
    this.cached = undefined;
  }

  private async read(): Promise<StatutoryTimeSnapshot> {
    const [schedules, { rows }] = await Promise.all([
      this.store.current(),
      this.db.query<LimitRow>(
        `SELECT id::text, key, authority_code, working_days, label_zh, label_en, legal_basis_zh, legal_basis_en,
                to_char(effective_from, 'YYYY-MM-DD') AS effective_from
           FROM time_limits`,
      ),
    ]);
    return new StatutoryTimeSnapshot(
      schedules,
      rows.map((r) => ({
        id: r.id,
        key: r.key,
        workingDays: r.working_days,
        label: { zh: r.label_zh, en: r.label_en },
        legalBasis: { zh: r.legal_basis_zh, en: r.legal_basis_en },
        authorityCode: r.authority_code === '' ? null : r.authority_code,
        effectiveFrom: r.effective_from,
      })),
    );
  }
}
