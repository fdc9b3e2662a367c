import ExcelJS from 'exceljs';
import { reportTables, authorityName, type ReportTable } from './report-tables';
import type { MonthlyReport } from './monthly-report';
import { withZipTimestamps } from './zip-timestamps';

/** The instant a report is "of": when its data was last recorded, else the end of its month (never the clock). */
export function reportInstant(r: MonthlyReport): Date {
  return new Date(r.dataAsOf ?? `${r.to}T23:59:59+08:00`);
}

/**
 * The monthly report as an XLSX workbook: a sheet per table, Chinese heading over English in each header cell,
 * counts as numbers and rates as numbers formatted as percentages (so they can be summed and charted). Deterministic:
 * the document properties and every ZIP entry carry `reportInstant`, so the same month and data give the same bytes.
 */
export async function renderMonthlyReportXlsx(r: MonthlyReport): Promise<Buffer> {
  const instant = reportInstant(r);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Credence';
  workbook.lastModifiedBy = 'Credence';
  workbook.created = instant;
  workbook.modified = instant;
  workbook.title = `信用修复监管月报 ${r.month} ${authorityName(r)}`;
  for (const table of reportTables(r)) addSheet(workbook, table);
  const bytes = Buffer.from(await workbook.xlsx.writeBuffer());
  return withZipTimestamps(bytes, instant);
}

function addSheet(workbook: ExcelJS.Workbook, table: ReportTable): void {
  const sheet = workbook.addWorksheet(table.sheet, { views: [{ state: 'frozen', ySplit: 2 }] });
  sheet.columns = table.columns.map((c) => ({ width: c.width }));
  const title = sheet.addRow([`${table.title.zh} ${table.title.en}`]);
  title.font = { bold: true, size: 13 };
  const header = sheet.addRow(table.columns.map((c) => `${c.zh}\n${c.en}`));
  header.font = { bold: true };
  header.alignment = { wrapText: true, vertical: 'middle' };
  for (const cells of table.rows) {
    const row = sheet.addRow(cells);
    table.columns.forEach((c, i) => {
      if (c.kind === 'rate') row.getCell(i + 1).numFmt = '0.00%';
    });
  }
}
