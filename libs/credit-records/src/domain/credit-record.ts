import type { SubjectType } from '@credence/shared';

/** Kinds of records (Order 36 Art. 4); `other` includes 违诺 breach records. */
export const RECORD_KINDS = ['serious_list', 'administrative_penalty', 'abnormal_list', 'other'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/** Severity classes (国办发〔2025〕22号, Order 36): 轻微, 一般, 严重. */
export const SEVERITIES = ['minor', 'general', 'serious'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FIELDS = [
  'road_transport',
  'waterway_transport',
  'highway_construction',
  'waterway_construction',
  'port_operation',
  'work_safety',
  'overload_control',
  'other',
] as const;
export type RecordField = (typeof FIELDS)[number];

export const PUBLIC_STATUSES = [
  'published',
  'repairable',
  'shielded',
  'repaired',
  'expired',
  'removed',
] as const;
export type PublicStatus = (typeof PUBLIC_STATUSES)[number];

export const STATUS_LABELS: Record<PublicStatus, { zh: string; en: string }> = {
  published: { zh: '公示中', en: 'Published' },
  repairable: { zh: '可申请修复', en: 'Repair may be applied for' },
  shielded: { zh: '暂时屏蔽', en: 'Temporarily shielded' },
  repaired: { zh: '已修复', en: 'Repaired' },
  expired: { zh: '已到期', en: 'Publicity ended' },
  removed: { zh: '已删除', en: 'Removed' },
};

/** Statuses in which the record is shown to the public. Once repaired or expired it leaves every public view. */
export const PUBLICLY_SHOWN: PublicStatus[] = ['published', 'repairable'];

export interface RecordSubject {
  type: SubjectType;
  code: string;
  name: string;
}

/** The content of a record as the finding authority made it. */
export interface RecordContent {
  subject: RecordSubject;
  kind: RecordKind;
  severity: Severity;
  field: RecordField;
  decisionNumber: string;
  decisionDate: string;
  authorityCode: string;
  authorityPath: string;
  authorityName: string;
  facts: string;
  legalBasis: string | null;
}

/** The periods a record's rule set gives it, with the instants the timers fire at (Beijing midnight). */
export interface PublicityPeriods {
  ruleSet: string;
  repairableFrom: string;
  repairableAt: string;
  publicityEndsAfter: string;
  expiresAt: string;
}
