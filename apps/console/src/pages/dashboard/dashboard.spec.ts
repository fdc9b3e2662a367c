import { describe, expect, it } from '@jest/globals';
import type { MessageKey, Params } from '../../i18n/messages';
import { format } from '../../i18n/messages';
import { barOption, formatRate, summaryOf, tableRowsOf } from './chart-data';
import {
  authorityRows,
  backlogChart,
  casesChart,
  drillTrail,
  monthsOf,
  onTimeChart,
  type BacklogAnswer,
  type CasesAnswer,
  type OnTimeAnswer,
  type PublicationAnswer,
} from './dashboard-figures';
import {
  caseListFiltersOf,
  caseListQueryOf,
  dashboardFiltersOf,
  reportMonthOf,
  reportPathOf,
  searchOf,
  statisticsQueryOf,
  twelveMonthsTo,
} from './dashboard-query';

const words = {
  t: (key: MessageKey, params?: Params) => format('zh', key, params),
  pick: (text: { zh: string; en: string } | null | undefined) => text?.zh ?? '',
};
const label = (zh: string) => ({ zh, en: zh });
const context = { from: '2026-10-01', to: '2026-10-31', authority: null, caseType: null, groupBy: null };
const stage = (key: string, zh: string, decided: number, onTime: number, rate: number | null) => ({
  stage: key,
  caseType: 'repairApplication',
  clock: key.split('.')[1],
  label: label(zh),
  decided,
  onTime,
  late: decided - onTime,
  rate,
});

describe('the dashboard’s address', () => {
  it('reads a bookmarked month, authority and case type, dropping what the API would refuse', () => {
    expect(
      dashboardFiltersOf(new URLSearchParams('month=2026-10&authority=320800&caseType=objection')),
    ).toEqual({
      month: '2026-10',
      authority: '320800',
      caseType: 'objection',
    });
    expect(dashboardFiltersOf(new URLSearchParams('month=2026-13&authority=3208&caseType=a-b'))).toEqual({});
  });

  it('takes a period only with both days, in order, and a month over a period', () => {
    expect(dashboardFiltersOf(new URLSearchParams('from=2026-10-01&to=2026-12-31'))).toEqual({
      from: '2026-10-01',
      to: '2026-12-31',
    });
    expect(dashboardFiltersOf(new URLSearchParams('from=2026-10-01'))).toEqual({});
    expect(dashboardFiltersOf(new URLSearchParams('from=2026-10-31&to=2026-10-01'))).toEqual({});
    expect(dashboardFiltersOf(new URLSearchParams('from=2026-02-01&to=2026-02-30'))).toEqual({});
    expect(dashboardFiltersOf(new URLSearchParams('month=2026-10&from=2026-01-01&to=2026-02-01'))).toEqual({
      month: '2026-10',
    });
  });

  it('writes the filters back in a fixed order, page 1 left out', () => {
    const filters = caseListFiltersOf(
      new URLSearchParams('stage=repair.result&figure=late&month=2026-10&page=1'),
    );
    expect(searchOf(filters)).toBe('month=2026-10&figure=late&stage=repair.result');
    expect(caseListQueryOf(filters)).toEqual({
      month: '2026-10',
      figure: 'late',
      stage: 'repair.result',
      page: 1,
      pageSize: 20,
    });
    // A stage only narrows the late cases; an unknown figure is the opened cases.
    const opened = caseListFiltersOf(new URLSearchParams('figure=nonsense&stage=repair.result&page=3'));
    expect(caseListQueryOf(opened)).toEqual({ figure: 'opened', page: 3, pageSize: 20 });
    expect(statisticsQueryOf({ authority: '320830' })).toEqual({ authority: '320830' });
  });

  it('spans the trend over the twelve months ending with the period', () => {
    expect(twelveMonthsTo('2026-10-31')).toEqual({ from: '2025-11-01', to: '2026-10-31' });
    expect(twelveMonthsTo('2026-12-31')).toEqual({ from: '2026-01-01', to: '2026-12-31' });
  });

  it('offers the monthly report of a month, not of a period of days', () => {
    expect(reportMonthOf({ month: '2026-10' }, undefined)).toBe('2026-10');
    expect(reportMonthOf({}, { from: '2026-12-01' })).toBe('2026-12');
    expect(reportMonthOf({ from: '2026-10-01', to: '2026-10-15' }, { from: '2026-10-01' })).toBeUndefined();
    expect(reportPathOf({ authority: '320800', caseType: 'objection' }, '2026-10', 'pdf')).toBe(
      '/api/v1/statistics/reports/monthly?month=2026-10&format=pdf&authority=320800',
    );
  });
});

