import type { BilingualText } from '@credence/shared';
import {
  CREDIT_GRADES,
  type CreditGrade,
  type FastTrackPolicy,
  type TrackAllowance,
} from '@credence/authority-policies';
import type { FastTrack } from './commitment';

export const LIST_KINDS = ['red', 'black', 'key_attention'] as const;
export type ListKind = (typeof LIST_KINDS)[number];

export const LIST_LABELS: Record<ListKind, BilingualText> = {
  red: { zh: '红名单（守信激励）', en: 'Red list' },
  black: { zh: '黑名单（严重失信主体名单）', en: 'Black list' },
  key_attention: { zh: '重点关注名单', en: 'Key-attention list' },
};

/** A subject's grade in one evaluation scheme, as the evaluation system gave it. */
export interface GradeFact {
  id: string;
  grade: CreditGrade;
  scheme: string;
  evaluatedOn: string;
  validUntil: string | null;
}

/** A list entry in force on the day of the decision. */
export interface ListFact {
  id: string;
  list: ListKind;
  validFrom: string;
  validUntil: string;
  reference: string | null;
}

/** A credit record that still stands (not repaired, expired or removed) and bars the fast tracks. */
export interface StandingRecordFact {
  recordId: string | null;
  decisionNumber: string | null;
  status: string;
  /** The commitment whose breach it records (违诺 records only). */
  commitmentCaseNumber?: string | null;
}

/** Everything the eligibility rules read, gathered from the grades, lists and the registry on one day. */
export interface FastTrackFacts {
  on: string;
  matter: string | null;
  /** Every grade of the subject, any scheme, any date (the rules pick the current ones). */
  grades: GradeFact[];
  /** List entries in force on `on`. */
  lists: ListFact[];
  /** Breached commitments whose 违诺 record is not yet registered, or still stands. */
  unrepairedBreaches: StandingRecordFact[];
  /** Standing records of the serious-dishonesty list (严重失信主体名单) in the registry. */
  seriousListRecords: StandingRecordFact[];
  policy: FastTrackPolicy;
}

export type FastTrackReasonCode =
  | 'GRADE_D'
  | 'BLACK_LIST'
  | 'UNREPAIRED_BREACH'
  | 'MATTER_EXCLUDED'
  | 'NOT_ALLOWED_FOR_GRADE'
  | 'NOT_ALLOWED_ON_KEY_ATTENTION_LIST'
  | 'ALLOWED_FOR_GRADE'
  | 'ALLOWED_ON_RED_LIST';

export interface FastTrackReason {
  code: FastTrackReasonCode;
  message: BilingualText;
  details?: Record<string, unknown>;
}

export interface TrackAnswer {
  allowed: boolean;
  /** Why: the bars and refusals when not allowed, the grounds when allowed. */
  reasons: FastTrackReason[];
}

/** What a decision stores so auditors see why a path was taken (DOMAIN §6): the facts as they stood. */
export interface GradeSnapshot extends Record<string, unknown> {
  on: string;
  matter: string | null;
  /** The grade the rules used: the lowest current grade over the schemes, or `ungraded`. */
  consideredGrade: CreditGrade | 'ungraded';
  currentGrades: GradeFact[];
  lists: ListFact[];
  unrepairedBreaches: StandingRecordFact[];
  seriousListRecords: StandingRecordFact[];
}

export interface FastTrackAnswer {
  tracks: Record<FastTrack, TrackAnswer>;
  /** Internal processing deadlines shortened by this share, in percent (信易批); 0 when a bar applies. */
  deadlineReductionPercent: number;
  snapshot: GradeSnapshot;
}

const reason = (
  code: FastTrackReasonCode,
  zh: string,
  en: string,
  details?: Record<string, unknown>,
): FastTrackReason => ({ code, message: { zh, en }, ...(details ? { details } : {}) });

const TRACK_FIELD: Record<
  FastTrack,
  keyof Pick<TrackAllowance, 'approvalSubstitution' | 'missingMaterials'>
> = {
  approval_substitution: 'approvalSubstitution',
  missing_materials: 'missingMaterials',
};
const TRACK_NAME: Record<FastTrack, BilingualText> = {
  approval_substitution: { zh: '告知承诺', en: 'approval substitution' },
  missing_materials: { zh: '容缺受理', en: 'acceptance with materials missing' },
};

/**
 * The current grade in each scheme: the latest evaluation made on or before the day and still valid on it.
 * A later evaluation replaces an earlier one of the same scheme, a lower grade included.
 */
export function currentGrades(grades: GradeFact[], on: string): GradeFact[] {
  const latest = new Map<string, GradeFact>();
  for (const g of grades) {
    if (g.evaluatedOn > on) continue;
    const seen = latest.get(g.scheme);
    if (!seen || g.evaluatedOn > seen.evaluatedOn || (g.evaluatedOn === seen.evaluatedOn && g.id > seen.id))
      latest.set(g.scheme, g);
  }
  return [...latest.values()]
    .filter((g) => g.validUntil === null || g.validUntil >= on)
    .sort((a, b) => a.scheme.localeCompare(b.scheme));
}

