import type { BilingualText } from '@credence/shared';

/** How a policy's value is checked when an admin sets it: a list of problems, empty when valid. */
type Check = (value: unknown) => string[];

export interface PolicyDefinition {
  key: string;
  label: BilingualText;
  /** Why the default is what it is: the rule, or "not fixed by national rules" (DOMAIN.md: defaults are data). */
  basis: BilingualText;
  defaultValue: unknown;
  check: Check;
}

const isBool: Check = (v) => (typeof v === 'boolean' ? [] : ['must be true or false']);
const intBetween =
  (min: number, max: number): Check =>
  (v) =>
    Number.isInteger(v) && (v as number) >= min && (v as number) <= max
      ? []
      : [`must be an integer from ${min} to ${max}`];
const oneOf =
  (...allowed: string[]): Check =>
  (v) =>
    allowed.includes(v as string) ? [] : [`must be one of ${allowed.join(', ')}`];
const objectOf =
  (fields: Record<string, Check>): Check =>
  (v) => {
    if (v === null || typeof v !== 'object' || Array.isArray(v)) return ['must be an object'];
    const value = v as Record<string, unknown>;
    const unknown = Object.keys(value)
      .filter((k) => !(k in fields))
      .map((k) => `${k}: unknown field`);
    return [
      ...unknown,
      ...Object.entries(fields).flatMap(([k, check]) => check(value[k]).map((p) => `${k}: ${p}`)),
    ];
  };
const platforms: Check = (v) =>
  Array.isArray(v) && v.length <= 20
    ? v.flatMap((p, i) =>
        objectOf({
          code: (c) =>
            typeof c === 'string' && /^[a-z][a-z0-9-]{1,40}$/.test(c) ? [] : ['must be a kebab-case code'],
          name: objectOf({
            zh: (t) => (typeof t === 'string' && t.length > 0 ? [] : ['required']),
            en: (t) => (typeof t === 'string' && t.length > 0 ? [] : ['required']),
          }),
        })(p).map((problem) => `[${i}].${problem}`),
      )
    : ['must be a list of at most 20 platforms'];

const allowance = objectOf({
  approvalSubstitution: isBool,
  missingMaterials: isBool,
  deadlineReductionPercent: intBetween(0, 90),
});
const noTrack: Check = (v) =>
  allowance(v).length === 0 &&
  ((v as TrackAllowance).approvalSubstitution || (v as TrackAllowance).missingMaterials)
    ? ['D grade never opens 告知承诺 or 容缺 (DOMAIN §6)']
    : allowance(v);
const matterNames: Check = (v) =>
  Array.isArray(v) && v.length <= 200
    ? v.flatMap((m, i) =>
        typeof m === 'string' && m.length > 0 && m.length <= 100
          ? []
          : [`[${i}]: a matter name of 1–100 characters`],
      )
    : ['must be a list of at most 200 matter names'];
const daysByMatter: Check = (v) =>
  v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length <= 500
    ? Object.entries(v as Record<string, unknown>).flatMap(([matter, days]) => [
        ...(matter.length > 0 && matter.length <= 100
          ? []
          : [`${matter}: a matter name of 1–100 characters`]),
        ...intBetween(1, 3650)(days).map((p) => `${matter}: ${p}`),
      ])
    : ['must be an object of matter name → days (at most 500)'];

export interface RepeatRepairLimits {
  enabled: boolean;
  /** Not within this many months of the last approved repair (0: no such limit). */
  minMonthsSinceLastRepair: number;
  /** At most this many approved repairs in the last five years (0: no such limit). */
  maxRepairsInFiveYears: number;
  /** The same kind of record repaired at most once in five years. */
  sameKindOnceInFiveYears: boolean;
}

export interface DownstreamPlatform {
  code: string;
  name: BilingualText;
}

/** The fast tracks (信易批) a grade or list status opens, and how much shorter the internal deadlines are. */
export interface TrackAllowance {
  /** 告知承诺 (approval substitution) may be used. */
  approvalSubstitution: boolean;
  /** 容缺受理 (acceptance with non-key materials missing) may be used. */
  missingMaterials: boolean;
  /** Internal processing deadlines shortened by this share, in percent (0: none). */
  deadlineReductionPercent: number;
}

export const CREDIT_GRADES = ['AA', 'A', 'B', 'C', 'D'] as const;
export type CreditGrade = (typeof CREDIT_GRADES)[number];

/**
 * Grade and list status → fast tracks, per authority. D grade, the black list and an unrepaired breach bar 告知承诺
 * and 容缺 whatever this says (DOMAIN §6); the policy decides everything else.
 */
export interface FastTrackPolicy {
  grades: Record<CreditGrade, TrackAllowance>;
  /** No current grade: 交公路发〔2009〕733号 Art 18 treats an enterprise without a rating and without a bad record as A. */
  ungraded: TrackAllowance;
  /** On the red list (守信激励): these tracks and the larger reduction are added to the grade's. */
  redList: TrackAllowance;
  /** On the key-attention list (重点关注): only tracks allowed both here and by the grade remain. */
  keyAttention: TrackAllowance;
  /** High-risk matters excluded from 告知承诺 (国办发〔2020〕42号), by the matter's name. */
  approvalSubstitutionExcludedMatters: string[];
}

