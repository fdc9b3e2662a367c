import { Injectable } from '@nestjs/common';
import { Clock, Database, beijingDateOf } from '@credence/shared';
import type { ActorScope } from '@credence/identity';
import { StatutoryTime } from '@credence/working-calendar';
import { BACKLOG_BUCKETS, bucketExpression } from './statistics-backlog-ages';
import { APPEAL_DECISION_LABELS, CASE_OUTCOME_LABELS, OBJECTION_OUTCOME_LABELS } from './statistics-facts';
import { figureWhere, groupExpression, rateOf, type StatisticsFilter } from './statistics-filter';
import { StatisticsFigures, type Grouped } from './statistics-figures';

export interface BacklogFigure {
  pending: number;
  buckets: { key: string; minWorkingDays: number; maxWorkingDays: number | null; count: number }[];
}

export interface PublicationFigure {
  published: number;
  onTime: number;
  late: number;
  rate: number | null;
}

export interface CommitmentFigure {
  due: number;
  kept: number;
  broken: number;
}

/** The backlog, outcomes, 双公示 and commitments (docs/statistics.md). */
@Injectable()
export class StatisticsReports {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly time: StatutoryTime,
    private readonly figures: StatisticsFigures,
  ) {}

  /**
   * Cases pending at the end of `asOf` (default: today), by age in working days: the working days after the day the
   * case was opened up to that day (the day of receipt is not counted, as for the clocks), on the calendar of the
   * authority's province. Each case is bucketed in SQL by cut-off days worked out from the calendar
   * (statistics-backlog-ages.ts); today's backlog reads only the partial index of pending cases (index-only scan).
   */
  async backlog(
    actor: ActorScope,
    filter: StatisticsFilter,
    asOf?: string,
  ): Promise<Grouped<BacklogFigure> & { asOf: string }> {
    const scope = await this.figures.scope(actor, filter);
    const today = beijingDateOf(this.clock.now());
    const day = asOf && asOf < today ? asOf : today;
    const where = figureWhere(scope, { ...filter, from: '0001-01-01', to: day }, 'c', 'opened_on');
    if (day === today) where.raw('c.decided_on IS NULL');
    else where.add('(c.decided_on IS NULL OR c.decided_on > ?::date)', day);
    const key = groupExpression(scope, filter.groupBy, 'c', 'opened_on');
    const bucket = bucketExpression(await this.time.snapshot(), day, 'c', where.params);
    const { rows } = await this.db.query<{ key: string; bucket: number; n: number }>(
      `SELECT ${key} AS key, ${bucket} AS bucket, count(*)::int AS n
         FROM statistics_cases c WHERE ${where.sql} GROUP BY 1, 2`,
      where.params,
    );
    const byKey = new Map<string, BacklogFigure>();
    for (const r of rows) {
      const figure = byKey.get(r.key) ?? emptyBacklog();
      figure.pending += r.n;
      figure.buckets[r.bucket].count += r.n;
      byKey.set(r.key, figure);
    }
    const answer = await this.figures.grouped(scope, filter, byKey, emptyBacklog, (a, b) => ({
      pending: a.pending + b.pending,
      buckets: a.buckets.map((x, i) => ({ ...x, count: x.count + b.buckets[i].count })),
    }));
    return { ...answer, asOf: day };
  }

  /** Cases ended within the period by outcome; objection answers by outcome; appeals decided within it. */
  async outcomes(actor: ActorScope, filter: StatisticsFilter) {
    const scope = await this.figures.scope(actor, filter);
    const run = async (column: string, code: string, extra?: string) => {
      const where = figureWhere(scope, filter, 'c', column);
      if (extra) where.raw(extra);
      const key = groupExpression(scope, filter.groupBy, 'c', column);
      return this.figures.counted(
        `SELECT ${key} AS key, ${code} AS code, count(*)::int AS n FROM statistics_cases c WHERE ${where.sql} GROUP BY 1, 2`,
        where,
      );
    };
    const [cases, objections, appeals] = await Promise.all([
      run('decided_on', 'c.outcome'),
      run('decided_on', 'c.objection_outcome', 'c.objection_outcome IS NOT NULL'),
      run('appeal_decided_on', 'c.appeal_decision', 'c.appeal_decision IS NOT NULL'),
    ]);
    return {
      outcomes: await this.figures.groupedCounts(scope, filter, cases, CASE_OUTCOME_LABELS),
      objectionOutcomes: await this.figures.groupedCounts(
        scope,
        filter,
        objections,
        OBJECTION_OUTCOME_LABELS,
      ),
      appealDecisions: await this.figures.groupedCounts(scope, filter, appeals, APPEAL_DECISION_LABELS),
    };
  }

  /** 双公示: records registered (published) within the period, and how many within the limit of their decision. */
  async publication(actor: ActorScope, asked: StatisticsFilter): Promise<Grouped<PublicationFigure>> {
    const filter = withoutTypeGroups(asked);
    const scope = await this.figures.scope(actor, filter);
    const where = figureWhere(scope, filter, 'p', 'published_on', false);
    const key = groupExpression(scope, filter.groupBy, 'p', 'published_on');
    const { rows } = await this.db.query<{ key: string; published: number; on_time: number }>(
      `SELECT ${key} AS key, count(*)::int AS published, count(*) FILTER (WHERE p.on_time)::int AS on_time
         FROM statistics_publications p WHERE ${where.sql} GROUP BY 1`,
      where.params,
    );
    const byKey = new Map(rows.map((r) => [r.key, publicationFigure(r.published, r.on_time)]));
    return this.figures.grouped(
      scope,
      filter,
      byKey,
      () => publicationFigure(0, 0),
      (a, b) => publicationFigure(a.published + b.published, a.onTime + b.onTime),
    );
  }

  /** Commitments whose check fell due within the period; kept (践诺) and broken (违诺) as found within it. */
  async commitments(actor: ActorScope, asked: StatisticsFilter): Promise<Grouped<CommitmentFigure>> {
    const filter = withoutTypeGroups(asked);
    const scope = await this.figures.scope(actor, filter);
    const group = filter.groupBy;
    const byKey = new Map<string, CommitmentFigure>();
    const parts = [
      ['due', 'check_due_on', 'TRUE'],
      ['kept', 'result_on', `m.result = 'kept'`],
      ['broken', 'result_on', `m.result = 'broken'`],
    ] as const;
    for (const [field, column, condition] of parts) {
      const where = figureWhere(scope, filter, 'm', column, false).raw(condition);
      const key = groupExpression(scope, group, 'm', column);
      const { rows } = await this.db.query<{ key: string; n: number }>(
        `SELECT ${key} AS key, count(*)::int AS n FROM statistics_commitments m WHERE ${where.sql} GROUP BY 1`,
        where.params,
      );
      for (const r of rows) {
        const figure = byKey.get(r.key) ?? { due: 0, kept: 0, broken: 0 };
        figure[field] += r.n;
        byKey.set(r.key, figure);
      }
    }
    return this.figures.grouped(
      scope,
      filter,
      byKey,
      () => ({ due: 0, kept: 0, broken: 0 }),
      (a, b) => ({
        due: a.due + b.due,
        kept: a.kept + b.kept,
        broken: a.broken + b.broken,
      }),
    );
  }
}

const emptyBacklog = (): BacklogFigure => ({
  pending: 0,
  buckets: BACKLOG_BUCKETS.map((b) => ({
    key: b.key,
    minWorkingDays: b.min,
    maxWorkingDays: b.max,
    count: 0,
  })),
});

const publicationFigure = (published: number, onTime: number): PublicationFigure => ({
  published,
  onTime,
  late: published - onTime,
  rate: rateOf(onTime, published),
});

/** Records and commitments are not cases of a workflow type: grouping them by type is grouping them not at all. */
const withoutTypeGroups = (filter: StatisticsFilter): StatisticsFilter =>
  filter.groupBy === 'type' ? { ...filter, groupBy: undefined } : filter;