/** The lowest of the current grades (a D in any scheme counts), or `ungraded`. */
export function consideredGrade(current: GradeFact[]): CreditGrade | 'ungraded' {
  if (current.length === 0) return 'ungraded';
  return current.reduce<CreditGrade>(
    (worst, g) => (CREDIT_GRADES.indexOf(g.grade) > CREDIT_GRADES.indexOf(worst) ? g.grade : worst),
    'AA',
  );
}

/**
 * Which fast tracks (信易批) a subject may use for a matter, and why (DOMAIN §6, domain-rules §3.4–3.5):
 * - bars the policy cannot lift: a D grade, the black list (a list entry or a standing serious-dishonesty record),
 *   an unrepaired breach of an earlier commitment (国办发〔2020〕42号: a false commitment bars 告知承诺 until repaired);
 * - a matter excluded from 告知承诺 (high-risk matters, 42号) by the authority's setting;
 * - otherwise the authority's policy: the grade's row (or `ungraded`), widened by the red list, narrowed by the
 *   key-attention list.
 */
export function fastTrackEligibility(f: FastTrackFacts): FastTrackAnswer {
  const current = currentGrades(f.grades, f.on);
  const grade = consideredGrade(current);
  const black = f.lists.filter((l) => l.list === 'black');
  const red = f.lists.some((l) => l.list === 'red');
  const keyAttention = f.lists.some((l) => l.list === 'key_attention');

  const bars: FastTrackReason[] = [];
  if (grade === 'D')
    bars.push(
      reason('GRADE_D', '信用评价等级为D级', 'The credit grade is D', {
        grades: current.filter((g) => g.grade === 'D'),
      }),
    );
  if (black.length > 0 || f.seriousListRecords.length > 0)
    bars.push(
      reason('BLACK_LIST', '列入严重失信主体名单（黑名单）', 'On the serious-dishonesty (black) list', {
        entries: black,
        records: f.seriousListRecords,
      }),
    );
  if (f.unrepairedBreaches.length > 0)
    bars.push(
      reason(
        'UNREPAIRED_BREACH',
        '存在未修复的违诺失信记录',
        'A breach of an earlier commitment is not repaired',
        { breaches: f.unrepairedBreaches },
      ),
    );

  const row = grade === 'ungraded' ? f.policy.ungraded : f.policy.grades[grade];
  const gradeName = grade === 'ungraded' ? { zh: '无评级', en: 'ungraded' } : { zh: `${grade}级`, en: grade };
  const answer = (track: FastTrack): TrackAnswer => {
    const field = TRACK_FIELD[track];
    const name = TRACK_NAME[track];
    if (bars.length > 0) return { allowed: false, reasons: bars };
    if (
      track === 'approval_substitution' &&
      f.matter !== null &&
      f.policy.approvalSubstitutionExcludedMatters.includes(f.matter)
    )
      return {
        allowed: false,
        reasons: [
          reason(
            'MATTER_EXCLUDED',
            `事项“${f.matter}”不适用告知承诺`,
            `The matter "${f.matter}" is excluded from approval substitution`,
            { matter: f.matter },
          ),
        ],
      };
    const byGrade = row[field];
    const byRed = red && f.policy.redList[field];
    if (!byGrade && !byRed)
      return {
        allowed: false,
        reasons: [
          reason(
            'NOT_ALLOWED_FOR_GRADE',
            `${gradeName.zh}不适用${name.zh}`,
            `${name.en} is not open to grade ${gradeName.en}`,
            { grade },
          ),
        ],
      };
    if (keyAttention && !f.policy.keyAttention[field])
      return {
        allowed: false,
        reasons: [
          reason(
            'NOT_ALLOWED_ON_KEY_ATTENTION_LIST',
            `列入重点关注名单，不适用${name.zh}`,
            `On the key-attention list: ${name.en} is not open`,
          ),
        ],
      };
    return {
      allowed: true,
      reasons: [
        ...(byGrade
          ? [
              reason('ALLOWED_FOR_GRADE', `${gradeName.zh}适用${name.zh}`, `Open to grade ${gradeName.en}`, {
                grade,
              }),
            ]
          : []),
        ...(byRed
          ? [reason('ALLOWED_ON_RED_LIST', `列入红名单，适用${name.zh}`, 'Open on the red list')]
          : []),
      ],
    };
  };

  const reductions = [row.deadlineReductionPercent, red ? f.policy.redList.deadlineReductionPercent : 0];
  const reduction = Math.min(
    Math.max(...reductions),
    keyAttention ? f.policy.keyAttention.deadlineReductionPercent : Infinity,
  );
  return {
    tracks: {
      approval_substitution: answer('approval_substitution'),
      missing_materials: answer('missing_materials'),
    },
    deadlineReductionPercent: bars.length > 0 ? 0 : reduction,
    snapshot: {
      on: f.on,
      matter: f.matter,
      consideredGrade: grade,
      currentGrades: current,
      lists: f.lists,
      unrepairedBreaches: f.unrepairedBreaches,
      seriousListRecords: f.seriousListRecords,
    },
  };
}
