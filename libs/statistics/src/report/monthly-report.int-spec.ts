import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import ExcelJS from 'exceljs';
import { ManualClock } from '@credence/shared';
import { commitmentCaseType } from '@credence/commitments';
import { creditRecordCaseType } from '@credence/credit-records';
import { repairCaseType } from '@credence/credit-repair';
import type { ActorScope } from '@credence/identity';
import { objectionCaseType } from '@credence/objections';
import { openCaseEngine } from '../../../workflow/src/testing/open-case-engine';
import { extractPdfText } from '../../../documents/src/testing/pdf-text';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { StatisticsCasesList } from '../statistics-cases-list';
import { StatisticsFigures } from '../statistics-figures';
import type { StatisticsFilter } from '../statistics-filter';
import { StatisticsLabels } from '../statistics-labels';
import { StatisticsProjector } from '../statistics-projector';
import { StatisticsReports } from '../statistics-reports';
import { at, insertAuthorities } from '../testing/case-steps';
import { buildOctober2026 } from '../testing/october-2026';
import { StatisticsMonthlyReport } from './monthly-report';
import { renderMonthlyReportPdf } from './monthly-report-pdf';
import { renderMonthlyReportXlsx } from './monthly-report-xlsx';

const admin: ActorScope = { role: 'admin', authorityCode: null, authorityPath: null, subjectCode: null };
const october: StatisticsFilter = { from: '2026-10-01', to: '2026-10-31' };

/** The body rows of a sheet (row 1 is the title, row 2 the headings), values as exceljs reads them back. */
async function sheets(xlsx: Buffer): Promise<Map<string, unknown[][]>> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  const out = new Map<string, unknown[][]>();
  workbook.eachSheet((sheet) => {
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 2) rows.push((row.values as unknown[]).slice(1).map((v) => v ?? null));
    });
    out.set(sheet.name, rows);
  });
  return out;
}

