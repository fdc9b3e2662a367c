import type { BilingualText } from '@credence/shared';
import type { FieldChange, RecordContent } from '@credence/credit-records';

/**
 * Grounds of an objection (DOMAIN.md §4; Zhanjiang [S36], 国办发〔2025〕22号 §8 for the repair result and the
 * publicity period).
 */
export const OBJECTION_GROUNDS = [
  'wrong',
  'missing',
  'duplicated',
  'should_not_publish',
  'beyond_period',
  'differs_from_authority',
  'repair_result',
  'publicity_period',
] as const;
export type ObjectionGround = (typeof OBJECTION_GROUNDS)[number];

export const GROUND_LABELS: Record<ObjectionGround, BilingualText> = {
  wrong: { zh: '信息错误', en: 'The information is wrong' },
  missing: { zh: '信息遗漏', en: 'Information is missing' },
  duplicated: { zh: '重复公示', en: 'Published twice' },
  should_not_publish: { zh: '不应公示', en: 'Should not be published' },
  beyond_period: { zh: '超期公示', en: 'Published beyond its period' },
  differs_from_authority: { zh: '与认定单位记录不一致', en: 'Differs from the finding authority’s record' },
  repair_result: { zh: '对信用修复结果有异议', en: 'Objection to a repair result' },
  publicity_period: { zh: '对公示期限有异议', en: 'Objection to the publicity period' },
};

/**
 * What the finding authority answers after checking at the source (溯源核实): 更正 corrected (a new version of the
 * record), 删除 removed for good, 维持 maintained (not founded), 无法核实 unverifiable (recorded next to the record).
 */
export const OBJECTION_OUTCOMES = ['correct', 'remove', 'maintain', 'unverifiable'] as const;
export type ObjectionOutcome = (typeof OBJECTION_OUTCOMES)[number];

export const OUTCOME_LABELS: Record<ObjectionOutcome, BilingualText> = {
  correct: { zh: '更正', en: 'Corrected' },
  remove: { zh: '删除', en: 'Removed' },
  maintain: { zh: '维持', en: 'Maintained' },
  unverifiable: { zh: '无法核实', en: 'Could not be verified' },
};

/** Coded reasons for not accepting an objection (不予受理), stable for statistics. */
export const REFUSAL_REASONS = [
  'NOT_OWN_INFORMATION',
  'DUPLICATE_OBJECTION',
  'NO_GROUND',
  'MATERIALS_INSUFFICIENT',
  'OTHER',
] as const;
export type RefusalReason = (typeof REFUSAL_REASONS)[number];

export const REFUSAL_REASON_LABELS: Record<RefusalReason, BilingualText> = {
  NOT_OWN_INFORMATION: { zh: '异议信息不属于申请人本人', en: 'The information is not the applicant’s own' },
  DUPLICATE_OBJECTION: { zh: '重复提出异议', en: 'The same objection was raised before' },
  NO_GROUND: { zh: '无具体异议事项和理由', en: 'No specific ground or reason is given' },
  MATERIALS_INSUFFICIENT: { zh: '证明材料不足以支持异议', en: 'The materials cannot support the objection' },
  OTHER: { zh: '其他不予受理情形', en: 'Other reasons' },
};

/** The record objected to, as it stood when the objection was filed. */
export type ObjectedRecord = Pick<
  RecordContent,
  | 'subject'
  | 'kind'
  | 'severity'
  | 'field'
  | 'decisionNumber'
  | 'decisionDate'
  | 'authorityCode'
  | 'authorityPath'
  | 'authorityName'
> & { id: string; contentVersion: number };

/** What a material handed in with an objection proves; the subject names it as repair applicants do. */
export const OBJECTION_MATERIAL_CATEGORIES = ['evidence', 'identity', 'power_of_attorney', 'other'] as const;
export type ObjectionMaterialCategory = (typeof OBJECTION_MATERIAL_CATEGORIES)[number];

export const OBJECTION_MATERIAL_CATEGORY_LABELS: Record<ObjectionMaterialCategory, BilingualText> = {
  evidence: { zh: '证明材料', en: 'Evidence' },
  identity: { zh: '身份证明', en: 'Proof of identity' },
  power_of_attorney: { zh: '授权委托书', en: 'Power of attorney' },
  other: { zh: '其他', en: 'Other' },
};

/** A file the subject attaches and what it is (the request shape of every objection action that takes materials). */
export interface ObjectionMaterialInput {
  fileId: string;
  category: ObjectionMaterialCategory;
}

