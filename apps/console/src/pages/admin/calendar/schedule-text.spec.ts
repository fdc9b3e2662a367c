import { describe, expect, it } from '@jest/globals';
import { isCalendarDate, parseScheduleText, splitDates } from './schedule-text';

describe('a pasted or uploaded holiday list', () => {
  it('reads the CLI file format, keeping year and source', () => {
    const text = JSON.stringify({
      year: 2027,
      region: null,
      source: '国务院办公厅通知',
      festivals: [{ name: '春节', holidays: ['2027-02-06', '2027-02-07'], makeupWorkdays: ['2027-02-13'] }],
    });
    expect(parseScheduleText(text)).toEqual({
      ok: true,
      year: 2027,
      source: '国务院办公厅通知',
      festivals: [{ name: '春节', holidays: ['2027-02-06', '2027-02-07'], makeupWorkdays: ['2027-02-13'] }],
    });
  });

  it('reads a bare festivals array', () => {
    const parsed = parseScheduleText('[{"name":"元旦","holidays":["2027-01-01"],"makeupWorkdays":[]}]');
    expect(parsed).toEqual({
      ok: true,
      festivals: [{ name: '元旦', holidays: ['2027-01-01'], makeupWorkdays: [] }],
    });
  });

  it('refuses JSON that is not a schedule, and dates that do not exist', () => {
    expect(parseScheduleText('{"festivals": [{"name": "春节"}]}')).toEqual({
      ok: false,
      problems: [{ line: 0, code: 'BAD_SHAPE' }],
    });
    expect(parseScheduleText('{"festivals": [')).toEqual({
      ok: false,
      problems: [{ line: 0, code: 'BAD_JSON' }],
    });
    expect(parseScheduleText('[{"name":"春节","holidays":["2027-02-30"],"makeupWorkdays":[]}]')).toEqual({
      ok: false,
      problems: [{ line: 0, code: 'BAD_DATE', value: '2027-02-30' }],
    });
  });

  it('groups CSV days by festival, in Chinese or English words, skipping a header and blank lines', () => {
    const csv = [
      '日期,类型,节日',
      '2027-02-06,放假,春节',
      '',
      '2027-02-13，调休，春节',
      '2027-01-01\tholiday\t元旦',
      '2027-02-07,off,春节',
    ].join('\n');
    expect(parseScheduleText(csv)).toEqual({
      ok: true,
      festivals: [
        { name: '春节', holidays: ['2027-02-06', '2027-02-07'], makeupWorkdays: ['2027-02-13'] },
        { name: '元旦', holidays: ['2027-01-01'], makeupWorkdays: [] },
      ],
    });
  });

  it('names every bad CSV line at once', () => {
    const csv = [
      '2027-02-06,放假,春节',
      '2027-13-01,放假,春节',
      '2027-02-13,请假,春节',
      '2027-02-14,放假',
    ].join('\n');
    expect(parseScheduleText(csv)).toEqual({
      ok: false,
      problems: [
        { line: 2, code: 'BAD_DATE', value: '2027-13-01' },
        { line: 3, code: 'BAD_KIND', value: '请假' },
        { line: 4, code: 'BAD_LINE', value: '2027-02-14,放假' },
      ],
    });
  });

  it('says an empty text is empty', () => {
    expect(parseScheduleText('  \n ')).toEqual({ ok: false, problems: [{ line: 0, code: 'EMPTY' }] });
    expect(parseScheduleText('日期,类型,节日')).toEqual({
      ok: false,
      problems: [{ line: 0, code: 'EMPTY' }],
    });
  });

  it('knows real dates and splits typed lists', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2027-02-29')).toBe(false);
    expect(isCalendarDate('2027-2-1')).toBe(false);
    expect(splitDates('2027-02-06, 2027-02-07、2027-02-08\n2027-02-09')).toEqual([
      '2027-02-06',
      '2027-02-07',
      '2027-02-08',
      '2027-02-09',
    ]);
    expect(splitDates(undefined)).toEqual([]);
  });
});
