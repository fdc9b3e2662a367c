import type { components } from '../../api/schema';
import type { BilingualText } from '../../i18n/language';
import type { MessageKey, Params } from '../../i18n/messages';
import type { ChartData } from './chart-data';

type Schemas = components['schemas'];
export type CasesAnswer = Schemas['StatisticsCasesDto'];
export type OnTimeAnswer = Schemas['StatisticsOnTimeDto'];
export type BacklogAnswer = Schemas['StatisticsBacklogDto'];
export type CountsAnswer = Schemas['StatisticsCountsDto'];
export type OutcomesAnswer = Schemas['StatisticsOutcomesDto'];
export type PublicationAnswer = Schemas['StatisticsPublicationDto'];
export type CommitmentsAnswer = Schemas['StatisticsCommitmentsDto'];
export type Stage = Schemas['StatisticsStageDto'];

/** The console's translators, passed in so the figures stay plain functions (and testable without React). */
export interface Words {
  t: (key: MessageKey, params?: Params) => string;
  pick: (text: BilingualText | null | undefined) => string;
}

/**
 * Opened, decided and pending per group of a grouped /statistics/cases answer. By month, every month of the period
 * is a category: the API leaves out a month with nothing opened, decided or pending, which is a month of zeros.
 */
export function casesChart(answer: CasesAnswer, { t, pick }: Words, byMonth: boolean): ChartData {
  const groups = byMonth
    ? monthsOf(answer.context.from, answer.context.to).map(
        (month) =>
          answer.groups.find((g) => g.key === month) ?? {
            key: month,
            label: { zh: month, en: month },
            opened: 0,
            decided: 0,
            pending: 0,
          },
      )
    : answer.groups;
  return {
    categories: groups.map((g) => (byMonth ? g.key : pick(g.label))),
    series: [
      { name: t('dashboard.figure.opened'), values: groups.map((g) => g.opened) },
      { name: t('dashboard.figure.decided'), values: groups.map((g) => g.decided) },
      { name: t('dashboard.figure.pending'), values: groups.map((g) => g.pending) },
    ],
  };
}

/** The months (YYYY-MM) from the one of `from` to the one of `to`, both included. */
export function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) return months;
    months.push(key);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
  }
}

/** The on-time rate of each statutory stage (stages nobody decided in the period are not listed by the API). */
export function onTimeChart(answer: OnTimeAnswer, { t, pick }: Words): ChartData {
  const stages = answer.total.stages;
  return {
    categories: stages.map((s) => pick(s.label)),
    series: [{ name: t('dashboard.onTime.rate'), values: stages.map((s) => s.rate) }],
    rates: true,
  };
}

/** Pending cases by age in working days, one bar per bucket (`0-3` → `0–3 个工作日`, `21+` → `21 个工作日以上`). */
export function backlogChart(answer: BacklogAnswer, { t }: Words): ChartData {
  const buckets = answer.total.buckets;
  return {
    categories: buckets.map((b) =>
      b.maxWorkingDays === null
        ? t('dashboard.backlog.over', { min: b.minWorkingDays })
        : t('dashboard.backlog.range', { min: b.minWorkingDays, max: b.maxWorkingDays }),
    ),
    series: [{ name: t('dashboard.backlog.count'), values: buckets.map((b) => b.count) }],
  };
}

/** Counts by code (outcomes, objection answers, appeal decisions, revocation grounds), labelled by the API. */
export function countsChart(answer: CountsAnswer, name: string, { pick }: Words): ChartData {
  return {
    categories: answer.counts.map((c) => pick(c.label)),
    series: [{ name, values: answer.counts.map((c) => c.count) }],
  };
}

export function commitmentsChart(answer: CommitmentsAnswer, { t }: Words): ChartData {
  const { due, kept, broken } = answer.total;
  return {
    categories: [
      t('dashboard.commitments.due'),
      t('dashboard.commitments.kept'),
      t('dashboard.commitments.broken'),
    ],
    series: [{ name: t('dashboard.commitments.count'), values: [due, kept, broken] }],
  };
}

/**
 * One row per authority directly under the one shown (the drill-down), joining the grouped answers by the
 * authority's code: cases, each stage's on-time rate, 双公示. An authority that appears in one answer only (it
 * published records but decided no stage, say) still gets its row, with no figure where it had none.
 */
export interface AuthorityRow {
  code: string;
  name: string;
  opened: number;
  decided: number;
  pending: number;
  rates: Record<string, number | null>;
  publicationRate: number | null;
}

export function authorityRows(
  cases: CasesAnswer,
  onTime: OnTimeAnswer,
  publication: PublicationAnswer,
  { pick }: Words,
): AuthorityRow[] {
  const rows = new Map<string, AuthorityRow>();
  const row = (group: { key: string; label: BilingualText }) => {
    let found = rows.get(group.key);
    if (!found) {
      found = {
        code: group.key,
        name: pick(group.label),
        opened: 0,
        decided: 0,
        pending: 0,
        rates: {},
        publicationRate: null,
      };
      rows.set(group.key, found);
    }
    return found;
  };
  for (const g of cases.groups)
    Object.assign(row(g), { opened: g.opened, decided: g.decided, pending: g.pending });
  for (const g of onTime.groups) for (const s of g.stages) row(g).rates[s.stage] = s.rate;
  for (const g of publication.groups) row(g).publicationRate = g.rate;
  return [...rows.values()].sort((a, b) => a.code.localeCompare(b.code));
}

/**
 * The authorities of the drill-down trail, top down: each code on `path` (`320000/320800/320830`) at or below the
 * caller's own authority (`ownPath`; null: the country) — figures above it would be refused (404).
 */
export function drillTrail(path: string, ownPath: string | null): string[] {
  const codes = path ? path.split('/') : [];
  return codes.filter((_, i) => {
    const prefix = codes.slice(0, i + 1).join('/');
    return !ownPath || prefix === ownPath || prefix.startsWith(`${ownPath}/`);
  });
}
