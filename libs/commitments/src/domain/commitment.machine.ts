import { assign, setup } from 'xstate';
import type { RecordField } from '@credence/credit-records';
import {
  stateMeta as meta,
  transitionMeta as action,
  staffWorkItem as staffWork,
  eventText as textOf,
  actorStep as step,
  type MachineEvent,
} from '@credence/workflow';
import {
  isFastTrack,
  PUBLICATION_REQUIRED,
  type BreachGround,
  type CheckMethod,
  type CommitmentAuthority,
  type CommitmentSubject,
  type CommitmentType,
  type LinkedDecision,
  type PromiseItem,
  type SuppliedMaterial,
} from './commitment';

export interface StaffStep {
  by: string;
  role: string;
  at: string;
}

/** When the fulfilment check is due: a calendar date and the instant it passes (24:00 Beijing of that date). */
export interface CheckDue {
  date: string;
  at: string;
}

export interface CommitmentOutcome extends StaffStep {
  result: 'fulfilled' | 'breached';
  /** Breached by the passing of the promised date (容缺), fulfilled by the promised materials arriving. */
  automatic: boolean;
  ground: BreachGround | null;
  findings: string | null;
  legalBasis: string | null;
}

/** A consequence of the breach, recorded by the breach reaction as an event naming the breach. */
export interface BreachConsequence {
  kind: 'breach-record' | 'linked-revocation' | 'grade-re-evaluation';
  breachEventId: string;
  at: string;
  /** Registered, requested, or refused by its target (then `refusal` says why). */
  status: 'done' | 'requested' | 'refused';
  recordId?: string | null;
  decisionNumber?: string | null;
  linked?: LinkedDecision | null;
  refusal?: { code: string; message: string } | null;
}

export interface CommitmentContext {
  caseId: string;
  caseNumber: string | null;
  type: CommitmentType | null;
  subject: CommitmentSubject | null;
  authority: CommitmentAuthority | null;
  matter: string | null;
  field: RecordField;
  items: PromiseItem[];
  /** 容缺: the materials promised and the date they are due. */
  promisedMaterials: string[];
  promisedBy: string | null;
  linked: LinkedDecision | null;
  consentToPublish: boolean;
  signed: StaffStep | null;
  publishedAt: string | null;
  inForce: (StaffStep & { opinion: string | null }) | null;
  checkDue: CheckDue | null;
  checkOverdue: boolean;
  check: (StaffStep & { method: CheckMethod; description: string | null }) | null;
  supplied: SuppliedMaterial[];
  outcome: CommitmentOutcome | null;
  withdrawal: (StaffStep & { reason: string | null }) | null;
  consequences: BreachConsequence[];
}

type CommitmentEvent = MachineEvent<string, Record<string, unknown>>;
type Guard = { context: CommitmentContext; event: CommitmentEvent };

interface SignedData {
  caseNumber: string;
  type: CommitmentType;
  subject: CommitmentSubject;
  authority: CommitmentAuthority;
  matter: string | null;
  field: RecordField;
  items: PromiseItem[];
  promisedMaterials: string[];
  promisedBy: string | null;
  linked: LinkedDecision | null;
  consentToPublish: boolean;
  eligibility?: { allowed: boolean };
}
const signedData = (event: CommitmentEvent) => event.data as unknown as Partial<SignedData>;

/**
 * A fact the handler always puts in the event. The engine's availability probe carries no data: a guard that throws
 * there has the action offered and decided on the real command (machine-runtime `safeCan`); a real command without
 * the fact is a defect and fails loudly rather than being judged on nothing.
 */
function payload<T>(event: CommitmentEvent, key: string): T {
  if (!(key in event.data)) throw new Error(`${event.type} carries no ${key}`);
  return event.data[key] as T;
}

const isStaffOf = (event: CommitmentEvent, authorityCode: string | undefined) =>
  (event.actor.role === 'officer' || event.actor.role === 'senior_reviewer') &&
  authorityCode !== undefined &&
  event.actor.authorityCode === authorityCode;

const isSubject = (event: CommitmentEvent, subjectCode: string | undefined) =>
  event.actor.role === 'applicant' && subjectCode !== undefined && event.actor.subjectCode === subjectCode;

/**
 * The subject signs its own commitment, or staff of the authority it is made to record a signed letter. A fast-track
 * commitment needs the subject to be eligible (the handler's check, recorded in the event); a 容缺 one names its
 * materials and date; a commitment that is public by nature needs the consent.
 */
