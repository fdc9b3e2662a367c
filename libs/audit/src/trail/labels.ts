import type { BilingualText } from '@credence/shared';

/** Roles as an auditor reads them. */
export const ROLE_LABELS: Record<string, BilingualText> = {
  applicant: { zh: '申请人', en: 'Applicant' },
  officer: { zh: '经办人', en: 'Officer' },
  senior_reviewer: { zh: '审核负责人', en: 'Senior reviewer' },
  auditor: { zh: '审计人员', en: 'Auditor' },
  admin: { zh: '系统管理员', en: 'Administrator' },
  system: { zh: '系统', en: 'System' },
};

export function roleLabel(role: string): BilingualText {
  return ROLE_LABELS[role] ?? { zh: role, en: role };
}

/** The engine's own clock events have no transition meta: they are named here, once for every case type. */
export const CLOCK_EVENT_LABELS: Record<string, BilingualText> = {
  ClockStarted: { zh: '法定时限开始计算', en: 'Statutory clock started' },
  ClockPaused: { zh: '法定时限中止', en: 'Statutory clock paused' },
  ClockResumed: { zh: '法定时限恢复计算', en: 'Statutory clock resumed' },
  ClockExtended: { zh: '法定时限延长', en: 'Statutory clock extended' },
  ClockRecomputed: { zh: '期限重新计算', en: 'Due date recomputed' },
  ClockDueSoon: { zh: '临期提醒', en: 'Due-soon reminder' },
  ClockElapsed: { zh: '已逾期', en: 'Overdue' },
  ClockStopped: { zh: '法定时限停止', en: 'Statutory clock stopped' },
};
