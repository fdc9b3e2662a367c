import { chineseDate, type DecisionDocument } from '@credence/documents';
import { maskedSubjectCode, subjectCodeKind } from '@credence/shared';
import type { Decision } from './domain/repair-application';
import type { RepairContext } from './domain/repair.machine';
import { NoDecisionDocumentError } from './repair.errors';

const KIND_LABEL: Record<string, string> = {
  serious_list: '严重失信主体名单信息',
  administrative_penalty: '行政处罚信息',
  abnormal_list: '异常名录信息',
  other: '其他失信信息',
};
const SEVERITY_LABEL: Record<string, string> = { minor: '轻微', general: '一般', serious: '严重' };
const ORDER_36 = '《信用修复管理办法》（国家发展和改革委员会令第36号）';

const TITLES = {
  approved: { kind: 'repair-decision', zh: '信用修复决定书', en: 'Credit repair decision' },
  rejected: { kind: 'repair-refusal', zh: '不予信用修复决定书', en: 'Decision not to repair' },
  not_accepted: { kind: 'repair-refusal', zh: '不予受理通知书', en: 'Notice of non-acceptance' },
  revoked: { kind: 'repair-revocation', zh: '撤销信用修复决定书', en: 'Decision revoking a credit repair' },
} as const;

/**
 * The formal document of the application's latest decision (准予修复 / 不予修复 / 不予受理 / 撤销修复), built only from
 * the case's own events, so regenerating it later prints the same bytes.
 */
export function repairDecisionDocument(c: RepairContext): DecisionDocument {
  const decision: Decision | null = c.revocation ?? c.decision;
  if (!decision || !c.record) throw new NoDecisionDocumentError();
  const r = c.record;
  const title = TITLES[decision.outcome];
  const recordLine =
    `${r.authorityName}于${chineseDate(r.decisionDate)}作出的${r.decisionNumber}${r.decisionNumber.endsWith('号') ? '' : '号'}决定所涉${KIND_LABEL[r.kind] ?? r.kind}` +
    `（${SEVERITY_LABEL[r.severity] ?? r.severity}失信）。`;
  const sections = [
    {
      heading: { zh: '申请事项', en: 'Application' },
      body: [`申请人申请对以下信用信息进行信用修复：${recordLine}`],
    },
    { heading: { zh: '决定', en: 'Decision' }, body: [decisionText(c, decision)] },
  ];
  // The reasons given to the applicant; the reviewer's opinion is an internal note of the file (审查意见), not a
  // reason of the decision, and stays out of the document.
  if (decision.reasons.length > 0)
    sections.push({ heading: { zh: '理由', en: 'Reasons' }, body: decision.reasons });
  return {
    kind: title.kind,
    title: { zh: title.zh, en: title.en },
    documentNumber: c.caseNumber ?? c.caseId,
    authority: { code: r.authorityCode, name: r.authorityName },
    subject: {
      name: r.subject.name,
      code: maskedSubjectCode(r.subject.code),
      codeKind: subjectCodeKind(r.subject.type),
    },
    sections,
    legalBasis: decision.legalBasis ? [decision.legalBasis] : [ORDER_36],
    decidedAt: decision.at,
    remedies:
      decision.outcome === 'approved'
        ? undefined
        : '申请人对本决定不服的，可以依法申请行政复议或者提起行政诉讼；对修复结果有异议的，可以依法提出异议。',
    footer: `本文书内容可凭案件编号 ${c.caseNumber ?? c.caseId} 向作出机关核验。`,
  };
}

function decisionText(c: RepairContext, d: Decision): string {
  switch (d.outcome) {
    case 'approved':
      return `经审查，申请人已纠正失信行为、履行相关义务并作出信用承诺，符合信用修复条件，决定准予信用修复：自本决定作出之日起终止公示该信用信息，并停止共享和使用。${promiseInForce(c)}`;
    case 'rejected':
      return '经审查，申请人的申请不符合信用修复条件，决定不予信用修复。';
    case 'not_accepted':
      return '经审查，申请人的申请不符合受理条件，决定不予受理。';
    case 'revoked':
      return `经查，${c.revocation?.ground === 'commitment_broken' ? `申请人违反信用修复承诺${c.commitment?.caseNumber ? `（${c.commitment.caseNumber}）` : ''}` : '申请人提供的申请材料不实'}，决定撤销原信用修复决定，恢复公示该信用信息${c.revocation?.banUntil ? `；${chineseDate(c.revocation.banUntil)}前不予受理申请人新的信用修复申请` : ''}。`;
  }
}

/** The repair commitment the approval relies on: in force from the decision, checked, and its breach revokes it. */
function promiseInForce(c: RepairContext): string {
  if (!c.commitment?.caseNumber) return '';
  return `申请人作出的信用修复承诺（${c.commitment.caseNumber}）自本决定作出之日起生效，本机关将核查其履行情况；申请人违反承诺的，本机关将撤销本决定并恢复公示该信用信息。`;
}
