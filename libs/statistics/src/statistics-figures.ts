import { Injectable } from '@nestjs/common';
import { Database, SqlWhere, type BilingualText } from '@credence/shared';
import type { ActorScope } from '@credence/identity';
import { REVOCATION_GROUND_LABELS, labelOr } from './statistics-facts';
import {
  figureWhere,
  groupExpression,
  rateOf,
  type GroupKey,
  type StatisticsFilter,
} from './statistics-filter';
import { caseCounts, type CaseCounts } from './statistics-case-counts';
import { StatisticsLabels } from './statistics-labels';
import { resolveScope, type StatisticsScope } from './statistics-scope';

/** Every figure answer says what it covers. */
export interface FigureContext {
  from: string;
  to: string;
  authority: { code: string; name: BilingualText } | null;
  caseType: string | null;
  groupBy: string | null;
}

export interface Grouped<T> {
  context: FigureContext;
  total: T;
  groups: (GroupKey & T)[];
}

export interface StageFigure {
  stage: string;
  caseType: string;
  clock: string;
  label: BilingualText;
  decided: number;
  onTime: number;
  late: number;
  rate: number | null;
}

type Row = Record<string, string | number | null> & { key: string };

/**
 * The figures of docs/statistics.md, each one grouped query over the read model within the caller's scope. The
 * on-time, outcome and revocation figures live here; backlog, publication and commitments in their own files.
 */
@Injectable()
export class StatisticsFigures {
  constructor(
    private readonly db: Database,
    readonly labels: StatisticsLabels,
  ) {}

  scope(actor: ActorScope, filter: StatisticsFilter): Promise<StatisticsScope> {
    return resolveScope(this.db, actor, filter.authority);
  }

  context(scope: StatisticsScope, filter: StatisticsFilter): FigureContext {
    return {
      from: filter.from,
      to: filter.to,
      authority: scope.root ? { code: scope.root.code, name: scope.root.name } : null,
      caseType: filter.caseType ?? null,
      groupBy: filter.groupBy ?? null,
    };
  }

  /** Opened and decided within the period; pending at its end (opened by then, not ended by then). */
  async cases(actor: ActorScope, filter: StatisticsFilter): Promise<Grouped<CaseCounts>> {
    const scope = await this.scope(actor, filter);
    const rows = await caseCounts(this.db, scope, filter);
    const answer = await this.grouped(
      scope,
      filter,
      rows,
      () => ({ opened: 0, decided: 0, pending: 0 }),
      (a, b) => ({
        opened: a.opened + b.opened,
        decided: a.decided + b.decided,
        pending: a.pending + b.pending,
      }),
    );
    // By month, each month has its own end: the period's pending is its last month's, not their sum.
    if (filter.groupBy === 'month') answer.total.pending = rows.get(filter.to.slice(0, 7))?.pending ?? 0;
    return answer;
  }

  /**
   * Per statutory stage (clock limit): runs stopped within the period by a step of the authority, and how many
   * stopped by their due date (the engine's `met`). Applicant windows and ends caused by the applicant are left out.
   */
  async onTime(actor: ActorScope, filter: StatisticsFilter): Promise<Grouped<{ stages: StageFigure[] }>> {
    const scope = await this.scope(actor, filter);
    const where = figureWhere(scope, filter, 's', 'day');
    const key = groupExpression(scope, filter.groupBy, 's', 'day');
    const { rows } = await this.db.query<Row>(
      `SELECT x.key, x.limit_key AS stage, l.case_type, l.clock, l.label_zh, l.label_en, x.decided, x.on_time
         FROM (SELECT ${key} AS key, s.limit_key, sum(s.decided)::int AS decided, sum(s.on_time)::int AS on_time
                 FROM statistics_stage_days s WHERE ${where.sql} GROUP BY 1, 2) x
         JOIN statistics_stages l ON l.limit_key = x.limit_key
        ORDER BY 2`,
      where.params,
    );
    const byKey = new Map<string, { stages: StageFigure[] }>();
    for (const r of rows) {
      const entry = byKey.get(r.key) ?? { stages: [] };
      entry.stages.push(stage(r));
      byKey.set(r.key, entry);
    }
    return this.grouped(
      scope,
      filter,
      byKey,
      () => ({ stages: [] }),
      (a, b) => ({ stages: mergeStages(a.stages, b.stages) }),
    );
  }

