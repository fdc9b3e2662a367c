import type { BilingualText } from '@credence/shared';

/**
 * What the statistics read from the workflows' events (docs/statistics.md). The catalogue is by event type, so an
 * auditor can recompute every figure from the trail: which event decides a case, with which outcome, and which
 * ends a case without the authority deciding (the applicant withdrew, or let the 补正 window run out).
 */

/** Outcomes of a case, as the figures count them. */
export const CASE_OUTCOMES = ['approved', 'rejected', 'refused', 'answered', 'withdrawn', 'lapsed'] as const;
export type CaseOutcome = (typeof CASE_OUTCOMES)[number];

export const CASE_OUTCOME_LABELS: Record<CaseOutcome, BilingualText> = {
  approved: { zh: '准予修复', en: 'Approved' },
  rejected: { zh: '不予修复', en: 'Rejected' },
  refused: { zh: '不予受理', en: 'Refused (not accepted)' },
  answered: { zh: '已答复（异议）', en: 'Answered (objection)' },
  withdrawn: { zh: '申请人撤回', en: 'Withdrawn by the applicant' },
  lapsed: { zh: '逾期未补正，终止', en: 'Closed: supplements not provided' },
};

/** The workflow event that ends a case, per case type, and the outcome it counts as. */
export const CLOSING_EVENTS: Record<string, CaseOutcome> = {
  // repairApplication (libs/credit-repair)
  RepairApproved: 'approved',
  RepairRejected: 'rejected',
  RepairApplicationRefused: 'refused',
  RepairApplicationWithdrawn: 'withdrawn',
  RepairSupplementWindowElapsed: 'lapsed',
  // objection (libs/objections): the answer decides; its outcome (更正/删除/维持/无法核实) is kept beside it
  ObjectionAnswered: 'answered',
  ObjectionRefused: 'refused',
  ObjectionWithdrawn: 'withdrawn',
  SupplementWindowElapsed: 'lapsed',
};

/** Ends that are not the authority's decision: a clock they stop is not counted as a stage decided. */
export const APPLICANT_ENDS: readonly CaseOutcome[] = ['withdrawn', 'lapsed'];

/** Workflow events that end a case without the authority deciding: the clocks they stop are no stage decided. */
export const APPLICANT_END_EVENTS: readonly string[] = Object.entries(CLOSING_EVENTS)
  .filter(([, outcome]) => APPLICANT_ENDS.includes(outcome))
  .map(([type]) => type);

/** Objection outcomes (ObjectionAnswered.data.outcome) and appeal decisions (AppealDecided.data.decision). */
export const OBJECTION_OUTCOME_LABELS: Record<string, BilingualText> = {
  correct: { zh: '更正', en: 'Corrected' },
  remove: { zh: '删除', en: 'Removed' },
  maintain: { zh: '维持', en: 'Maintained' },
  unverifiable: { zh: '无法核实', en: 'Could not be verified' },
};
export const APPEAL_DECISION_LABELS: Record<string, BilingualText> = {
  uphold: { zh: '复核维持', en: 'Appeal: upheld' },
  overturn: { zh: '复核改变', en: 'Appeal: overturned' },
};

/**
 * Clocks that time the applicant, not the authority (补正 and appeal windows): they are no statutory stage of the
 * authority and are left out of the on-time figures.
 */
export const APPLICANT_WINDOWS: readonly string[] = [
  'repair.supplement',
  'objection.supplement',
  'objection.appeal-window',
];

/** Grounds of a revocation (RepairApprovalRevoked.data.ground); `by_hand`: an administrator's RepairRevoked. */
export const REVOCATION_GROUND_LABELS: Record<string, BilingualText> = {
  false_materials: { zh: '提供虚假材料', en: 'False materials' },
  commitment_broken: { zh: '违反信用承诺', en: 'Commitment broken' },
  by_hand: { zh: '管理员直接撤销', en: 'Revoked by an administrator' },
};

/** Commitment events → the result the figures count (践诺 kept, 违诺 broken). */
export const COMMITMENT_RESULTS: Record<string, 'kept' | 'broken' | 'withdrawn' | 'lapsed'> = {
  CommitmentFulfilled: 'kept',
  CommitmentBreached: 'broken',
  CommitmentWithdrawn: 'withdrawn',
  CommitmentLapsed: 'lapsed',
};

/** A label for a code the catalogue does not know: the code itself, so nothing is hidden. */
export const labelOr = (labels: Record<string, BilingualText>, code: string): BilingualText =>
  labels[code] ?? { zh: code, en: code };
