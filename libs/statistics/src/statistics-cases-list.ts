import { Injectable } from '@nestjs/common';
import { beijingDateOf, Clock, Database, type BilingualText, type SqlWhere } from '@credence/shared';
import { caseCounts, type CaseCounts } from './statistics-case-counts';
import type { ActorScope } from '@credence/identity';
import { APPLICANT_END_EVENTS, CASE_OUTCOME_LABELS, labelOr } from './statistics-facts';
import { figureWhere, type StatisticsFilter } from './statistics-filter';
import { StatisticsFigures } from './statistics-figures';
import { STATISTICS_SUBSCRIPTION } from './statistics-projector';
import type { StatisticsScope } from './statistics-scope';

/** Which figure the listed cases stand behind. */
export const LISTED_FIGURES = ['opened', 'decided', 'pending', 'late'] as const;
export type ListedFigure = (typeof LISTED_FIGURES)[number];

export interface CaseListFilter extends StatisticsFilter {
  figure: ListedFigure;
  /** With `late`: only runs of this stage (clock limit key). */
  stage?: string;
  outcome?: string;
}

export interface ListedCase {
  caseId: string;
  caseType: string;
  caseTypeLabel: BilingualText;
  title: string;
  authorityCode: string;
  authorityName: BilingualText;
  subjectCode: string;
  openedOn: string;
  decidedOn: string | null;
  outcome: string | null;
  outcomeLabel: BilingualText | null;
}

/** Cases counted for a list's total; beyond it the total says "10,000 or more" (`totalIsExact` false). */
export const LIST_COUNT_CAP = 10_000;

const DATE = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;

/** The cases behind a figure (drill-down from an authority's count to its cases), and how fresh the figures are. */
@Injectable()
export class StatisticsCasesList {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly figures: StatisticsFigures,
  ) {}

  async list(actor: ActorScope, filter: CaseListFilter, page: number, pageSize: number) {
    const scope = await this.figures.scope(actor, filter);
    const column = { opened: 'opened_on', decided: 'decided_on', pending: 'opened_on', late: 'opened_on' }[
      filter.figure
    ];
    const period =
      filter.figure === 'pending' || filter.figure === 'late' ? { ...filter, from: '0001-01-01' } : filter;
    const where = figureWhere(scope, period, 'c', column);
    // Pending at a day not yet over is pending now: the partial index of the backlog serves it.
    if (filter.figure === 'pending' && filter.to >= beijingDateOf(this.clock.now()))
      where.raw('c.decided_on IS NULL');
    else if (filter.figure === 'pending')
      where.add('(c.decided_on IS NULL OR c.decided_on > ?::date)', filter.to);
    if (filter.figure === 'late') {
      // Runs of a stage that stopped late within the period, by a step of the authority (as the on-time figure).
      const p = where.params.length;
      where.params.push(filter.from, filter.to, filter.stage ?? null, APPLICANT_END_EVENTS);
      where.raw(`EXISTS (SELECT 1 FROM statistics_clocks k WHERE k.case_id = c.case_id AND k.outcome = 'late'
        AND k.stopped_on BETWEEN $${p + 1}::date AND $${p + 2}::date AND ($${p + 3}::text IS NULL OR k.limit_key = $${p + 3})
        AND (k.stopped_by IS NULL OR NOT (k.stopped_by = ANY($${p + 4}::text[]))))`);
    }
    if (filter.outcome) where.add('c.outcome = ?', filter.outcome);
    const n = where.params.length;
    // The page in index order (statistics_cases_newest); beside it the total, from the day counters when the list is
    // exactly a case figure (docs/statistics.md), else counted up to LIST_COUNT_CAP: counting every pending case of
    // the country for a page total cost more than the page itself.
    const [{ rows }, total] = await Promise.all([
      this.db.query<Record<string, string | null>>(
        `SELECT c.case_id::text AS case_id, c.case_type, c.title, c.authority_code, c.subject_code,
                ${DATE('c.opened_on')} AS opened_on, ${DATE('c.decided_on')} AS decided_on, c.outcome
           FROM statistics_cases c WHERE ${where.sql}
          ORDER BY c.opened_on DESC, c.case_id DESC LIMIT $${n + 1} OFFSET $${n + 2}`,
        [...where.params, pageSize, (page - 1) * pageSize],
      ),
      filter.figure !== 'late' && !filter.outcome
        ? this.countedByDay(scope, filter, filter.figure)
        : this.countedUpToCap(where),
    ]);
    const names = await this.figures.labels.authorityNames([...new Set(rows.map((r) => r.authority_code!))]);
    const items: ListedCase[] = rows.map((r) => ({
      caseId: r.case_id!,
      caseType: r.case_type!,
      caseTypeLabel: this.figures.labels.caseType(r.case_type!),
      title: r.title!,
      authorityCode: r.authority_code!,
      authorityName: names.get(r.authority_code!) ?? { zh: r.authority_code!, en: r.authority_code! },
      subjectCode: r.subject_code!,
      openedOn: r.opened_on!,
      decidedOn: r.decided_on,
      outcome: r.outcome,
      outcomeLabel: r.outcome ? labelOr(CASE_OUTCOME_LABELS, r.outcome) : null,
    }));
    return {
      context: this.figures.context(scope, filter),
      items,
      ...total,
      page,
      pageSize,
    };
  }

  private async countedByDay(scope: StatisticsScope, filter: CaseListFilter, figure: keyof CaseCounts) {
    const counts = await caseCounts(this.db, scope, { ...filter, groupBy: undefined });
    return { total: counts.get('')?.[figure] ?? 0, totalIsExact: true };
  }

  /** Newest first like the page: the newest cases are the likeliest pending, so the cap is reached soonest. */
  private async countedUpToCap(where: SqlWhere) {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM statistics_cases c WHERE ${where.sql}
          ORDER BY c.opened_on DESC LIMIT ${LIST_COUNT_CAP + 1}) x`,
      where.params,
    );
    return { total: Math.min(rows[0].n, LIST_COUNT_CAP), totalIsExact: rows[0].n <= LIST_COUNT_CAP };
  }

  /** How far the read model is behind the event store: its checkpoint against the newest event. */
  async freshness() {
    const { rows } = await this.db.query<{
      position: string | null;
      projected_at: Date | null;
      head: string | null;
      head_at: Date | null;
      behind: number;
    }>(
      `SELECT c.global_position AS position, e.recorded_at AS projected_at, h.global_position AS head,
              h.recorded_at AS head_at,
              (SELECT count(*)::int FROM (SELECT 1 FROM events x
                 WHERE (x.transaction_id, x.global_position)
                     > (coalesce(c.transaction_id, '0'::xid8), coalesce(c.global_position, 0)) LIMIT 100001) b)
                AS behind
         FROM (SELECT 1) one
         LEFT JOIN subscription_checkpoints c ON c.name = $1
         LEFT JOIN events e ON e.global_position = c.global_position
         LEFT JOIN LATERAL (SELECT global_position, recorded_at FROM events ORDER BY global_position DESC LIMIT 1) h
           ON TRUE`,
      [STATISTICS_SUBSCRIPTION],
    );
    const r = rows[0];
    return {
      checkpointPosition: r.position === null ? 0 : Number(r.position),
      projectedUpTo: r.projected_at?.toISOString() ?? null,
      headPosition: r.head === null ? 0 : Number(r.head),
      headRecordedAt: r.head_at?.toISOString() ?? null,
      eventsBehind: r.behind ?? 0,
      upToDate: (r.behind ?? 0) === 0,
    };
  }
}