/** 会签: which case types' decision steps need co-signers, how many, and how their opinions count. */
export interface CollectiveReview {
  caseTypes: string[];
  mode: 'all' | 'quorum';
  /** With `quorum`: how many co-signers must agree. */
  quorum: number;
  /** How many co-signers the holder must add before deciding. */
  minSigners: number;
}

/** Fulfilment-check period in calendar days after a commitment takes effect: a default and per-matter values. */
export interface CommitmentCheckDays {
  defaultDays: number;
  /** Matter name (e.g. 道路运输经营许可) → days. */
  matters: Record<string, number>;
}

/**
 * Every setting an authority may change, with its national default. Where DOMAIN.md says "default", the law gave no
 * verified figure, so the value is a policy row an admin can set per authority (and its subtree), never a constant.
 */
export const POLICY_CATALOGUE = {
  'repair.four-eyes': {
    key: 'repair.four-eyes',
    label: { zh: '信用修复双人审核范围', en: 'Which repairs need a second reviewer' },
    basis: {
      zh: '严重失信信息与名单移出一律双人审核；其他由认定单位决定（serious-only：仅严重；all：全部）',
      en: 'Serious records and list removals always need four eyes; for others the authority decides',
    },
    defaultValue: 'serious-only',
    check: oneOf('serious-only', 'all'),
  },
  'repair.repeat-limits': {
    key: 'repair.repeat-limits',
    label: { zh: '重复修复限制', en: 'Limits on repeated repair' },
    basis: {
      zh: '国家未规定；部分地方：距上次修复不满1年、5年内已修复2次、同类行为5年内已修复1次的不予修复。默认关闭',
      en: 'No national limit; local examples (1 year since the last, 2 in 5 years, same kind once in 5 years). Off by default',
    },
    defaultValue: {
      enabled: false,
      minMonthsSinceLastRepair: 12,
      maxRepairsInFiveYears: 2,
      sameKindOnceInFiveYears: true,
    } satisfies RepeatRepairLimits,
    check: objectOf({
      enabled: isBool,
      minMonthsSinceLastRepair: intBetween(0, 120),
      maxRepairsInFiveYears: intBetween(0, 100),
      sameKindOnceInFiveYears: isBool,
    }),
  },
  'repair.revocation-ban-months': {
    key: 'repair.revocation-ban-months',
    label: { zh: '撤销修复后禁止再次申请的期限（月）', en: 'Months a revoked repair bars new applications' },
    basis: {
      zh: '撤销修复后一定期限内不予受理新的修复申请；期限未经核实，默认3年',
      en: 'New applications are refused for a period after a revocation; unverified, default 3 years',
    },
    defaultValue: 36,
    check: intBetween(0, 120),
  },
  'repair.downstream-platforms': {
    key: 'repair.downstream-platforms',
    label: { zh: '修复结果同步平台', en: 'Platforms a repair result is sent to' },
    basis: {
      zh: '国办发〔2025〕22号：修复结果同步信用中国、地方平台，信用服务机构同步更新',
      en: 'State Council 22号: results go to 信用中国, local platforms and credit agencies, which must update',
    },
    defaultValue: [
      { code: 'credit-china', name: { zh: '信用中国', en: 'Credit China' } },
      {
        code: 'provincial-transport-credit',
        name: { zh: '省级信用交通网站', en: 'Provincial transport credit site' },
      },
      { code: 'credit-agencies', name: { zh: '信用服务机构', en: 'Credit service agencies' } },
    ] satisfies DownstreamPlatform[],
    check: platforms,
  },
  'objection.appeal-decided-by': {
    key: 'objection.appeal-decided-by',
    label: { zh: '异议复核决定机关', en: 'Who decides an objection appeal' },
    basis: {
      zh: '复核由未参与原处理的上级审核人（same-authority）或上一级认定单位（parent-authority）决定',
      en: 'A senior reviewer who did not handle the answer (same-authority) or the authority one level up',
    },
    defaultValue: 'same-authority',
    check: oneOf('same-authority', 'parent-authority'),
  },
  'commitment.check-days': {
    key: 'commitment.check-days',
    label: {
      zh: '践诺核查期限（日历日，按事项）',
      en: 'Fulfilment-check period (calendar days, per matter)',
    },
    basis: {
      zh: '国家未统一规定核查期限；按事项设置，默认承诺生效后60日内核查',
      en: 'No national check deadline; set per matter, by default within 60 days of the commitment taking effect',
    },
    defaultValue: { defaultDays: 60, matters: {} } satisfies CommitmentCheckDays,
    check: objectOf({ defaultDays: intBetween(1, 3650), matters: daysByMatter }),
  },
  'commitment.breach-severity': {
    key: 'commitment.breach-severity',
    label: { zh: '违诺失信信息的严重程度', en: 'Severity of a breach (违诺) record' },
    basis: {
      zh: '违诺信息记入信用记录（国办发〔2019〕35号）；严重程度由认定单位确定，默认一般失信',
      en: 'A breach enters the credit record (35号); the authority sets its severity, general by default',
    },
    defaultValue: 'general',
    check: oneOf('minor', 'general', 'serious'),
  },
  'fast-track.policy': {
    key: 'fast-track.policy',
    label: {
      zh: '信易批：信用等级与名单对应的办理方式',
      en: 'Credit-based fast tracks (信易批) by grade and list',
    },
    basis: {
      zh: 'D级、黑名单、违诺未修复的一律不适用告知承诺和容缺受理；其余为默认值：AA级与红名单压缩内部时限30%，C级与重点关注名单不适用告知承诺，无评级视同A级（交公路发〔2009〕733号第18条）',
      en: 'D grade, black list and unrepaired breaches never get 告知承诺 or 容缺; the rest are defaults: AA and red list 30 % shorter internal deadlines, C and key attention no 告知承诺, ungraded as A (733号 Art 18)',
    },
    defaultValue: {
      grades: {
        AA: { approvalSubstitution: true, missingMaterials: true, deadlineReductionPercent: 30 },
        A: { approvalSubstitution: true, missingMaterials: true, deadlineReductionPercent: 0 },
        B: { approvalSubstitution: true, missingMaterials: true, deadlineReductionPercent: 0 },
        C: { approvalSubstitution: false, missingMaterials: true, deadlineReductionPercent: 0 },
        D: { approvalSubstitution: false, missingMaterials: false, deadlineReductionPercent: 0 },
      },
      ungraded: { approvalSubstitution: true, missingMaterials: true, deadlineReductionPercent: 0 },
      redList: { approvalSubstitution: true, missingMaterials: true, deadlineReductionPercent: 30 },
      keyAttention: { approvalSubstitution: false, missingMaterials: true, deadlineReductionPercent: 0 },
      approvalSubstitutionExcludedMatters: [],
    } satisfies FastTrackPolicy,
    check: objectOf({
      grades: objectOf({ AA: allowance, A: allowance, B: allowance, C: allowance, D: noTrack }),
      ungraded: allowance,
      redList: allowance,
      keyAttention: allowance,
      approvalSubstitutionExcludedMatters: matterNames,
    }),
  },
  'workbench.urge-interval': {
    key: 'workbench.urge-interval',
    label: { zh: '催办间隔（工作日）', en: 'Working days between two urges (催办) of a case' },
    basis: {
      zh: '国家未规定催办频次；默认每件案件每个工作日至多催办一次，避免重复打扰承办人',
      en: 'No national rule on how often a holder is chased; by default at most once per working day per case',
    },
    defaultValue: 1,
    check: intBetween(1, 20),
  },
  'workbench.collective-review': {
    key: 'workbench.collective-review',
    label: { zh: '集体审议（会签）', en: 'Collective review (会签) of decisions' },
    basis: {
      zh: '严重失信主体名单移出等重大事项可由认定单位规定集体审议；国家未规定人数与方式。caseTypes 为需会签的案件类型，decision 步骤（仅审核负责人办理的环节）须由至少 minSigners 名同事会签，mode 为 all（全部同意）或 quorum（至少 quorum 名同意）；默认不要求',
      en: 'Weighty matters such as removals from the serious dishonesty list may require collective review by the authority; no national figure. Decision steps (senior reviewers only) of the listed case types need at least minSigners co-signers, all agreeing (all) or at least quorum agreeing (quorum); off by default',
    },
    defaultValue: { caseTypes: [], mode: 'all', quorum: 2, minSigners: 2 } satisfies CollectiveReview,
    check: objectOf({
      caseTypes: (v) =>
        Array.isArray(v) &&
        v.length <= 20 &&
        v.every((t) => typeof t === 'string' && /^[a-zA-Z]{1,40}$/.test(t))
          ? []
          : ['must be a list of at most 20 case type names'],
      mode: oneOf('all', 'quorum'),
      quorum: intBetween(1, 20),
      minSigners: intBetween(1, 20),
    }),
  },
} as const satisfies Record<string, PolicyDefinition>;

export type PolicyKey = keyof typeof POLICY_CATALOGUE;

/** The value type of each policy, as the workflows read it. */
export interface PolicyValues {
  'repair.four-eyes': 'serious-only' | 'all';
  'repair.repeat-limits': RepeatRepairLimits;
  'repair.revocation-ban-months': number;
  'repair.downstream-platforms': DownstreamPlatform[];
  'objection.appeal-decided-by': 'same-authority' | 'parent-authority';
  'commitment.check-days': CommitmentCheckDays;
  'commitment.breach-severity': 'minor' | 'general' | 'serious';
  'fast-track.policy': FastTrackPolicy;
  'workbench.urge-interval': number;
  'workbench.collective-review': CollectiveReview;
}
