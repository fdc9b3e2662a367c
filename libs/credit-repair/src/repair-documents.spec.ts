import { describe, expect, it } from '@jest/globals';
import type { RepairContext } from './domain/repair.machine';
import { repairDecisionDocument } from './repair-documents';
import { NoDecisionDocumentError } from './repair.errors';

const context = (over: Partial<RepairContext> = {}): RepairContext => ({
  caseId: 'c',
  caseNumber: 'XF-320830-2026-000007',
  record: {
    id: 'r',
    decisionNumber: '盱交罚〔2026〕0412号',
    decisionDate: '2026-04-12',
    kind: 'administrative_penalty',
    severity: 'general',
    field: 'road_transport',
    authorityCode: '320830',
    authorityPath: '320000/320800/320830',
    authorityName: '盱眙县交通运输局',
    subject: { type: 'natural_person', code: '11010519491231002X', name: '张三' },
    repairableFrom: '2026-07-13',
    ruleSet: 'ndrc-order-36-2026',
  },
  applicantAccountId: 'a',
  materials: [],
  commitment: null,
  fourEyes: false,
  submittedAt: '2026-11-23T02:00:00.000Z',
  acceptedBy: 'o',
  supplementRequest: null,
  extension: null,
  recommendation: null,
  decision: null,
  revocation: null,
  ...over,
});
const decided = (outcome: 'approved' | 'rejected' | 'not_accepted') => ({
  by: 'o',
  role: 'officer',
  at: '2026-11-23T06:00:00.000Z',
  outcome,
  reasons: ['罚款尚未缴纳'],
  reasonCodes: ['DUTIES_NOT_FULFILLED'],
  legalBasis: '《信用修复管理办法》第十条',
  opinion: null,
});

describe('the repair decision document', () => {
  it('is titled by the outcome and quotes the record once, with a masked ID number', () => {
    const doc = repairDecisionDocument(context({ decision: decided('rejected') }));
    expect(doc.title.zh).toBe('不予信用修复决定书');
    expect(doc.documentNumber).toBe('XF-320830-2026-000007');
    expect(doc.subject).toEqual({ name: '张三', code: '110105********002X', codeKind: 'resident-id' });
    const text = doc.sections.flatMap((s) => s.body).join('');
    expect(text).toContain('于2026年4月12日作出的盱交罚〔2026〕0412号决定');
    expect(text).toContain('罚款尚未缴纳');
    expect(doc.legalBasis).toEqual(['《信用修复管理办法》第十条']);
    expect(doc.remedies).toContain('行政复议');
  });

  it('a revocation names its ground and the ban', () => {
    const doc = repairDecisionDocument(
      context({
        decision: decided('approved'),
        revocation: {
          ...decided('approved'),
          outcome: 'revoked',
          ground: 'false_materials',
          banUntil: '2029-11-23',
        },
      }),
    );
    expect(doc.title.zh).toBe('撤销信用修复决定书');
    expect(doc.sections.flatMap((s) => s.body).join('')).toContain('材料不实');
    expect(doc.sections.flatMap((s) => s.body).join('')).toContain('2029年11月23日前不予受理');
  });

  it('an approval says the repair commitment is in force; a breach of it names the commitment', () => {
    const commitment = {
      caseId: 'k',
      caseNumber: 'CN-320830-2026-000003',
      content: '…',
      consentToPublish: true,
      signedAt: '2026-11-20',
      inForceFrom: '2026-11-23T06:00:00.000Z',
    };
    const approval = repairDecisionDocument(context({ commitment, decision: decided('approved') }));
    expect(approval.sections.flatMap((s) => s.body).join('')).toContain(
      '信用修复承诺（CN-320830-2026-000003）自本决定作出之日起生效',
    );
    const revoked = repairDecisionDocument(
      context({
        commitment,
        decision: decided('approved'),
        revocation: {
          ...decided('approved'),
          outcome: 'revoked',
          ground: 'commitment_broken',
          banUntil: null,
        },
      }),
    );
    expect(revoked.sections.flatMap((s) => s.body).join('')).toContain(
      '申请人违反信用修复承诺（CN-320830-2026-000003）',
    );
  });

  it('gives the applicant the reasons, never the reviewer’s internal opinion', () => {
    const doc = repairDecisionDocument(
      context({ decision: { ...decided('rejected'), opinion: '申请人态度较差，建议从严把握' } }),
    );
    const reasons = doc.sections.find((s) => s.heading.zh === '理由');
    expect(reasons?.body).toEqual(['罚款尚未缴纳']);
    expect(JSON.stringify(doc)).not.toContain('从严把握');
  });

  it('there is none before a decision', () => {
    expect(() => repairDecisionDocument(context())).toThrow(NoDecisionDocumentError);
  });
});
