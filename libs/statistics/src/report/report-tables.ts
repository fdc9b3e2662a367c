import type { BilingualText } from '@credence/shared';
import { BACKLOG_BUCKETS } from '../statistics-backlog-ages';
import type { MonthlyReport } from './monthly-report';

export type ReportCell = string | number | null;

/** What a cell holds, for formatting: a count, a rate (0…1, printed as a percentage) or text. */
export type ColumnKind = 'text' | 'count' | 'rate';

export interface ReportColumn extends BilingualText {
  kind: ColumnKind;
  width: number;
}

/** One table of the report: a bilingual title, bilingual column headings, rows of cells. */
export interface ReportTable {
  sheet: string;
  title: BilingualText;
  columns: ReportColumn[];
  rows: ReportCell[][];
}

const text = (zh: string, en: string, width = 24): ReportColumn => ({ zh, en, kind: 'text', width });
const count = (zh: string, en: string): ReportColumn => ({ zh, en, kind: 'count', width: 12 });
const rate = (zh: string, en: string): ReportColumn => ({ zh, en, kind: 'rate', width: 12 });
const both = (t: BilingualText) => `${t.zh} ${t.en}`;

/** 全国 when the report covers the country. */
export const authorityName = (r: MonthlyReport): string =>
  r.authority ? `${r.authority.name.zh}（${r.authority.code}）` : '全国 / Nationwide';

/**
 * The report's tables in reading order (docs/statistics.md defines each figure). The XLSX has a sheet per table,
 * the PDF prints them one after another: both from this list, so they hold the same figures.
 */
export function reportTables(r: MonthlyReport): ReportTable[] {
  const totalRow = (t: { opened: number; decided: number; pending: number }) => [
    t.opened,
    t.decided,
    t.pending,
  ];
  return [
    {
      sheet: '概况 Summary',
      title: { zh: '报告概况', en: 'Summary' },
      columns: [text('项目', 'Item', 28), text('内容', 'Value', 40)],
      rows: [
        ['统计月份 Month', r.month],
        ['统计期间 Period', `${r.from} — ${r.to}`],
        ['单位 Authority', authorityName(r)],
        ['数据截至 Data as of', r.dataAsOf ?? '—'],
        ['积压截至 Backlog as of', r.backlogAsOf],
      ],
    },
    {
      sheet: '案件 Cases',
      title: { zh: '受理、办结与未办结（按案件类型）', en: 'Cases opened, decided and pending, by type' },
      columns: [
        text('案件类型', 'Case type'),
        count('受理', 'Opened'),
        count('办结', 'Decided'),
        count('月末未办结', 'Pending at month end'),
      ],
      rows: [
        ...r.cases.groups.map((g) => [both(g.label), ...totalRow(g)]),
        ['合计 Total', ...totalRow(r.cases.total)],
      ],
    },
    {
      sheet: '按期 On time',
      title: { zh: '各法定环节按期办结（工作日）', en: 'On time per statutory stage (working days)' },
      columns: [
        text('法定环节', 'Stage', 30),
        count('办结', 'Decided'),
        count('按期', 'On time'),
        count('超期', 'Late'),
        rate('按期率', 'Rate'),
      ],
      rows: r.stages.map((s) => [both(s.label), s.decided, s.onTime, s.late, s.rate]),
    },
    {
      sheet: '积压 Backlog',
      title: { zh: '未办结案件工作日龄', en: 'Pending cases by age in working days' },
      columns: [text('工作日龄', 'Age (working days)'), count('件数', 'Cases')],
      rows: [
        ...r.backlog.buckets.map((b, i) => [bucketLabel(BACKLOG_BUCKETS[i]), b.count]),
        ['合计 Total', r.backlog.pending],
      ],
    },
    {
      sheet: '结果 Outcomes',
      title: { zh: '办结结果', en: 'Outcomes' },
      columns: [text('类别', 'Kind', 20), text('结果', 'Outcome', 30), count('件数', 'Cases')],
      rows: [
        ...r.outcomes.outcomes.counts.map((c) => ['案件 Cases', both(c.label), c.count]),
        ...r.outcomes.objectionOutcomes.counts.map((c) => ['异议答复 Objections', both(c.label), c.count]),
        ...r.outcomes.appealDecisions.counts.map((c) => ['复核 Appeals', both(c.label), c.count]),
      ],
    },
    {
      sheet: '撤销 Revocations',
      title: { zh: '撤销修复（按事由）', en: 'Revoked repairs by ground' },
      columns: [text('事由', 'Ground', 36), count('件数', 'Cases')],
      rows: [
        ...r.revocations.counts.map((c) => [both(c.label), c.count]),
        ['合计 Total', r.revocations.total],
      ],
    },
    {
      sheet: '承诺 Commitments',
      title: { zh: '信用承诺', en: 'Commitments' },
      columns: [count('到期', 'Due'), count('践诺', 'Kept'), count('违诺', 'Broken')],
      rows: [[r.commitments.due, r.commitments.kept, r.commitments.broken]],
    },
    {
      sheet: '双公示 Publication',
      title: { zh: '双公示：决定后 7 个工作日内公示', en: '双公示: published within 7 working days' },
      columns: [
        count('公示', 'Published'),
        count('按期', 'On time'),
        count('超期', 'Late'),
        rate('按期率', 'Rate'),
      ],
      rows: [[r.publication.published, r.publication.onTime, r.publication.late, r.publication.rate]],
    },
    {
      sheet: '下级单位 Authorities',
      title: { zh: '下级单位', en: 'Authorities under it' },
      columns: [
        text('单位', 'Authority', 26),
        count('受理', 'Opened'),
        count('办结', 'Decided'),
        count('月末未办结', 'Pending'),
        count('环节办结', 'Stages decided'),
        count('环节按期', 'On time'),
        rate('按期率', 'On-time rate'),
        count('公示', 'Published'),
        rate('双公示率', '双公示 rate'),
      ],
      rows: r.children.map((c) => [
        `${c.name.zh}（${c.code}）`,
        c.cases.opened,
        c.cases.decided,
        c.cases.pending,
        c.stagesDecided,
        c.stagesOnTime,
        c.onTimeRate,
        c.published,
        c.publicationRate,
      ]),
    },
  ];
}

function bucketLabel(b: { min: number; max: number | null }): string {
  return b.max === null
    ? `${b.min} 个工作日以上 ${b.min}+ days`
    : `${b.min}–${b.max} 个工作日 ${b.min}–${b.max} days`;
}

/** A rate as printed: 83.33 %; no rate (nothing decided) as a dash. */
export const percent = (value: number | null): string =>
  value === null ? '—' : `${(Math.round(value * 10_000) / 100).toFixed(2)}%`;