  /** Revocations of repairs decided within the period, by ground. */
  async revocations(actor: ActorScope, filter: StatisticsFilter) {
    const scope = await this.scope(actor, filter);
    const where = figureWhere(scope, filter, 'r', 'revoked_on');
    const key = groupExpression(scope, filter.groupBy, 'r', 'revoked_on');
    const counts = await this.counted(
      `SELECT ${key} AS key, r.ground AS code, count(*)::int AS n FROM statistics_revocations r
        WHERE ${where.sql} GROUP BY 1, 2`,
      where,
    );
    return this.groupedCounts(scope, filter, counts, REVOCATION_GROUND_LABELS);
  }

  /** Rows of (key, code, n) → per key, a count per code. */
  async counted(sql: string, where: SqlWhere): Promise<Map<string, Map<string, number>>> {
    const { rows } = await this.db.query<{ key: string; code: string; n: number }>(sql, where.params);
    const out = new Map<string, Map<string, number>>();
    for (const r of rows) {
      const codes = out.get(r.key) ?? new Map<string, number>();
      codes.set(r.code, (codes.get(r.code) ?? 0) + r.n);
      out.set(r.key, codes);
    }
    return out;
  }

  /** A grouped answer of coded counts: `total` (the sum) and `counts` per code, labelled. */
  async groupedCounts(
    scope: StatisticsScope,
    filter: StatisticsFilter,
    counts: Map<string, Map<string, number>>,
    labels: Record<string, BilingualText>,
  ) {
    const shape = (codes: Map<string, number>) => ({
      total: [...codes.values()].reduce((a, b) => a + b, 0),
      counts: [...codes.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([code, count]) => ({ code, label: labelOr(labels, code), count })),
    });
    const merged = new Map<string, number>();
    for (const codes of counts.values()) for (const [c, n] of codes) merged.set(c, (merged.get(c) ?? 0) + n);
    const keys = filter.groupBy ? [...counts.keys()].sort() : [];
    const names = await this.labels.groups(filter.groupBy, keys);
    return {
      context: this.context(scope, filter),
      ...shape(merged),
      groups: keys.map((k) => ({ ...names.get(k)!, ...shape(counts.get(k)!) })),
    };
  }

  /** Sorted, labelled groups and their sum. */
  async grouped<T>(
    scope: StatisticsScope,
    filter: StatisticsFilter,
    rows: Map<string, T>,
    empty: () => T,
    sum: (a: T, b: T) => T,
  ): Promise<Grouped<T>> {
    const keys = filter.groupBy ? [...rows.keys()].sort() : [];
    const names = await this.labels.groups(filter.groupBy, keys);
    return {
      context: this.context(scope, filter),
      total: [...rows.values()].reduce(sum, empty()),
      groups: keys.map((k) => ({ ...names.get(k)!, ...rows.get(k)! })),
    };
  }
}

function stage(r: Row): StageFigure {
  const decided = Number(r.decided);
  const onTime = Number(r.on_time);
  return {
    stage: String(r.stage),
    caseType: String(r.case_type),
    clock: String(r.clock),
    label: { zh: String(r.label_zh), en: String(r.label_en) },
    decided,
    onTime,
    late: decided - onTime,
    rate: rateOf(onTime, decided),
  };
}

function mergeStages(a: StageFigure[], b: StageFigure[]): StageFigure[] {
  const out = new Map(a.map((s) => [s.stage, { ...s }]));
  for (const s of b) {
    const known = out.get(s.stage);
    if (!known) out.set(s.stage, { ...s });
    else {
      known.decided += s.decided;
      known.onTime += s.onTime;
      known.late = known.decided - known.onTime;
      known.rate = rateOf(known.onTime, known.decided);
    }
  }
  return [...out.values()].sort((x, y) => x.stage.localeCompare(y.stage));
}