describe('the dashboard’s figures', () => {
  it('writes rates as percentages, and no rate as a dash rather than 0 %', () => {
    expect([0.8333, 0.6, 1, 0, 0.6667, null].map(formatRate)).toEqual([
      '83.33%',
      '60%',
      '100%',
      '0%',
      '66.67%',
      '—',
    ]);
  });

  it('draws the on-time chart and writes its table from the same numbers', () => {
    const answer: OnTimeAnswer = {
      context,
      total: {
        stages: [
          stage('repair.acceptance', '受理', 6, 5, 0.8333),
          stage('repair.result', '办理', 0, 0, null),
        ],
      },
      groups: [],
    };
    const data = onTimeChart(answer, words);
    const option = barOption(data) as { xAxis: { data: string[] }; series: { data: unknown[] }[] };
    expect(option.xAxis.data).toEqual(['受理', '办理']);
    expect(option.series[0].data).toEqual([0.8333, null]);
    expect(tableRowsOf(data).map((r) => [r.category, ...r.values])).toEqual([
      ['受理', '83.33%'],
      ['办理', '—'],
    ]);
    expect(summaryOf('按期率', data, '无')).toBe('按期率：受理 83.33%；办理 —');
  });

  it('groups cases by month with three series, and says so for a screen reader', () => {
    const answer: CasesAnswer = {
      context,
      total: { opened: 13, decided: 8, pending: 5 },
      groups: [
        { key: '2026-09', label: label('2026年9月'), opened: 3, decided: 0, pending: 3 },
        { key: '2026-10', label: label('2026年10月'), opened: 10, decided: 8, pending: 5 },
      ],
    };
    const data = casesChart({ ...answer, context: { ...context, from: '2026-08-01' } }, words, true);
    // August had nothing: the API leaves it out, the chart draws it as zeros.
    expect(data.categories).toEqual(['2026-08', '2026-09', '2026-10']);
    expect(summaryOf('案件', data, '无')).toBe(
      '案件：2026-08 受理 0，办结 0，未办结 0；2026-09 受理 3，办结 0，未办结 3；2026-10 受理 10，办结 8，未办结 5',
    );
    expect(monthsOf('2025-11-01', '2026-02-28')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(summaryOf('案件', { categories: [], series: [] }, '期内无数据')).toBe('案件：期内无数据');
  });

  it('names the backlog buckets in working days', () => {
    const bucket = (key: string, min: number, max: number | null, count: number) => ({
      key,
      minWorkingDays: min,
      maxWorkingDays: max,
      count,
    });
    const answer: BacklogAnswer = {
      context,
      asOf: '2026-10-30',
      total: { pending: 5, buckets: [bucket('0-3', 0, 3, 1), bucket('21+', 21, null, 4)] },
      groups: [],
    };
    expect(backlogChart(answer, words).categories).toEqual(['0–3 个工作日', '21 个工作日以上']);
  });

  it('joins the drill-down’s answers by authority, one row even where an answer has no group', () => {
    const city = (key: string, zh: string) => ({ key, label: label(zh) });
    const cases: CasesAnswer = {
      context,
      total: { opened: 1, decided: 1, pending: 0 },
      groups: [{ ...city('320830', '盱眙'), opened: 1, decided: 1, pending: 0 }],
    };
    const onTime: OnTimeAnswer = {
      context,
      total: { stages: [] },
      groups: [{ ...city('320830', '盱眙'), stages: [stage('repair.result', '办理', 4, 3, 0.75)] }],
    };
    const publication: PublicationAnswer = {
      context,
      total: { published: 1, onTime: 0, late: 1, rate: 0 },
      groups: [{ ...city('320804', '淮阴'), published: 1, onTime: 0, late: 1, rate: 0 }],
    };
    expect(authorityRows(cases, onTime, publication, words)).toEqual([
      {
        code: '320804',
        name: '淮阴',
        opened: 0,
        decided: 0,
        pending: 0,
        rates: {},
        publicationRate: 0,
      },
      {
        code: '320830',
        name: '盱眙',
        opened: 1,
        decided: 1,
        pending: 0,
        rates: { 'repair.result': 0.75 },
        publicationRate: null,
      },
    ]);
  });

  it('trails the drill-down from the caller’s own level down', () => {
    expect(drillTrail('320000/320800/320830', null)).toEqual(['320000', '320800', '320830']);
    expect(drillTrail('320000/320800/320830', '320000/320800')).toEqual(['320800', '320830']);
    expect(drillTrail('', null)).toEqual([]);
  });
});
