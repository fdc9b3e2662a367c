import { Injectable } from '@nestjs/common';
import { addCalendarMonths, addDays, type BilingualText } from '@credence/shared';
import type { ActorScope } from '@credence/identity';
import type { CaseCounts } from '../statistics-case-counts';
import { StatisticsCasesList } from '../statistics-cases-list';
import { StatisticsFigures, type Grouped, type StageFigure } from '../statistics-figures';
import { rateOf, type StatisticsFilter } from '../statistics-filter';
import {
  StatisticsReports,
  type BacklogFigure,
  type CommitmentFigure,
  type PublicationFigure,
} from '../statistics-reports';

type Counted = Awaited<ReturnType<StatisticsFigures['revocations']>>;

/** One authority directly under the report's: its cases, its stages taken together and its 双公示. */
export interface ChildAuthorityRow {
  code: string;
  name: BilingualText;
  cases: CaseCounts;
  stagesDecided: number;
  stagesOnTime: number;
  onTimeRate: number | null;
  published: number;
  publishedOnTime: number;
  publicationRate: number | null;
}

/** Every figure of one calendar month for one authority (or the country), as the monthly report prints them. */
export interface MonthlyReport {
  month: string;
  from: string;
  to: string;
  authority: { code: string; name: BilingualText } | null;
  /** 数据截至: the recording time of the last event the figures include (null: nothing projected yet). */
  dataAsOf: string | null;
  /** The day the backlog is aged to: the month's last day, or today while the month runs. */
  backlogAsOf: string;
  cases: Grouped<CaseCounts>;
  stages: StageFigure[];
  backlog: BacklogFigure;
  outcomes: Awaited<ReturnType<StatisticsReports['outcomes']>>;
  revocations: Counted;
  commitments: CommitmentFigure;
  publication: PublicationFigure;
  children: ChildAuthorityRow[];
}

/**
 * Gathers the monthly report from the same queries as the JSON figures (docs/statistics.md), so the report and the
 * dashboard cannot disagree. Nothing in it depends on when it is asked for a month that is over: the backlog is aged
 * to the month's end and the freshness is the recording time of an event.
 */
@Injectable()
export class StatisticsMonthlyReport {
  constructor(
    private readonly figures: StatisticsFigures,
    private readonly reports: StatisticsReports,
    private readonly list: StatisticsCasesList,
  ) {}

  async build(actor: ActorScope, month: string, authority?: string): Promise<MonthlyReport> {
    const from = `${month}-01`;
    const to = addDays(addCalendarMonths(from, 1), -1);
    const filter: StatisticsFilter = { from, to, authority };
    const byAuthority: StatisticsFilter = { ...filter, groupBy: 'authority' };
    // One after another: the scope check (404) comes first, and a report should not take the whole pool.
    const cases = await this.figures.cases(actor, { ...filter, groupBy: 'type' });
    const onTime = await this.figures.onTime(actor, byAuthority);
    const backlog = await this.reports.backlog(actor, filter, to);
    const outcomes = await this.reports.outcomes(actor, filter);
    const revocations = await this.figures.revocations(actor, filter);
    const commitments = await this.reports.commitments(actor, filter);
    const publication = await this.reports.publication(actor, byAuthority);
    const childCases = await this.figures.cases(actor, byAuthority);
    const freshness = await this.list.freshness();
    return {
      month,
      from,
      to,
      authority: cases.context.authority,
      dataAsOf: freshness.projectedUpTo,
      backlogAsOf: backlog.asOf,
      cases,
      stages: onTime.total.stages,
      backlog: backlog.total,
      outcomes,
      revocations,
      commitments: commitments.total,
      publication: publication.total,
      children: childRows(childCases, onTime, publication),
    };
  }
}

function childRows(
  cases: Grouped<CaseCounts>,
  onTime: Grouped<{ stages: StageFigure[] }>,
  publication: Grouped<PublicationFigure>,
): ChildAuthorityRow[] {
  const names = new Map<string, BilingualText>();
  for (const g of [...cases.groups, ...onTime.groups, ...publication.groups]) names.set(g.key, g.label);
  return [...names.keys()].sort().map((code) => {
    const counts = cases.groups.find((g) => g.key === code);
    const stages = onTime.groups.find((g) => g.key === code)?.stages ?? [];
    const published = publication.groups.find((g) => g.key === code);
    const decided = stages.reduce((sum, s) => sum + s.decided, 0);
    const inTime = stages.reduce((sum, s) => sum + s.onTime, 0);
    return {
      code,
      name: names.get(code)!,
      cases: { opened: counts?.opened ?? 0, decided: counts?.decided ?? 0, pending: counts?.pending ?? 0 },
      stagesDecided: decided,
      stagesOnTime: inTime,
      onTimeRate: rateOf(inTime, decided),
      published: published?.published ?? 0,
      publishedOnTime: published?.onTime ?? 0,
      publicationRate: published?.rate ?? null,
    };
  });
}
