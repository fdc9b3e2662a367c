import { describe, expect, it } from '@jest/globals';
import { format, type MessageKey, type Params } from '../i18n/messages';
import { deadlineOf, type DeadlineClock } from './deadline';

const zh = (key: MessageKey, params?: Params) => format('zh', key, params);
const en = (key: MessageKey, params?: Params) => format('en', key, params);
const running: DeadlineClock = {
  status: 'running',
  dueDate: '2026-12-08',
  remainingWorkingDays: 3,
  overdueWorkingDays: 0,
  overdue: false,
  dueSoon: false,
  provisional: false,
};

describe('deadlineOf: a clock from the API in words', () => {
  it('says the working days left and the due date', () => {
    expect(deadlineOf(running, zh)).toEqual({ text: '剩余 3 个工作日（截止 2026-12-08）', tone: 'normal' });
    expect(deadlineOf(running, en).text).toBe('3 working days left (due 2026-12-08)');
  });

  it('warns when the API says the deadline is near', () => {
    expect(deadlineOf({ ...running, remainingWorkingDays: 1, dueSoon: true }, zh).tone).toBe('soon');
  });

  it('says how many working days it is overdue', () => {
    const late = { ...running, remainingWorkingDays: 0, overdue: true, overdueWorkingDays: 2 };
    expect(deadlineOf(late, zh)).toEqual({ text: '已逾期 2 个工作日（截止 2026-12-08）', tone: 'overdue' });
  });

  it('keeps the days left of a paused clock (补正) and marks provisional dates', () => {
    const paused = { ...running, status: 'paused' as const, remainingWorkingDays: 4, provisional: true };
    expect(deadlineOf(paused, zh).text).toBe('已暂停，剩余 4 个工作日（暂定：该年节假日安排尚未发布）');
    expect(deadlineOf({ ...running, status: 'stopped' }, zh)).toEqual({ text: '已停止', tone: 'stopped' });
  });
});