const maySign = ({ event }: Guard) => {
  const d = signedData(event);
  if (!d.type || !d.subject || !d.authority) return false;
  if (!isSubject(event, d.subject.code) && !isStaffOf(event, d.authority.code)) return false;
  if (isFastTrack(d.type) && d.eligibility?.allowed !== true) return false;
  if (d.type === 'missing_materials' && (!d.promisedMaterials?.length || !d.promisedBy)) return false;
  return !PUBLICATION_REQUIRED.includes(d.type) || d.consentToPublish === true;
};

const authorityStaff = ({ context, event }: Guard) => isStaffOf(event, context.authority?.code);
const subjectOrAuthorityStaff = ({ context, event }: Guard) =>
  isSubject(event, context.subject?.code) || isStaffOf(event, context.authority?.code);

const suppliedItems = (context: CommitmentContext, event: CommitmentEvent) => [
  ...context.supplied,
  ...((event.data.materials as SuppliedMaterial[] | undefined) ?? []),
];
const completesPromise = (context: CommitmentContext, event: CommitmentEvent) => {
  const delivered = new Set(suppliedItems(context, event).map((m) => m.item));
  return context.promisedMaterials.every((item) => delivered.has(item));
};
// Materials count only while the promised date has not passed (the timer may fire a moment after midnight).
const beforeDue = (context: CommitmentContext, event: CommitmentEvent) =>
  context.checkDue !== null && event.at < context.checkDue.at;

const outcomeOf = (
  event: CommitmentEvent,
  result: CommitmentOutcome['result'],
  automatic: boolean,
  ground: BreachGround | null,
): CommitmentOutcome => ({
  ...step(event),
  result,
  automatic,
  ground,
  findings: textOf(event.data.findings),
  legalBasis: textOf(event.data.legalBasis),
});

const consequenceOf = (
  event: CommitmentEvent,
  kind: BreachConsequence['kind'],
  status: BreachConsequence['status'],
): BreachConsequence => ({
  kind,
  breachEventId: event.data.breachEventId as string,
  at: event.at,
  status,
  recordId: textOf(event.data.recordId),
  decisionNumber: textOf(event.data.decisionNumber),
  linked: (event.data.linked as LinkedDecision | undefined) ?? null,
  refusal: textOf(event.data.code)
    ? { code: textOf(event.data.code)!, message: textOf(event.data.message) ?? '' }
    : null,
});
// Each consequence is carried out once per breach: a replayed reaction is refused here (a tripwire).
const firstOfKind =
  (kind: BreachConsequence['kind']) =>
  ({ context, event }: Guard) =>
    event.actor.role === 'system' &&
    typeof event.data.breachEventId === 'string' &&
    !context.consequences.some((c) => c.kind === kind);

/**
 * A credit commitment (信用承诺, DOMAIN §5): signed, published when consented or required, in force once the
 * authority relies on it, checked (践诺核查) by its due date, fulfilled (践诺) or breached (违诺). A 容缺 commitment is
 * fulfilled when the promised materials arrive by the date and breached by the system when the date passes.
 * Pure: eligibility, settings and files are read by the handlers and arrive in the events' data.
 */