/** A material attached to the objection, by the digest of its bytes (decision facts convention). */
export interface AttachedMaterial {
  id: string;
  sha256: string;
  fileName: string;
  size: number;
  mediaType: string;
  /** When in the case it was handed in. */
  stage: 'filing' | 'supplement' | 'appeal';
  /** What it proves; absent from materials attached before objections named it. */
  category?: ObjectionMaterialCategory;
}

/** 异议申诉信用承诺书: the subject's promise that what it says and hands in is true. */
export interface ObjectionCommitment {
  content: string;
  consent: true;
  signedBy: string;
  signedAt: string;
}

/** An authority and its place in the hierarchy. */
export interface HandlingAuthority {
  code: string;
  path: string;
  name: string;
}

/** Who did a step, as what, when. */
export interface StaffStep {
  by: string;
  role: string;
  at: string;
}

export interface Acceptance extends StaffStep {
  opinion: string | null;
}

export interface Refusal extends StaffStep {
  reasonCodes: string[];
  reasons: string[];
  legalBasis: string | null;
}

/** 补正 before acceptance, or further materials asked for during verification, listed all at once (一次性告知). */
export interface SupplementRequest extends StaffStep {
  stage: 'admission' | 'verification';
  items: string[];
  reasons: string[];
  answeredAt: string | null;
  /** The window ran out without an answer. */
  lapsed: boolean;
}

export interface Extension extends StaffStep {
  reason: string;
}

/** The correction an outcome of `correct` makes to the record: the patch and each field's old and new value. */
export interface CorrectionPlan {
  record: Partial<RecordContent>;
  changes: FieldChange[];
}

/** An answer (异议处理结果) or an appeal decision's own outcome. */
export interface Answer extends StaffStep {
  outcome: ObjectionOutcome;
  reasons: string[];
  legalBasis: string;
  correction: CorrectionPlan | null;
  /** For `unverifiable`: what is recorded next to the record (public). */
  note: string | null;
}

/** Who decides an appeal, as the authority setting in force said when it was filed. */
export interface AppealAuthorityChoice {
  authority: HandlingAuthority;
  decidedBy: 'same-authority' | 'parent-authority';
  /** The setting applied (`objection.appeal-decided-by`), for auditors. */
  setting: { settingId: string; value: string; authorityCode: string | null; effectiveFrom: string };
  /** Why the choice differs from the setting (a province has no authority above it). */
  note: string | null;
}

export interface Appeal extends AppealAuthorityChoice {
  by: string;
  at: string;
  statement: string;
}

export interface AppealDecision extends Answer {
  /** `uphold`: the answer stands; `overturn`: the appeal's outcome replaces it. */
  decision: 'uphold' | 'overturn';
}

export interface Withdrawal {
  by: string;
  at: string;
  reason: string | null;
  /** Where the case stood: a withdrawn appeal leaves the answer in force. */
  stage: 'admission' | 'verification' | 'appeal';
}

export type ClosureReason =
  | 'not-accepted'
  | 'withdrawn'
  | 'supplement-lapsed'
  | 'appeal-window-elapsed'
  | 'appeal-withdrawn'
  | 'appeal-decided';

export interface ObjectionContext {
  caseId: string;
  caseNumber: string | null;
  record: ObjectedRecord | null;
  ground: ObjectionGround | null;
  statement: string;
  repairApplicationId: string | null;
  commitment: ObjectionCommitment | null;
  materials: AttachedMaterial[];
  filedBy: string | null;
  filedAt: string | null;
  /** The authority handling the case now: the finding authority (谁认定), or the appeal's authority during an appeal. */
  handling: HandlingAuthority | null;
  acceptance: Acceptance | null;
  refusal: Refusal | null;
  supplementRequests: SupplementRequest[];
  extension: Extension | null;
  answer: Answer | null;
  appeal: Appeal | null;
  appealDecision: AppealDecision | null;
  withdrawal: Withdrawal | null;
  /** Staff who handled the first round: none of them may decide the appeal. */
  handledBy: string[];
  closure: { reason: ClosureReason; at: string } | null;
}

/** The outcome in force: the appeal's when there was one, else the answer's. */
export function outcomeInForce(context: ObjectionContext): ObjectionOutcome | null {
  return context.appealDecision?.outcome ?? context.answer?.outcome ?? null;
}
