import { describe, expect, it } from '@jest/globals';
import type { components } from '../../api/schema';
import { progressStep, readCase, readCaseList, type CaseAnswer, type TrailReading } from './case-reading';

type Schemas = components['schemas'];
const text = (zh: string) => ({ zh, en: zh });

/** A generic case view as GET /cases/{id} answers, with the type's data given. */
function caseView(data: Record<string, unknown>): Schemas['CaseViewDto'] {
  return {
    id: 'c1',
    type: 'objection',
    typeLabel: text('异议申请'),
    state: ['admission.awaitingSupplement'],
    stateLabel: text('待补正'),
    status: 'active',
    version: 3,
    authorityCode: '320830',
    subjectCode: '91320830MA1XY0012B',
    subjectName: '盱眙通达运输有限公司',
    title: 'YY-320830-2026-000001',
    availableActions: [],
    actions: [],
    workItem: null,
    timers: [],
    clocks: [],
    data,
    createdAt: '2026-12-01T02:00:00.000Z',
    updatedAt: '2026-12-01T02:00:00.000Z',
  };
}

const step = (eventId: string, reasons: string[]): TrailReading => ({
  streamVersion: 1,
  globalPosition: 1,
  eventId,
  eventType: 'ObjectionFiled',
  recordedAt: '2026-12-01T02:00:00.000Z',
  actor: { id: 'a', displayName: null, role: 'applicant', roleLabel: text('申请人'), authorityCode: null },
  action: null,
  actionLabel: text('提交'),
  stateBefore: null,
  stateAfter: null,
  stateChanged: true,
  reasons,
  reasonCodes: [],
  opinion: null,
  legalBasis: null,
  ruleSet: null,
  outcome: null,
  gradeSnapshot: null,
  materials: [],
  correlationId: null,
  machine: null,
  chain: { algorithm: 'sha256', prevHash: '', hash: 'h' },
});

const request = (items: string[], answeredAt: string | null, lapsed = false) => ({
  stage: 'admission',
  items,
  reasons: ['缺'],
  by: 'o',
  role: 'officer',
  at: 'c',
  answeredAt,
  lapsed,
});
describe('the applicant pages read the API answers', () => {
  it('places each state on 提交 → 受理 → 审查 → 决定', () => {
    expect(progressStep(['draft'], 'active')).toBe(0);
    expect(progressStep(['open.received'], 'active')).toBe(1);
    expect(progressStep(['open.awaitingSupplement'], 'active')).toBe(1);
    expect(progressStep(['open.review.reviewing'], 'active')).toBe(2);
    expect(progressStep(['approved'], 'active')).toBe(3);
    expect(progressStep(['admission.received'], 'active')).toBe(1);
    expect(progressStep(['verification.checking'], 'active')).toBe(2);
    expect(progressStep(['closed'], 'done')).toBe(3);
  });

  it('reads the open supplement request of a repair and of an objection', () => {
    const repair = readCase(
      caseView({
        supplementRequest: {
          items: ['罚款缴纳凭证'],
          reasons: ['缺少凭证'],
          by: 'o',
          role: 'officer',
          at: '2026-12-01T02:00:00Z',
          from: 'acceptance',
        },
      }),
    );
    expect(repair.supplement).toEqual({
      items: ['罚款缴纳凭证'],
      reasons: ['缺少凭证'],
      at: '2026-12-01T02:00:00Z',
    });
    const objection = readCase(
      caseView({ supplementRequests: [request(['旧'], 'b'), request(['身份证明'], null)] }),
    );
    expect(objection.supplement?.items).toEqual(['身份证明']);
    expect(readCase(caseView({ supplementRequests: [request(['x'], 'b')] })).supplement).toBeNull();
    expect(readCase(caseView({ supplementRequests: [request(['x'], null, true)] })).supplement).toBeNull();
  });

  it('takes the trail as a list (repair) or inside the decision trail (objection), none from the generic view', () => {
    const base = caseView({});
    const repair = { ...base, trail: [step('e', ['r'])] } as CaseAnswer;
    expect(readCase(repair).trail[0].reasons).toEqual(['r']);
    const objection = {
      ...base,
      trail: {
        caseId: 'c1',
        type: 'objection',
        typeLabel: text('异议申请'),
        title: '',
        authorityCode: '320830',
        subjectCode: '',
        subjectName: '',
        version: 3,
        stateLabel: text('待补正'),
        chainIntact: true,
        steps: [step('f', [])],
      },
    } as CaseAnswer;
    expect(readCase(objection).trail[0].eventId).toBe('f');
    expect(readCase(base).trail).toEqual([]);
  });

  it('lists repairs (state paths) and objections (one path) alike, a draft known by its state', () => {
    const repair: Schemas['RepairApplicationListItemDto'] = {
      id: 'r1',
      caseNumber: null,
      recordId: 'rec-1',
      subjectCode: '91320830MA1XY0012B',
      subjectName: '盱眙通达运输有限公司',
      authorityCode: '320830',
      state: ['draft'],
      stateLabel: text('草稿'),
      open: true,
      fourEyes: false,
      assignee: null,
      outcome: null,
      dueSoon: false,
      overdue: false,
      submittedAt: null,
      decidedAt: null,
      updatedAt: '2026-12-03T14:00:00.000Z',
    };
    const objection: Schemas['ObjectionListItemDto'] = {
      id: 'o1',
      caseNumber: 'YY-320830-2026-000001',
      recordId: 'rec-2',
      recordDecisionNumber: '盱交罚〔2026〕1015号',
      subject: { code: '91320830MA1XY0012B', name: '盱眙通达运输有限公司' },
      findingAuthorityCode: '320830',
      authorityCode: '320830',
      ground: 'wrong',
      groundLabel: text('信息错误'),
      state: 'admission.received',
      stateLabel: text('待受理'),
      open: true,
      outcome: null,
      outcomeLabel: null,
      appealed: false,
      appealDecision: null,
      filedAt: '2026-12-03T14:00:00.000Z',
      answeredAt: null,
      closedAt: null,
      version: 2,
      due: null,
    };
    const page = { total: 1, page: 1, pageSize: 50 };
    expect(readCaseList({ kind: 'repair', page: { ...page, items: [repair] } })).toEqual([
      {
        id: 'r1',
        kind: 'repair',
        caseNumber: null,
        recordId: 'rec-1',
        stateLabel: text('草稿'),
        draft: true,
      },
    ]);
    expect(readCaseList({ kind: 'objection', page: { ...page, items: [objection] } })).toEqual([
      {
        id: 'o1',
        kind: 'objection',
        caseNumber: 'YY-320830-2026-000001',
        recordId: 'rec-2',
        stateLabel: text('待受理'),
        draft: false,
      },
    ]);
  });
});