export const commitmentMachine = setup({
  types: {
    context: {} as CommitmentContext,
    events: {} as CommitmentEvent,
    input: {} as { caseId: string },
  },
  actions: {
    scheduleTimer: (_, _params: { name: string; event: string; dueAt: string }) => undefined,
    cancelTimer: (_, _params: { name: string }) => undefined,
  },
  guards: {
    maySign,
    maySignPublished: (args: Guard) => maySign(args) && signedData(args.event).consentToPublish === true,
    authorityStaff,
    subjectOrAuthorityStaff,
    // The authority relies on the promise; a fast-track subject must still be eligible (checked again by the handler).
    mayTakeEffect: (args: Guard) =>
      authorityStaff(args) &&
      payload<CheckDue | null>(args.event, 'checkDue') !== null &&
      (!isFastTrack(args.context.type!) ||
        payload<{ allowed?: boolean }>(args.event, 'eligibility').allowed === true),
    awaitsMaterials: ({ context }: Guard) => context.type === 'missing_materials',
    // Each timer event belongs to its kind of commitment: only a 容缺 promise breaches when its date passes.
    promisedDatePassed: ({ context, event }: Guard) =>
      event.actor.role === 'system' && context.type === 'missing_materials',
    checkDatePassed: ({ context, event }: Guard) =>
      event.actor.role === 'system' && context.type !== 'missing_materials',
    mayCompletePromise: (args: Guard) =>
      subjectOrAuthorityStaff(args) &&
      beforeDue(args.context, args.event) &&
      completesPromise(args.context, args.event),
    maySupply: (args: Guard) => subjectOrAuthorityStaff(args) && beforeDue(args.context, args.event),
    breachRecordOnce: firstOfKind('breach-record'),
    linkedRevocationOnce: firstOfKind('linked-revocation'),
    gradeReEvaluationOnce: firstOfKind('grade-re-evaluation'),
  },
}).createMachine({
  id: 'commitment',
  version: '1',
  context: ({ input }) => ({
    caseId: input?.caseId ?? '',
    caseNumber: null,
    type: null,
    subject: null,
    authority: null,
    matter: null,
    field: 'other',
    items: [],
    promisedMaterials: [],
    promisedBy: null,
    linked: null,
    consentToPublish: false,
    signed: null,
    publishedAt: null,
    inForce: null,
    checkDue: null,
    checkOverdue: false,
    check: null,
    supplied: [],
    outcome: null,
    withdrawal: null,
    consequences: [],
  }),
  initial: 'new',
  states: {
    new: {
      meta: meta('新建', 'New'),
      on: {
        CommitmentSigned: [
          {
            guard: 'maySignPublished',
            target: 'published',
            meta: action('签署信用承诺（同意公示）', 'Sign the commitment (published)'),
            actions: assign(({ event }) => ({
              ...signed(event),
              publishedAt: event.at,
            })),
          },
          {
            guard: 'maySign',
            target: 'signed',
            meta: action('签署信用承诺', 'Sign the commitment'),
            actions: assign(({ event }) => signed(event)),
          },
        ],
      },
    },
    signed: {
      meta: meta(
        '已签署，未公示',
        'Signed, not published',
        staffWork('依承诺办理，确认承诺生效', 'Act on the commitment'),
      ),
      on: {
        CommitmentTookEffect: {
          guard: 'mayTakeEffect',
          target: 'inForce',
          meta: action('依承诺办理，承诺生效', 'Act on the commitment: it takes effect'),
          actions: assign(({ context, event }) => tookEffect(context, event)),
        },
        CommitmentWithdrawn: {
          guard: 'subjectOrAuthorityStaff',
          target: 'withdrawn',
          meta: action('撤回承诺', 'Withdraw the commitment'),
          actions: assign(({ event }) => ({
            withdrawal: { ...step(event), reason: textOf(event.data.reason) },
          })),
        },
      },
    },
    published: {
      meta: meta(
        '已签署，公示中',
        'Signed and published',
        staffWork('依承诺办理，确认承诺生效', 'Act on the commitment'),
      ),
      on: {
        CommitmentTookEffect: {
          guard: 'mayTakeEffect',
          target: 'inForce',
          meta: action('依承诺办理，承诺生效', 'Act on the commitment: it takes effect'),
          actions: assign(({ context, event }) => tookEffect(context, event)),
        },
        CommitmentWithdrawn: {
          guard: 'subjectOrAuthorityStaff',
          target: 'withdrawn',
          meta: action('撤回承诺', 'Withdraw the commitment'),
          actions: assign(({ event }) => ({
            withdrawal: { ...step(event), reason: textOf(event.data.reason) },
          })),
        },
      },
    },
    // The authority relies on the promise: no withdrawal from here on.
    inForce: {
      // One durable timer for the due date: for 容缺 the promised date passing breaches; otherwise the check is overdue.
      entry: {
        type: 'scheduleTimer',
        params: ({ context }) => ({
          name: 'fulfilment-due',
          event: context.type === 'missing_materials' ? 'PromisedMaterialsOverdue' : 'FulfilmentCheckOverdue',
          dueAt: context.checkDue!.at,
        }),
      },
      exit: { type: 'cancelTimer', params: { name: 'fulfilment-due' } },
      initial: 'awaitingCheck',
      on: {
        PromisedMaterialsOverdue: {
          guard: 'promisedDatePassed',
          target: 'breached',
          meta: action('逾期未补交材料，自动认定违诺', 'The promised date passed: breached automatically'),
          actions: assign(({ event }) => ({
            outcome: outcomeOf(event, 'breached', true, 'materials_not_supplied'),
          })),
        },
        FulfilmentCheckOverdue: {
          guard: 'checkDatePassed',
          meta: action('践诺核查逾期', 'The fulfilment check is overdue'),
          actions: assign({ checkOverdue: true }),
        },
      },
      states: {
        // Entered first and left at once for 容缺: the promised materials are what is checked.
        awaitingCheck: {
          always: { guard: 'awaitsMaterials', target: 'awaitingMaterials' },
          meta: meta(
            '履行中，待践诺核查',
            'In force: awaiting the check',
            staffWork('践诺核查', 'Check fulfilment'),
          ),
          on: {
            FulfilmentCheckStarted: {
              guard: 'authorityStaff',
              target: 'checking',
              meta: action('开始践诺核查', 'Start the fulfilment check'),
              actions: assign(({ event }) => ({ check: checkOf(event) })),
            },
          },
        },
        awaitingMaterials: {
          meta: meta('履行中，待补交材料', 'In force: awaiting the promised materials', {
            workItem: {
              roles: ['applicant'],
              label: { zh: '在承诺期限内补交材料', en: 'Supply the promised materials by the date' },
            },
          }),
          on: {
            PromisedMaterialsSupplied: [
              {
                guard: 'mayCompletePromise',
                target: '#commitment.fulfilled',
                meta: action('补交承诺的材料', 'Supply the promised materials'),
                actions: assign(({ context, event }) => ({
                  supplied: suppliedItems(context, event),
                  outcome: outcomeOf(event, 'fulfilled', true, null),
                })),
              },
              {
                guard: 'maySupply',
                meta: action('补交承诺的材料', 'Supply the promised materials'),
                actions: assign(({ context, event }) => ({ supplied: suppliedItems(context, event) })),
              },
            ],
            // Staff may check a 容缺 promise too (e.g. a supplied material turns out false).
            FulfilmentCheckStarted: {
              guard: 'authorityStaff',
              target: 'checking',
              meta: action('开始践诺核查', 'Start the fulfilment check'),
              actions: assign(({ event }) => ({ check: checkOf(event) })),
            },
          },
        },
        checking: {
          meta: meta('践诺核查中', 'Checking fulfilment', staffWork('记录核查结果', 'Record the findings')),
          on: {
            CommitmentFulfilled: {
              guard: 'authorityStaff',
              target: '#commitment.fulfilled',
              meta: action('认定践诺', 'Record the commitment as kept'),
              actions: assign(({ event }) => ({ outcome: outcomeOf(event, 'fulfilled', false, null) })),
            },
            CommitmentBreached: {
              guard: 'authorityStaff',
              target: '#commitment.breached',
              meta: action('认定违诺', 'Record the commitment as broken'),
              actions: assign(({ event }) => ({
                outcome: outcomeOf(event, 'breached', false, (event.data.ground as BreachGround) ?? 'other'),
              })),
            },
          },
        },
      },
    },
    fulfilled: { type: 'final', meta: meta('已践诺', 'Kept (践诺)') },
    // Not final: the breach's consequences are recorded on it, each as an event naming the breach.
    breached: {
      meta: meta('已违诺', 'Broken (违诺)'),
      on: {
        BreachRecordRegistered: {
          guard: 'breachRecordOnce',
          meta: action('登记违诺失信信息', 'Register the breach record'),
          actions: assign(({ context, event }) => ({
            consequences: [...context.consequences, consequenceOf(event, 'breach-record', 'done')],
          })),
        },
        BreachRecordRefused: {
          guard: 'breachRecordOnce',
          meta: action('违诺失信信息未能登记', 'The breach record was refused'),
          actions: assign(({ context, event }) => ({
            consequences: [...context.consequences, consequenceOf(event, 'breach-record', 'refused')],
          })),
        },
        LinkedDecisionRevocationRequested: {
          guard: 'linkedRevocationOnce',
          meta: action('要求撤销依承诺作出的决定', 'Ask for the decision relying on it to be revoked'),
          actions: assign(({ context, event }) => ({
            consequences: [...context.consequences, consequenceOf(event, 'linked-revocation', 'requested')],
          })),
        },
        GradeReEvaluationRequested: {
          guard: 'gradeReEvaluationOnce',
          meta: action('要求重新评价信用等级', 'Ask for the grade to be re-evaluated'),
          actions: assign(({ context, event }) => ({
            consequences: [...context.consequences, consequenceOf(event, 'grade-re-evaluation', 'requested')],
          })),
        },
      },
    },
    withdrawn: { type: 'final', meta: meta('已撤回', 'Withdrawn') },
  },
});

function signed(event: CommitmentEvent): Partial<CommitmentContext> {
  const d = signedData(event) as SignedData;
  return {
    caseNumber: d.caseNumber,
    type: d.type,
    subject: d.subject,
    authority: d.authority,
    matter: d.matter ?? null,
    field: d.field ?? 'other',
    items: d.items ?? [],
    promisedMaterials: d.promisedMaterials ?? [],
    promisedBy: d.promisedBy ?? null,
    linked: d.linked ?? null,
    consentToPublish: d.consentToPublish === true,
    signed: step(event),
  };
}

function tookEffect(context: CommitmentContext, event: CommitmentEvent): Partial<CommitmentContext> {
  return {
    inForce: { ...step(event), opinion: textOf(event.data.opinion) },
    checkDue: event.data.checkDue as CheckDue,
    linked: (event.data.linked as LinkedDecision | null | undefined) ?? context.linked,
  };
}

function checkOf(event: CommitmentEvent) {
  return {
    ...step(event),
    method: event.data.method as CheckMethod,
    description: textOf(event.data.description),
  };
}
