import { Injectable } from '@nestjs/common';
import { Clock, Database, DomainError, isUniqueViolation } from '@credence/shared';
import type { FestivalSchedule, YearSchedule } from './official-schedules';
import { validateSchedule } from './schedule-validation';
import type { LoadedSchedule } from './working-calendar';

export interface ScheduleVersion extends LoadedSchedule {
  loadedBy: string;
  loadedAt: string;
}

interface ScheduleRow {
  year: number;
  region: string;
  version: number;
  source: string;
  festivals: FestivalSchedule[];
  loaded_by: string;
  loaded_at: Date;
}

export class InvalidScheduleError extends DomainError {
  constructor(fieldErrors: ReturnType<typeof validateSchedule>) {
    super({
      code: 'CALENDAR.INVALID_SCHEDULE',
      status: 422,
      message: {
        zh: '节假日安排不完整或有矛盾，未载入',
        en: 'The holiday schedule is incomplete or inconsistent; nothing was loaded',
      },
      fieldErrors,
    });
  }
}

/** The calendar table: every version of every year's schedule, who loaded it and when. */
@Injectable()
export class CalendarStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The current (highest) version of each year and region. */
  async current(): Promise<ScheduleVersion[]> {
    const { rows } = await this.db.query<ScheduleRow>(
      `SELECT DISTINCT ON (year, region) year, region, version, source, festivals, loaded_by, loaded_at
         FROM calendar_schedules ORDER BY year, region, version DESC`,
    );
    return rows.map(toVersion);
  }

  /** Every version of one year, newest first: the audit trail of the calendar. */
  async history(year: number): Promise<ScheduleVersion[]> {
    const { rows } = await this.db.query<ScheduleRow>(
      `SELECT year, region, version, source, festivals, loaded_by, loaded_at
         FROM calendar_schedules WHERE year = $1 ORDER BY region, version DESC`,
      [year],
    );
    return rows.map(toVersion);
  }

  /** Validates and stores a schedule as the next version of its year; a bad file loads nothing. */
  async load(schedule: YearSchedule, loadedBy: string): Promise<ScheduleVersion> {
    const problems = validateSchedule(schedule);
    if (problems.length > 0) throw new InvalidScheduleError(problems);
    const loadedAt = this.clock.now();
    try {
      const { rows } = await this.db.query<ScheduleRow>(
        `INSERT INTO calendar_schedules (year, region, version, source, festivals, loaded_by, loaded_at)
         SELECT $1, $2, coalesce(max(version), 0) + 1, $3, $4, $5, $6
           FROM calendar_schedules WHERE year = $1 AND region = $2
         RETURNING year, region, version, source, festivals, loaded_by, loaded_at`,
        [
          schedule.year,
          schedule.region ?? '',
          schedule.source,
          JSON.stringify(schedule.festivals),
          loadedBy,
          loadedAt,
        ],
      );
      return toVersion(rows[0]);
    } catch (error) {
      // Two loads of one year at once: the unique version refuses the second; it may simply retry.
      if (isUniqueViolation(error))
        throw new DomainError({
          code: 'CALENDAR.CONCURRENT_LOAD',
          status: 409,
          message: {
            zh: '该年度日历正在被另一请求载入，请重试',
            en: 'Another load of this year is in progress; retry',
          },
        });
      throw error;
    }
  }
}

function toVersion(r: ScheduleRow): ScheduleVersion {
  return {
    year: r.year,
    region: r.region === '' ? null : r.region,
    version: r.version,
    source: r.source,
    festivals: r.festivals,
    loadedBy: r.loaded_by,
    loadedAt: r.loaded_at.toISOString(),
  };
}
