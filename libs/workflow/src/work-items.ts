import { Injectable } from '@nestjs/common';
import { Clock, Database, type BilingualText } from '@credence/shared';
import { StatutoryTime, type StatutoryTimeSnapshot } from '@credence/working-calendar';
import type { WorkflowActor } from './case-event';
import { nearestClockViews } from './clocks/clock-views';

export interface WorkItem {
  caseId: string;
  type: string;
  state: string[];
  stateLabel: BilingualText;
  title: string;
  subjectCode: string;
  subjectName: string;
  authorityCode: string;
  version: number;
  updatedAt: string;
  /** The nearest open deadline of the case, if a clock runs. */
  due: WorkItemDue | null;
}

/** A row's nearest open deadline, in the words of the case page's clock (ClockView). */
export interface WorkItemDue {
  dueAt: string;
  /** The Beijing date the limit runs out at the end of. */
  dueDate: string | null;
  provisional: boolean;
  dueSoon: boolean;
  overdue: boolean;
  /** Working days left, today included unless it is the uncounted start day (0 once overdue). */
  remainingWorkingDays: number | null;
  /** Working days past the due date (0 when not overdue). */
  overdueWorkingDays: number;
}

/** The columns a list query reads of a case's nearest running clock (`case_clocks`). */
export interface DueColumns {
  id: string;
  authority_code: string;
  due_at: Date | null;
  due_soon_at: Date | null;
  provisional: boolean | null;
}

/**
 * The due of each listed row: the flags from the columns the filters read (so "due soon" lists what it flags), the
 * days counted by the same clock view as the case page's (clockViewsOf), never a second count.
 */
export async function duesOf(
  db: Database,
  time: StatutoryTimeSnapshot,
  now: Date,
  rows: DueColumns[],
): Promise<Map<string, WorkItemDue>> {
  const timed = rows.filter((r) => r.due_at !== null);
  const clocks = await nearestClockViews(
    db,
    time,
    now,
    timed.map((r) => ({ caseId: r.id, authorityCode: r.authority_code })),
  );
  return new Map(
    timed.map((r) => {
      const clock = clocks.get(r.id);
      const due: WorkItemDue = {
        dueAt: r.due_at!.toISOString(),
        dueDate: clock?.dueDate ?? null,
        provisional: r.provisional ?? false,
        overdue: r.due_at! <= now,
        dueSoon: r.due_soon_at !== null && r.due_soon_at <= now && r.due_at! > now,
        remainingWorkingDays: clock?.remainingWorkingDays ?? null,
        overdueWorkingDays: clock?.overdueWorkingDays ?? 0,
      };
      return [r.id, due];
    }),
  );
}

/**
 * Work queues, derived from the machines' state meta (`workItem.roles`) that the engine copies to the case row:
 * the active cases of the actor's own authority waiting for the actor's role.
 */
@Injectable()
export class WorkItems {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly statutoryTime: StatutoryTime,
  ) {}

  async for(
    actor: WorkflowActor,
    filter: { type?: string; due?: 'soon' | 'overdue'; page: number; pageSize: number },
  ): Promise<{ items: WorkItem[]; total: number }> {
    // Only staff who act for an authority have queues; an admin sees every authority's.
    if (
      actor.role !== 'admin' &&
      (actor.authorityCode === null || !['officer', 'senior_reviewer'].includes(actor.role))
    ) {
      return { items: [], total: 0 };
    }
    const params: unknown[] = [
      actor.role === 'admin' ? null : actor.role,
      actor.role === 'admin' ? null : actor.authorityCode,
      filter.type ?? null,
      this.clock.now(),
      filter.due ?? null,
    ];
    const { rows } = await this.db.query<{
      id: string;
      type: string;
      state: string[];
      state_label_zh: string;
      state_label_en: string;
      title: string;
      subject_code: string;
      subject_name: string;
      authority_code: string;
      version: number;
      updated_at: Date;
      due_at: Date | null;
      due_soon_at: Date | null;
      provisional: boolean | null;
      total: string;
    }>(
      `SELECT c.id, c.type, c.state, c.state_label_zh, c.state_label_en, c.title, c.subject_code, c.subject_name,
              c.authority_code, c.version, c.updated_at, k.due_at, k.due_soon_at, k.provisional, count(*) OVER () AS total
         FROM cases c
         LEFT JOIN LATERAL (SELECT due_at, due_soon_at, provisional FROM case_clocks
                             WHERE case_id = c.id AND status = 'running' ORDER BY due_at LIMIT 1) k ON true
        WHERE c.status = 'active' AND c.work_roles <> '{}'
          AND ($1::text IS NULL OR $1::text = ANY (c.work_roles))
          AND ($2::text IS NULL OR c.authority_code = $2::text)
          AND ($3::text IS NULL OR c.type = $3::text)
          AND ($5::text IS NULL OR ($5::text = 'overdue' AND k.due_at <= $4)
               OR ($5::text = 'soon' AND k.due_soon_at <= $4 AND k.due_at > $4))
        -- The most urgent first: cases with a deadline by due instant, then the rest by age.
        ORDER BY k.due_at NULLS LAST, c.updated_at, c.id LIMIT ${filter.pageSize} OFFSET ${(filter.page - 1) * filter.pageSize}`,
      params,
    );
    const now = this.clock.now();
    const dues = await duesOf(this.db, await this.statutoryTime.snapshot(), now, rows);
    return {
      total: rows.length ? Number(rows[0].total) : 0,
      items: rows.map((r) => ({
        caseId: r.id,
        type: r.type,
        state: r.state,
        stateLabel: { zh: r.state_label_zh, en: r.state_label_en },
        title: r.title,
        subjectCode: r.subject_code,
        subjectName: r.subject_name,
        authorityCode: r.authority_code,
        version: r.version,
        updatedAt: r.updated_at.toISOString(),
        due: dues.get(r.id) ?? null,
      })),
    };
  }
}
