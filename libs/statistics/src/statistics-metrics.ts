import { Injectable } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { Clock, Database, metricsRegistry } from '@credence/shared';

interface Counts {
  cases: { type: string; state: string; n: number }[];
  overdue: { type: string; stage: string; n: number }[];
  decisions: { type: string; outcome: string; n: number }[];
}

// A scrape every few seconds from several Prometheus servers must not become a query each: one read, kept briefly.
const CACHE_MS = 10_000;

/** The latest instance's reader: gauges read the database when /metrics is scraped (any process sees all rows). */
let readCounts: (() => Promise<Counts>) | null = null;
let cached: { at: number; counts: Promise<Counts | null> } | null = null;

function countsOfThisScrape(): Promise<Counts | null> {
  const now = performance.now(); // cache age, not business time
  if (readCounts && (!cached || now - cached.at > CACHE_MS)) {
    const counts = readCounts().catch(() => null);
    cached = { at: now, counts };
  }
  return cached?.counts ?? Promise.resolve(null);
}

function gauge<K extends keyof Counts>(
  name: string,
  help: string,
  labels: [string, string],
  pick: K,
  labelsOf: (row: Counts[K][number]) => Record<string, string>,
): void {
  if (metricsRegistry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames: labels,
    registers: [metricsRegistry],
    async collect() {
      const counts = await countsOfThisScrape();
      if (!counts) return;
      this.reset();
      for (const row of counts[pick]) this.set(labelsOf(row), row.n);
    },
  });
}

gauge(
  'credence_cases',
  'Cases by type and top-level state (the case engine’s view)',
  ['type', 'state'],
  'cases',
  (r) => ({
    type: r.type,
    state: r.state,
  }),
);
gauge(
  'credence_clocks_overdue',
  'Statutory clocks running past their due time, by case type and stage (limit key)',
  ['type', 'stage'],
  'overdue',
  (r) => ({ type: r.type, stage: r.stage }),
);
gauge(
  'credence_decisions',
  'Cases ended, by case type and outcome (statistics read model, all time)',
  ['type', 'outcome'],
  'decisions',
  (r) => ({ type: r.type, outcome: r.outcome }),
);

/** Prometheus business metrics (docs/statistics.md): cases by state, overdue clocks, decisions per outcome. */
@Injectable()
export class StatisticsMetrics {
  constructor(db: Database, clock: Clock) {
    readCounts = async () => {
      const [cases, overdue, decisions] = await Promise.all([
        db.query<Counts['cases'][number]>(
          `SELECT type, split_part(state[1], '.', 1) AS state, count(*)::int AS n FROM cases GROUP BY 1, 2`,
        ),
        db.query<Counts['overdue'][number]>(
          `SELECT case_type AS type, limit_key AS stage, count(*)::int AS n FROM statistics_clocks
            WHERE stopped_at IS NULL AND due_at <= $1 GROUP BY 1, 2`,
          [clock.now()],
        ),
        db.query<Counts['decisions'][number]>(
          `SELECT case_type AS type, outcome, count(*)::int AS n FROM statistics_cases
            WHERE outcome IS NOT NULL GROUP BY 1, 2`,
        ),
      ]);
      return { cases: cases.rows, overdue: overdue.rows, decisions: decisions.rows };
    };
  }
}
