import type { BilingualText, SubjectType } from '@credence/shared';

/**
 * The five kinds of credit commitment (信用承诺, 国办发〔2019〕35号; DOMAIN §5): 审批替代型 (告知承诺: the promise
 * replaces proof in a licence, 国办发〔2020〕42号), 容缺受理型 (accepted with non-key materials missing, promised by a
 * date), 信用修复型 (required for repair, Order 36), 行业自律型 and 主动型.
 */
export const COMMITMENT_TYPES = [
  'approval_substitution',
  'missing_materials',
  'repair',
  'self_regulation',
  'voluntary',
] as const;
export type CommitmentType = (typeof COMMITMENT_TYPES)[number];

export const COMMITMENT_TYPE_LABELS: Record<CommitmentType, BilingualText> = {
  approval_substitution: { zh: '审批替代型（告知承诺）', en: 'Approval substitution (告知承诺)' },
  missing_materials: { zh: '容缺受理型', en: 'Accepted with materials missing (容缺受理)' },
  repair: { zh: '信用修复型', en: 'Credit repair' },
  self_regulation: { zh: '行业自律型', en: 'Industry self-regulation' },
  voluntary: { zh: '主动型', en: 'Voluntary' },
};

/** The fast tracks (信易批) a subject's credit decides: only these two types depend on eligibility. */
export const FAST_TRACK_TYPES = ['approval_substitution', 'missing_materials'] as const;
export type FastTrack = (typeof FAST_TRACK_TYPES)[number];

export function isFastTrack(type: CommitmentType): type is FastTrack {
  return (FAST_TRACK_TYPES as readonly string[]).includes(type);
}

/**
 * Types whose commitment is public by its nature, so consent to publication is part of making it: Order 36 asks for
 * a *public* credit commitment before repair, and 行业自律 / 主动 commitments are promises made to the market.
 * The other types are published when the subject consents.
 */
export const PUBLICATION_REQUIRED: readonly CommitmentType[] = ['repair', 'self_regulation', 'voluntary'];

/**
 * The standard promises of a commitment letter (the Zhuhai example, domain-rules §3.3): each an item the subject
 * ticks; matter-specific promises are added as free text. Consent to publication is a separate flag.
 */
export const STANDARD_PROMISES = {
  materials_true: {
    zh: '所提交的材料合法、真实、准确、有效',
    en: 'The materials submitted are lawful, true, accurate and valid',
  },
  no_violations_3y: {
    zh: '近三年内无违法违规失信记录',
    en: 'No record of violations or dishonesty in the past three years',
  },
  self_discipline: {
    zh: '遵守法律法规，诚信经营，自我约束',
    en: 'Comply with the law, operate honestly and regulate ourselves',
  },
  accept_inspection: {
    zh: '接受行政机关核查；违反承诺的，依法承担相应责任并接受惩戒',
    en: 'Accept inspection; on a breach, bear the legal liability and accept the sanctions',
  },
  accept_supervision: { zh: '接受社会监督', en: 'Accept public supervision' },
} as const satisfies Record<string, BilingualText>;
export type StandardPromise = keyof typeof STANDARD_PROMISES;
export const STANDARD_PROMISE_CODES = Object.keys(STANDARD_PROMISES) as StandardPromise[];

/**
 * The standard promises a commitment makes when the subject does not choose: all of them, except that a repair
 * commitment cannot promise a clean record (the record being repaired is a violation).
 */
export function defaultPromises(type: CommitmentType): StandardPromise[] {
  return type === 'repair'
    ? STANDARD_PROMISE_CODES.filter((code) => code !== 'no_violations_3y')
    : STANDARD_PROMISE_CODES;
}

/** One promise of the letter: a standard one by its code, or a matter-specific one (`specific`) in the subject's words. */
export interface PromiseItem {
  code: StandardPromise | 'specific';
  text: string;
}

export interface CommitmentSubject {
  type: SubjectType;
  code: string;
  name: string;
}

export interface CommitmentAuthority {
  code: string;
  path: string;
  name: string;
}

/**
 * The decision that relies on the promise and is revoked on a breach: a licence or approval issued outside this
 * system (its document number; the revocation notice goes to the outbox), or a repair application of this system.
 */
export const LINK_KINDS = ['external_licence', 'repair_application'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];

export interface LinkedDecision {
  kind: LinkKind;
  /** The licence's document number, or the repair application's case id. */
  reference: string;
  description: string | null;
}

/**
 * Why a repair commitment lapsed (失效) without being relied on: it follows its application, so it lapses when the
 * application ends without approval, or when the applicant replaces it by a new one in the draft.
 */
export const LAPSE_REASONS = {
  replaced: { zh: '申请人在草稿中作出新的承诺，原承诺失效', en: 'Replaced by a new commitment in the draft' },
  application_withdrawn: { zh: '信用修复申请已撤回', en: 'The repair application was withdrawn' },
  application_not_accepted: { zh: '信用修复申请不予受理', en: 'The repair application was not accepted' },
  application_rejected: { zh: '信用修复申请不予修复', en: 'The repair application was rejected' },
  application_closed: {
    zh: '信用修复申请逾期未补正，已终止',
    en: 'The repair application closed without the supplements',
  },
} as const satisfies Record<string, BilingualText>;
export type LapseReason = keyof typeof LAPSE_REASONS;

/** A material delivered against a 容缺 promise: the promised item it stands for and the digest of its bytes. */
export interface SuppliedMaterial {
  item: string;
  id: string;
  sha256: string;
  fileName: string;
  mediaType: string;
  size: number;
  attachedAt: string;
}

/** How a fulfilment check (践诺核查) was made. */
export const CHECK_METHODS = [
  'document_review',
  'on_site_inspection',
  'data_comparison',
  'third_party_verification',
  'other',
] as const;
export type CheckMethod = (typeof CHECK_METHODS)[number];

/** Why a commitment was found broken; `materials_not_supplied` is the automatic 容缺 breach. */
export const BREACH_GROUNDS = [
  'false_commitment',
  'conditions_not_met',
  'materials_not_supplied',
  'promise_not_kept',
  'other',
] as const;
export type BreachGround = (typeof BREACH_GROUNDS)[number];

export const BREACH_GROUND_LABELS: Record<BreachGround, BilingualText> = {
  false_commitment: { zh: '承诺内容不实', en: 'The commitment was false' },
  conditions_not_met: { zh: '不符合承诺的条件', en: 'The promised conditions are not met' },
  materials_not_supplied: {
    zh: '未在承诺期限内补交材料',
    en: 'The promised materials were not supplied by the date',
  },
  promise_not_kept: { zh: '未履行承诺事项', en: 'The promise was not kept' },
  other: { zh: '其他违诺情形', en: 'Another breach' },
};
