import { CLOCK_EVENT_TYPES, WORKBENCH_EVENT_TYPES } from '@credence/workflow';
import { COMMITMENT_EVENT_TYPES } from '../../../commitments/src/domain/commitment.events';
import { CREDIT_RECORD_EVENT_TYPES } from '../../../credit-records/src/domain/credit-record.events';
import { OBJECTION_EVENT_TYPES } from '../../../objections/src/domain/objection.events';
import { REPAIR_EVENT_TYPES } from '../../../credit-repair/src/domain/repair.events';
import type { RecordedEvent } from '@credence/event-store';
import type { NotificationContext } from './notification-template';
import { NOTIFICATION_TEMPLATES } from './notification-templates';

const context = (
  type: string,
  data: Record<string, unknown>,
  caseType = 'repairApplication',
): NotificationContext => ({
  event: { type, data } as unknown as RecordedEvent,
  caseId: '01890000-0000-7000-8000-000000000000',
  caseType,
  caseRef: 'XF-320830-2026-000001',
  subjectName: '盱眙通达道路运输有限公司',
  clockLabel: null,
});

describe('NOTIFICATION_TEMPLATES', () => {
  it('names only event types some catalogue records (a renamed event would silently stop notifying)', () => {
    const known = new Set<string>([
      ...REPAIR_EVENT_TYPES,
      ...OBJECTION_EVENT_TYPES,
      ...COMMITMENT_EVENT_TYPES,
      ...CREDIT_RECORD_EVENT_TYPES,
      ...CLOCK_EVENT_TYPES,
      ...WORKBENCH_EVENT_TYPES,
    ]);
    expect(Object.keys(NOTIFICATION_TEMPLATES).filter((type) => !known.has(type))).toEqual([]);
  });

  it('renders every template in both languages, with no placeholder left over', () => {
    for (const [type, template] of Object.entries(NOTIFICATION_TEMPLATES)) {
      const rendered = template.render(
        context(type, { clock: 'result', dueDate: '2026-06-12', reasons: ['理由'] }),
      );
      for (const text of [rendered.title.zh, rendered.title.en, rendered.body.zh, rendered.body.en]) {
        expect(text).not.toMatch(/undefined|null|\[object/);
        expect(text.length).toBeGreaterThan(0);
      }
    }
  });

  it('links a decision to its document and an answer to its notice', () => {
    expect(NOTIFICATION_TEMPLATES.RepairApproved.render(context('RepairApproved', {})).link).toBe(
      '/api/v1/repair-applications/01890000-0000-7000-8000-000000000000/decision.pdf',
    );
    const answered = NOTIFICATION_TEMPLATES.ObjectionAnswered.render(
      context('ObjectionAnswered', { outcome: 'correct' }, 'objection'),
    );
    expect(answered.link).toBe('/api/v1/objections/01890000-0000-7000-8000-000000000000/notice.pdf');
    expect(answered.body.zh).toContain('处理结果：更正。');
  });

  it('sends an urge to the roles it names, and the applicant’s windows to the applicant', () => {
    const audience = (type: string, data: Record<string, unknown>) => {
      const a = NOTIFICATION_TEMPLATES[type].audience;
      return typeof a === 'function' ? a(context(type, data)) : a;
    };
    expect(audience('CaseUrged', { roles: ['senior_reviewer', 'applicant'] })).toEqual(['senior_reviewer']);
    expect(audience('CaseUrged', { roles: [] })).toEqual(['officer', 'senior_reviewer']);
    expect(audience('ClockDueSoon', { clock: 'supplement' })).toBe('applicant');
    expect(audience('ClockElapsed', { clock: 'acceptance' })).toEqual(['officer', 'senior_reviewer']);
  });
});
