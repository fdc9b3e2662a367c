import { isValidResidentId, isValidUscc, parseIsoDate } from '@credence/shared';

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 2026-06-01 → 2026年6月1日: GB/T 9704-2012 §7.3.5 writes the date in Arabic numerals, without leading zeros. */
export function chineseDate(date: string): string {
  const [y, m, d] = parseIsoDate(date);
  return `${y}年${m}月${d}日`;
}

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 99 → 九十九: the numbers of first-level headings (一、二、…). */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 1 || n > 99) throw new RangeError(`no Chinese numeral for ${n}`);
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const units = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${units === 0 ? '' : DIGITS[units]}`;
}

/**
 * What the subject's code is called in the document (see `DecisionDocument.subject`). A masked code is a person's:
 * callers mask ID numbers, never a USCC, which is public.
 */
export function subjectCodeLabel(code: string, kind?: 'uscc' | 'resident-id'): string {
  const resolved =
    kind ??
    (code.includes('*') || isValidResidentId(code) ? 'resident-id' : isValidUscc(code) ? 'uscc' : null);
  if (resolved === 'uscc') return '统一社会信用代码';
  if (resolved === 'resident-id') return '身份证号码';
  return '证件号码';
}
