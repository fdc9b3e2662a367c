import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import { UTF8_BOM, csvLine } from './csv';
import type { DecisionRow } from './decision-search';

type Cell = string | number | null;

interface Column {
  zh: string;
  en: string;
  width: number;
  value(row: DecisionRow): Cell;
}

const OFFSET_MS = 8 * 60 * 60 * 1000;

/** Auditors read Beijing time: `2026-06-01 10:00:00` (UTC+8), the instant itself is in the ISO column. */
export function beijingTime(iso: string): string {
  return new Date(Date.parse(iso) + OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

/** The columns of every export, Chinese header first, English after it, in the order an auditor reads a step. */
export const DECISION_COLUMNS: Column[] = [
  { zh: '时间（北京时间）', en: 'Time (Beijing)', width: 20, value: (r) => beijingTime(r.recordedAt) },
  { zh: '案件类型', en: 'Case type', width: 14, value: (r) => r.caseType },
  { zh: '案件编号', en: 'Case id', width: 38, value: (r) => r.caseId },
  { zh: '案件标题', en: 'Case title', width: 24, value: (r) => r.title },
  { zh: '主体代码', en: 'Subject code', width: 20, value: (r) => r.subjectCode },
  { zh: '主体名称', en: 'Subject name', width: 28, value: (r) => r.subjectName },
  { zh: '所属单位', en: 'Authority', width: 10, value: (r) => r.authorityCode },
  { zh: '操作', en: 'Action', width: 18, value: (r) => r.actionLabel.zh },
  { zh: '操作（英文）', en: 'Action (English)', width: 22, value: (r) => r.actionLabel.en },
  { zh: '操作前状态', en: 'State before', width: 22, value: (r) => r.stateBefore?.zh ?? null },
  { zh: '操作后状态', en: 'State after', width: 22, value: (r) => r.stateAfter?.zh ?? null },
  { zh: '结果', en: 'Outcome', width: 14, value: (r) => r.outcome },
  { zh: '操作人', en: 'Actor', width: 16, value: (r) => r.actor.name ?? r.actor.id },
  { zh: '角色', en: 'Role', width: 12, value: (r) => r.actor.roleLabel.zh },
  { zh: '操作人单位', en: 'Actor authority', width: 10, value: (r) => r.actor.authorityCode },
  { zh: '理由', en: 'Reasons', width: 30, value: (r) => r.reasons },
  { zh: '审批意见', en: 'Opinion', width: 30, value: (r) => r.opinion },
  { zh: '法律依据', en: 'Legal basis', width: 30, value: (r) => r.legalBasis },
  { zh: '规则集版本', en: 'Rule set', width: 20, value: (r) => r.ruleSet },
  { zh: '事件类型', en: 'Event type', width: 22, value: (r) => r.eventType },
  { zh: '案件版本', en: 'Version', width: 8, value: (r) => r.streamVersion },
  { zh: '全局序号', en: 'Global position', width: 10, value: (r) => r.globalPosition },
  { zh: '事件编号', en: 'Event id', width: 38, value: (r) => r.eventId },
  { zh: '事件哈希', en: 'Event hash', width: 66, value: (r) => r.eventHash },
  { zh: '时间（UTC）', en: 'Time (UTC)', width: 26, value: (r) => r.recordedAt },
];

/** One header line per export: `中文 / English`, so the file stays one table for Excel and for scripts. */
export const HEADERS = DECISION_COLUMNS.map((c) => `${c.zh} / ${c.en}`);

/** Waits for 'drain' when the consumer is slower than the database (back-pressure instead of buffering it all). */
function write(out: Writable, chunk: string): Promise<void> {
  return out.write(chunk) ? Promise.resolve() : new Promise((ok) => out.once('drain', ok));
}

/** Streams the steps as CSV (UTF-8 with BOM, CRLF); returns how many rows were written. Does not end `out`. */
export async function writeDecisionsCsv(rows: AsyncIterable<DecisionRow>, out: Writable): Promise<number> {
  await write(out, UTF8_BOM + csvLine(HEADERS));
  let n = 0;
  for await (const row of rows) {
    await write(out, csvLine(DECISION_COLUMNS.map((c) => c.value(row))));
    n++;
  }
  return n;
}

/**
 * Streams the steps as an XLSX workbook (exceljs' streaming writer: each row is committed and flushed, so memory
 * stays flat whatever the size). Ends `out` when the workbook is complete. Returns how many rows were written.
 */
export async function writeDecisionsXlsx(rows: AsyncIterable<DecisionRow>, out: Writable): Promise<number> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: out,
    useStyles: true,
    useSharedStrings: false,
  });
  workbook.creator = 'Credence';
  const sheet = workbook.addWorksheet('决策记录 Decisions', { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = DECISION_COLUMNS.map((c, i) => ({ header: HEADERS[i], key: String(i), width: c.width }));
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).commit();
  let n = 0;
  for await (const row of rows) {
    sheet.addRow(DECISION_COLUMNS.map((c) => c.value(row))).commit();
    n++;
  }
  sheet.commit();
  await workbook.commit();
  return n;
}
