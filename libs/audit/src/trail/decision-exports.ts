import type { Writable } from 'node:stream';
import { Injectable } from '@nestjs/common';
import { Clock, DomainError } from '@credence/shared';
import type { ActorScope } from '@credence/identity';
import { writeDecisionsCsv, writeDecisionsXlsx } from './decision-export';
import { DecisionSearch, type DecisionFilter } from './decision-search';

/** Rows one export may hold: enough for a year of a province, and far below Excel's 1,048,576 rows per sheet. */
export const EXPORT_ROW_LIMIT = 200_000;

export class ExportTooLargeError extends DomainError {
  constructor(limit: number) {
    super({
      code: 'AUDIT.EXPORT_TOO_LARGE',
      status: 422,
      message: {
        zh: `导出结果超过 ${limit} 行，请缩小检索条件（如时间段）`,
        en: `The export would exceed ${limit} rows; narrow the filters (e.g. the period)`,
      },
      details: { limit },
    });
  }
}

/** An HTTP response as the export needs it: a stream with headers. */
export interface ExportSink extends Writable {
  setHeader(name: string, value: string): unknown;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** Streams a search's every row as a file: checked for size first, then written row by row from the database. */
@Injectable()
export class DecisionExports {
  constructor(
    readonly search: DecisionSearch,
    private readonly clock: Clock,
  ) {}

  async send(
    filter: DecisionFilter,
    format: 'csv' | 'xlsx',
    actor: ActorScope,
    out: ExportSink,
  ): Promise<number> {
    // Refused before the first byte, while a problem-details answer is still possible.
    if ((await this.search.countUpTo(filter, EXPORT_ROW_LIMIT, actor)) > EXPORT_ROW_LIMIT)
      throw new ExportTooLargeError(EXPORT_ROW_LIMIT);
    const stamp = this.clock.now().toISOString().slice(0, 19).replace(/[-:]/g, '');
    out.setHeader('Content-Type', CONTENT_TYPES[format]);
    out.setHeader('Content-Disposition', `attachment; filename="decisions-${stamp}.${format}"`);
    const rows = this.search.all(filter, actor);
    if (format === 'xlsx') return writeDecisionsXlsx(rows, out);
    const n = await writeDecisionsCsv(rows, out);
    out.end();
    return n;
  }
}
