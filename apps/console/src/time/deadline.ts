import type { MessageKey, Params } from '../i18n/messages';

/**
 * The members of a clock this helper reads, as every case view sends them (ClockView in
 * libs/workflow/src/clocks/clock-view.ts). The API counts the working days; the console only words them.
 */
export interface DeadlineClock {
  status: 'running' | 'paused' | 'stopped';
  dueDate: string | null;
  remainingWorkingDays: number | null;
  overdueWorkingDays: number;
  overdue: boolean;
  dueSoon: boolean;
  provisional: boolean;
}

export type DeadlineTone = 'normal' | 'soon' | 'overdue' | 'paused' | 'stopped';

export interface Deadline {
  text: string;
  /** How a page colours it: soon (warning), overdue (error). */
  tone: DeadlineTone;
}

type Translate = (key: MessageKey, params?: Params) => string;

/** "剩余 3 个工作日（截止 2026-12-08）", "已逾期 2 个工作日（截止 …）", "已暂停，剩余 4 个工作日" … */
export function deadlineOf(clock: DeadlineClock, t: Translate): Deadline {
  const provisional = clock.provisional ? t('deadline.provisional') : '';
  if (clock.status === 'stopped') return { text: t('deadline.stopped'), tone: 'stopped' };
  if (clock.status === 'paused')
    return {
      text: t('deadline.paused', { days: clock.remainingWorkingDays ?? 0 }) + provisional,
      tone: 'paused',
    };
  const date = clock.dueDate ?? '';
  if (clock.overdue)
    return {
      text: t('deadline.overdue', { days: clock.overdueWorkingDays, date }) + provisional,
      tone: 'overdue',
    };
  return {
    text: t('deadline.remaining', { days: clock.remainingWorkingDays ?? 0, date }) + provisional,
    tone: clock.dueSoon ? 'soon' : 'normal',
  };
}
