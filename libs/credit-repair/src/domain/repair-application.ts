import type { RecordKind, RecordSubject, Severity } from '@credence/credit-records';

/** What an applicant may attach (Order 36 Art. 12 materials; 22号: proof of fulfilment plus the commitment letter). */
export const MATERIAL_CATEGORIES = ['correction_proof', 'commitment_letter', 'other'] as const;
export type MaterialCategory = (typeof MATERIAL_CATEGORIES)[number];

/** A material as the case records it: the file and the digest of its bytes at the time it was attached. */
export interface AttachedMaterial {
  id: string;
  sha256: string;
  category: MaterialCategory;
  fileName: string;
  mediaType: string;
  size: number;
  attachedAt: string;
}

/**
 * The public credit commitment Order 36 requires for repair (信用修复承诺书): a commitment case of type `repair`
 * (`caseId`, `caseNumber`) made within the application, which follows it (in force on approval, lapsed otherwise).
 */
export interface RepairCommitment {
  caseId: string;
  caseNumber: string;
  content: string;
  consentToPublish: boolean;
  signedAt: string;
  /** Set when the repair is approved: from then the promise is in force (and its breach revokes the repair). */
  inForceFrom: string | null;
}

/** The record the application is about, as it stood when the application was made. */
export interface RecordSummary {
  id: string;
  decisionNumber: string;
  decisionDate: string;
  kind: RecordKind;
  severity: Severity;
  field: string;
  authorityCode: string;
  authorityPath: string;
  authorityName: string;
  subject: RecordSubject;
  repairableFrom: string;
  ruleSet: string | null;
}

export interface StaffStep {
  by: string;
  role: string;
  at: string;
}

export interface Recommendation extends StaffStep {
  outcome: 'approve' | 'reject';
  opinion: string;
  reasons: string[];
}

export interface Decision extends StaffStep {
  outcome: 'approved' | 'rejected' | 'not_accepted' | 'revoked';
  reasons: string[];
  reasonCodes: string[];
  legalBasis: string | null;
  opinion: string | null;
}

/** Reason codes of 不予受理 / 不予修复 (Order 36 Art. 2, 9–12), stable for statistics. */
export const REFUSAL_REASON_CODES = [
  'MINIMUM_PERIOD_NOT_REACHED',
  'CONDUCT_NOT_CORRECTED',
  'DUTIES_NOT_FULFILLED',
  'NO_PUBLIC_COMMITMENT',
  'MATERIALS_FALSE',
  'NOT_REPAIRABLE_BY_LAW',
  'NOT_FINDING_AUTHORITY',
  'OTHER',
] as const;

export const REVOCATION_GROUNDS = ['false_materials', 'commitment_broken'] as const;
export type RevocationGround = (typeof REVOCATION_GROUNDS)[number];
