import { describe, expect, it } from '@jest/globals';
import { chineseDate, chineseNumeral, subjectCodeLabel } from '@credence/documents';

describe('chinese text', () => {
  it('writes dates the way official documents do, without leading zeros', () => {
    expect(chineseDate('2026-06-01')).toBe('2026年6月1日');
    expect(chineseDate('2026-12-31')).toBe('2026年12月31日');
    expect(() => chineseDate('2026-13-01')).toThrow(RangeError);
  });

  it('numbers headings 一 to 九十九', () => {
    const numerals = [1, 9, 10, 11, 19, 20, 21, 30, 99].map(chineseNumeral);
    expect(numerals).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '三十', '九十九']);
    expect(() => chineseNumeral(0)).toThrow(RangeError);
    expect(() => chineseNumeral(100)).toThrow(RangeError);
  });

  it('names the subject code by its kind, or by its shape when the caller does not say', () => {
    expect(subjectCodeLabel('91320830MA1XY0012B')).toBe('统一社会信用代码');
    expect(subjectCodeLabel('320830********123X')).toBe('身份证号码');
    expect(subjectCodeLabel('11010519491231002X')).toBe('身份证号码');
    expect(subjectCodeLabel('not-a-code')).toBe('证件号码');
    expect(subjectCodeLabel('not-a-code', 'uscc')).toBe('统一社会信用代码');
    expect(subjectCodeLabel('91320830MA1XY0012B', 'resident-id')).toBe('身份证号码');
  });
});
