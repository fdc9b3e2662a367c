import { Injectable } from '@nestjs/common';
import { Database, type Sql } from '@credence/shared';

/**
 * Case numbers people can read and quote: `<prefix>-<authority>-<year>-<six digits>`, e.g. XF-320830-2026-000123
 * (XF 修复, YY 异议), unique per prefix, authority and year. One counter row per (prefix, authority, year), bumped
 * in a single upsert, so concurrent filings at one authority queue on that row and never share a number. A
 * number taken by a filing that then fails stays unused (a gap), which is harmless: numbers identify, not count.
 */
@Injectable()
export class CaseNumbers {
  constructor(private readonly db: Database) {}

  async next(prefix: string, authorityCode: string, year: number, tx: Sql = this.db): Promise<string> {
    const { rows } = await tx.query<{ last: number }>(
      `INSERT INTO case_numbers (prefix, authority_code, year, last) VALUES ($1, $2, $3, 1)
       ON CONFLICT (prefix, authority_code, year) DO UPDATE SET last = case_numbers.last + 1
       RETURNING last`,
      [prefix, authorityCode, year],
    );
    return formatCaseNumber(prefix, authorityCode, year, rows[0].last);
  }
}

export function formatCaseNumber(
  prefix: string,
  authorityCode: string,
  year: number,
  serial: number,
): string {
  return `${prefix}-${authorityCode}-${year}-${String(serial).padStart(6, '0')}`;
}