/** The monthly report of the October fixture against the JSON figures of the same month. */
describe('monthly report of October 2026', () => {
  let t: TestDatabase;
  let figures: StatisticsFigures;
  let reports: StatisticsReports;
  let monthly: StatisticsMonthlyReport;

  beforeAll(async () => {
    t = await createTestDatabase();
    await insertAuthorities(t.superuser);
    const clock = new ManualClock(at('2026-09-21'));
    const { engine, registry, time } = openCaseEngine(t.db, clock, [
      repairCaseType,
      objectionCaseType,
      creditRecordCaseType,
      commitmentCaseType,
    ]);
    await buildOctober2026(t.db, engine, clock, time);
    await new StatisticsProjector(t.db).subscription.drainHeldBack(15_000);
    figures = new StatisticsFigures(t.db, new StatisticsLabels(t.db, registry));
    reports = new StatisticsReports(t.db, clock, time, figures);
    monthly = new StatisticsMonthlyReport(figures, reports, new StatisticsCasesList(t.db, clock, figures));
  }, 120_000);
  afterAll(() => t.drop());

  it('holds in its XLSX the figures the JSON endpoints answer', async () => {
    const report = await monthly.build(admin, '2026-10');
    const read = await sheets(await renderMonthlyReportXlsx(report));

    const byType = await figures.cases(admin, { ...october, groupBy: 'type' });
    expect(read.get('案件 Cases')).toEqual([
      ...byType.groups.map((g) => [`${g.label.zh} ${g.label.en}`, g.opened, g.decided, g.pending]),
      ['合计 Total', 10, 8, 5],
    ]);
    const onTime = await figures.onTime(admin, october);
    const stages = read.get('按期 On time')!;
    expect(stages).toEqual(
      onTime.total.stages.map((s) => [`${s.label.zh} ${s.label.en}`, s.decided, s.onTime, s.late, s.rate]),
    );
    expect(stages.find((r) => String(r[0]).includes('Acceptance') && r[1] === 6)?.[4]).toBe(0.8333);

    // The month is still running on 10-30: the backlog is today's, as on the dashboard.
    const backlog = await reports.backlog(admin, october);
    expect(report.backlogAsOf).toBe(backlog.asOf);
    expect(read.get('积压 Backlog')!.map((r) => r[1])).toEqual([
      ...backlog.total.buckets.map((b) => b.count),
      backlog.total.pending,
    ]);
    expect(read.get('双公示 Publication')).toEqual([[5, 3, 2, 0.6]]);
    const commitments = await reports.commitments(admin, october);
    expect(read.get('承诺 Commitments')).toEqual([
      [commitments.total.due, commitments.total.kept, commitments.total.broken],
    ]);
    const revocations = await figures.revocations(admin, october);
    expect(read.get('撤销 Revocations')!.at(-1)).toEqual(['合计 Total', revocations.total]);
    const outcomes = await reports.outcomes(admin, october);
    expect(
      read
        .get('结果 Outcomes')!
        .filter((r) => r[0] === '案件 Cases')
        .map((r) => r[2]),
    ).toEqual(outcomes.outcomes.counts.map((c) => c.count));

    const children = await figures.cases(admin, { ...october, groupBy: 'authority' });
    const rows = read.get('下级单位 Authorities')!;
    expect(rows.map((r) => [String(r[0]).slice(-7, -1), r[1], r[2], r[3]])).toEqual(
      children.groups.map((g) => [g.key, g.opened, g.decided, g.pending]),
    );
    const summary = new Map(read.get('概况 Summary')!.map(([k, v]) => [k, v]));
    expect(summary.get('统计月份 Month')).toBe('2026-10');
    expect(summary.get('单位 Authority')).toBe('全国 / Nationwide');
    expect(summary.get('数据截至 Data as of')).toBe(report.dataAsOf);
  });

  it('gives byte-identical files for the same month and data', async () => {
    const [a, b] = [await monthly.build(admin, '2026-10'), await monthly.build(admin, '2026-10')];
    // Rendered a year apart by the system clock (only Date is faked): nothing in the files may come from it.
    const render = async (time: string, report: typeof a) => {
      jest.useFakeTimers({
        now: new Date(time),
        doNotFake: [
          'nextTick',
          'setImmediate',
          'setTimeout',
          'setInterval',
          'queueMicrotask',
          'clearTimeout',
          'clearInterval',
          'clearImmediate',
          'performance',
          'hrtime',
        ],
      });
      try {
        return [await renderMonthlyReportXlsx(report), await renderMonthlyReportPdf(report)];
      } finally {
        jest.useRealTimers();
      }
    };
    const [xlsxA, pdfA] = await render('2030-01-01T01:02:03Z', a);
    const [xlsxB, pdfB] = await render('2031-07-08T09:10:11Z', b);
    expect(xlsxA.equals(xlsxB)).toBe(true);
    expect(pdfA.equals(pdfB)).toBe(true);
    const other = await monthly.build(admin, '2026-10', '320830');
    expect((await renderMonthlyReportXlsx(other)).equals(xlsxA)).toBe(false);
  });

  it('prints the key figures in the PDF, Chinese first', async () => {
    const report = await monthly.build(admin, '2026-10', '320800');
    const { pages } = extractPdfText(await renderMonthlyReportPdf(report));
    const lines = pages.flat();
    expect(lines[0]).toBe('信用修复监管月报 2026-10');
    expect(lines).toContain('数据截至 Data as of');
    expect(lines).toContain('各法定环节按期办结（工作日）  On time per statutory stage (working days)');
    // 淮安市: 双公示 P1–P4, three on time (statistics-month.int-spec.ts)
    const publication = await reports.publication(admin, { ...october, authority: '320800' });
    expect(publication.total).toEqual({ published: 4, onTime: 3, late: 1, rate: 0.75 });
    expect(lines).toContain('75.00%');
    for (const child of report.children)
      expect(lines.some((l) => l.includes(`（${child.code}）`))).toBe(true);
    pages.forEach((page, i) => expect(page.at(-1)).toBe(`第 ${i + 1} 页 / 共 ${pages.length} 页`));
  });

  it('ages the backlog to an earlier day when asked', async () => {
    // At the end of 10-29 (one working day before 10-30): R7 1 → 0–3; R11 7 and R6 10 → 4–10; R9 19; R10 23.
    const answer = await reports.backlog(admin, october, '2026-10-29');
    expect(answer.asOf).toBe('2026-10-29');
    expect(answer.total.buckets.map((b) => [b.key, b.count])).toEqual([
      ['0-3', 1],
      ['4-10', 2],
      ['11-20', 1],
      ['21+', 1],
    ]);
  });
});
