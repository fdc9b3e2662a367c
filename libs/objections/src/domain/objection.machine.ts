import { assign, setup } from 'xstate';
import {
  stateMeta as meta,
  transitionMeta as action,
  staffWorkItem as staffWork,
  eventTexts as texts,
  eventText as textOf,
  actorStep as step,
  type ExtendClockParams,
  type MachineEvent,
} from '@credence/workflow';
import type {
  Answer,
  AppealAuthorityChoice,
  AppealDecision,
  AttachedMaterial,
  ClosureReason,
  CorrectionPlan,
  ObjectedRecord,
  ObjectionContext,
  ObjectionGround,
  ObjectionOutcome,
  SupplementRequest,
  Withdrawal,
} from './objection';

type ObjectionEvent = MachineEvent<string, Record<string, unknown>>;
type Guard = { context: ObjectionContext; event: ObjectionEvent };

const materialsOf = (event: ObjectionEvent): AttachedMaterial[] =>
  (event.data.materials as AttachedMaterial[] | undefined) ?? [];

const answerOf = (event: ObjectionEvent): Answer => ({
  ...step(event),
  outcome: event.data.outcome as ObjectionOutcome,
  reasons: texts(event.data.reasons),
  legalBasis: textOf(event.data.legalBasis) ?? '',
  correction: (event.data.correction as CorrectionPlan | null | undefined) ?? null,
  note: textOf(event.data.note),
});

/** First-round staff steps: whoever takes one may not decide the appeal. */
const handled = (context: ObjectionContext, event: ObjectionEvent) =>
  context.handledBy.includes(event.actor.id) ? context.handledBy : [...context.handledBy, event.actor.id];

const closed = (reason: ClosureReason, event: ObjectionEvent) => ({ closure: { reason, at: event.at } });

const openRequest = (context: ObjectionContext): SupplementRequest | undefined =>
  context.supplementRequests.find((r) => r.answeredAt === null && !r.lapsed);

const settleRequest = (context: ObjectionContext, settled: Partial<SupplementRequest>): SupplementRequest[] =>
  context.supplementRequests.map((r) => (r === openRequest(context) ? { ...r, ...settled } : r));

const withdrawal = (event: ObjectionEvent, stage: Withdrawal['stage']): Withdrawal => ({
  by: event.actor.id,
  at: event.at,
  reason: textOf(event.data.reason),
  stage,
});

const isSubject = ({ context, event }: Guard) =>
  event.actor.role === 'applicant' &&
  event.actor.subjectCode !== null &&
  event.actor.subjectCode === context.record?.subject.code;

// 谁认定、谁处理: the staff of the authority handling the case (the finding authority, or the appeal's authority).
const isHandlingStaff = ({ context, event }: Guard) =>
  (event.actor.role === 'officer' || event.actor.role === 'senior_reviewer') &&
  event.actor.authorityCode !== null &&
  event.actor.authorityCode === context.handling?.code;

/**
 * An objection (异议申请, DOMAIN.md §4): filed by the subject about one of its records, accepted or not within the
 * acceptance limit, verified at the source by the finding authority within the verification limit (extendable
 * once), answered with an outcome; then one appeal (复核) within the appeal window, decided by a senior reviewer who
 * did not handle the first round (or by the authority one level up, by setting). The record's mark and corrections
 * are the reactions' business (objection-record-effects). Pure: 回避, the appeal window, materials and the appeal
 * authority are checked by the command handler and arrive in the event's data; guards read only the context and
 * the event (its actor and time).
 */
export const objectionMachine = setup({
  types: { context: {} as ObjectionContext, events: {} as ObjectionEvent, input: {} as { caseId: string } },
  actions: {
    extendClock: (_, _params: ExtendClockParams) => undefined,
  },
  guards: {
    filedBySubject: ({ event }: Guard) =>
      event.actor.role === 'applicant' &&
      event.actor.subjectCode !== null &&
      event.actor.subjectCode === (event.data.record as ObjectedRecord | undefined)?.subject.code,
    isSubject,
    isHandlingStaff,
    isSystem: ({ event }: Guard) => event.actor.role === 'system',
    // One extension, its reason told to the subject (FCRA's single +15 is the comparable anchor).
    mayExtend: (args: Guard) => args.context.extension === null && isHandlingStaff(args),
    // One appeal only.
    mayAppeal: (args: Guard) => args.context.appeal === null && isSubject(args),
    // A senior reviewer of the appeal's authority who took no step of the first round (DOMAIN.md §4).
    mayDecideAppeal: ({ context, event }: Guard) =>
      event.actor.role === 'senior_reviewer' &&
      event.actor.authorityCode !== null &&
      event.actor.authorityCode === context.appeal?.authority.code &&
      !context.handledBy.includes(event.actor.id),
  },
}).createMachine({
  id: 'objection',
  version: '1',
  context: ({ input }) => ({
    caseId: input?.caseId ?? '',
    caseNumber: null,
    record: null,
    ground: null,
    statement: '',
    repairApplicationId: null,
    commitment: null,
    materials: [],
    filedBy: null,
    filedAt: null,
    handling: null,
    acceptance: null,
    refusal: null,
    supplementRequests: [],
    extension: null,
    answer: null,
    appeal: null,
    appealDecision: null,
    withdrawal: null,
    handledBy: [],
    closure: null,
  }),
  initial: 'new',
  states: {
    new: {
      meta: meta('新建', 'New'),
      on: {
        ObjectionFiled: {
          guard: 'filedBySubject',
          target: 'admission',
          meta: action('提出异议', 'File the objection'),
          actions: assign(({ event }) => {
            const record = event.data.record as ObjectedRecord;
            return {
              caseNumber: textOf(event.data.caseNumber),
              record,
              ground: event.data.ground as ObjectionGround,
              statement: textOf(event.data.statement) ?? '',
              repairApplicationId: textOf(event.data.repairApplicationId),
              commitment: {
                content: textOf((event.data.commitment as { content?: unknown } | undefined)?.content) ?? '',
                consent: true as const,
                signedBy: event.actor.id,
                signedAt: event.at,
              },
              materials: materialsOf(event),
              filedBy: event.actor.id,
              filedAt: event.at,
              handling: {
                code: record.authorityCode,
                path: record.authorityPath,
                name: record.authorityName,
              },
            };
          }),
        },
      },
    },
    admission: {
      meta: meta('受理审查', 'Admission', {
        clocks: [{ name: 'acceptance', limit: 'objection.acceptance' }],
      }),
      initial: 'received',
      states: {
        received: {
          meta: meta('待受理', 'Awaiting acceptance', staffWork('受理审查', 'Accept or refuse')),
          on: {
            ObjectionAccepted: {
              guard: 'isHandlingStaff',
              target: '#objection.verification',
              meta: action('受理', 'Accept'),
              actions: assign(({ context, event }) => ({
                acceptance: { ...step(event), opinion: textOf(event.data.opinion) },
                handledBy: handled(context, event),
              })),
            },
            ObjectionRefused: {
              guard: 'isHandlingStaff',
              target: '#objection.notAccepted',
              meta: action('不予受理', 'Refuse'),
              actions: assign(({ context, event }) => ({
                refusal: {
                  ...step(event),
                  reasonCodes: texts(event.data.reasonCodes),
                  reasons: texts(event.data.reasons),
                  legalBasis: textOf(event.data.legalBasis),
                },
                handledBy: handled(context, event),
                ...closed('not-accepted', event),
              })),
            },
            SupplementRequested: {
              guard: 'isHandlingStaff',
              target: 'awaitingSupplement',
              meta: action('要求补正', 'Ask for a supplement'),
              actions: assign(({ context, event }) => ({
                supplementRequests: [...context.supplementRequests, requestOf(event, 'admission')],
                handledBy: handled(context, event),
              })),
            },
          },
        },
        awaitingSupplement: {
          meta: meta('待补正', 'Awaiting a supplement', {
            pausesClocks: ['acceptance'],
            clocks: [
              { name: 'supplement', limit: 'objection.supplement', onElapsed: 'SupplementWindowElapsed' },
            ],
          }),
          on: {
            Supplemented: {
              guard: 'isSubject',
              target: 'received',
              meta: action('补正', 'Supplement'),
              actions: assign(supplemented),
            },
            // Not supplemented in time: the objection is treated as withdrawn (视为撤回).
            SupplementWindowElapsed: {
              guard: 'isSystem',
              target: '#objection.lapsed',
              actions: assign(({ context, event }) => ({
                supplementRequests: settleRequest(context, { lapsed: true }),
                ...closed('supplement-lapsed', event),
              })),
            },
          },
        },
      },
      on: {
        ObjectionWithdrawn: {
          guard: 'isSubject',
          target: 'withdrawn',
          meta: action('撤回异议', 'Withdraw'),
          actions: assign(({ event }) => ({
            withdrawal: withdrawal(event, 'admission'),
            ...closed('withdrawn', event),
          })),
        },
      },
    },
    verification: {
      meta: meta('核实', 'Verification', {
        clocks: [{ name: 'verification', limit: 'objection.verification' }],
      }),
      initial: 'checking',
      states: {
        checking: {
          meta: meta(
            '溯源核实中',
            'Checking at the source',
            staffWork('溯源核实并答复', 'Verify and answer'),
          ),
          on: {
            VerificationExtended: {
              guard: 'mayExtend',
              meta: action('延长核实期限', 'Extend the verification'),
              actions: [
                assign(({ context, event }) => ({
                  extension: { ...step(event), reason: textOf(event.data.reason) ?? '' },
                  handledBy: handled(context, event),
                })),
                {
                  type: 'extendClock',
                  params: ({ event }) => ({
                    clock: 'verification',
                    limit: 'objection.extension',
                    reason: textOf(event.data.reason) ?? '',
                  }),
                },
              ],
            },
            SupplementRequested: {
              guard: 'isHandlingStaff',
              target: 'awaitingMaterials',
              meta: action('要求补充材料', 'Ask for further materials'),
              actions: assign(({ context, event }) => ({
                supplementRequests: [...context.supplementRequests, requestOf(event, 'verification')],
                handledBy: handled(context, event),
              })),
            },
            ObjectionAnswered: {
              guard: 'isHandlingStaff',
              target: '#objection.answered',
              meta: action('作出异议处理结果', 'Answer'),
              actions: assign(({ context, event }) => ({
                answer: answerOf(event),
                handledBy: handled(context, event),
              })),
            },
          },
        },
        awaitingMaterials: {
          meta: meta('待补充材料', 'Awaiting further materials', {
            pausesClocks: ['verification'],
            clocks: [
              { name: 'supplement', limit: 'objection.supplement', onElapsed: 'SupplementWindowElapsed' },
            ],
          }),
          on: {
            Supplemented: {
              guard: 'isSubject',
              target: 'checking',
              meta: action('补充材料', 'Hand in materials'),
              actions: assign(supplemented),
            },
            // The authority answers on what it has: the verification clock resumes.
            SupplementWindowElapsed: {
              guard: 'isSystem',
              target: 'checking',
              actions: assign(({ context }) => ({
                supplementRequests: settleRequest(context, { lapsed: true }),
              })),
            },
          },
        },
      },
      on: {
        ObjectionWithdrawn: {
          guard: 'isSubject',
          target: 'withdrawn',
          meta: action('撤回异议', 'Withdraw'),
          actions: assign(({ event }) => ({
            withdrawal: withdrawal(event, 'verification'),
            ...closed('withdrawn', event),
          })),
        },
      },
    },
    answered: {
      meta: meta('已答复（复核申请期内）', 'Answered (appeal window open)', {
        clocks: [
          { name: 'appealWindow', limit: 'objection.appeal-window', onElapsed: 'AppealWindowElapsed' },
        ],
      }),
      on: {
        AppealFiled: {
          guard: 'mayAppeal',
          target: 'appeal',
          meta: action('申请复核', 'Appeal'),
          actions: assign(({ context, event }) => {
            const choice = event.data.appealAuthority as AppealAuthorityChoice;
            return {
              appeal: {
                ...choice,
                by: event.actor.id,
                at: event.at,
                statement: textOf(event.data.statement) ?? '',
              },
              materials: [...context.materials, ...materialsOf(event)],
              handling: choice.authority,
            };
          }),
        },
        // Expiry of the appeal window makes the answer final (DOMAIN.md §4).
        AppealWindowElapsed: {
          guard: 'isSystem',
          target: 'closed',
          actions: assign(({ event }) => closed('appeal-window-elapsed', event)),
        },
      },
    },
    appeal: {
      meta: meta('复核中', 'Appeal under review', {
        workItem: { roles: ['senior_reviewer'], label: { zh: '复核决定', en: 'Decide the appeal' } },
        clocks: [{ name: 'appealDecision', limit: 'objection.appeal-decision' }],
      }),
      on: {
        AppealDecided: {
          guard: 'mayDecideAppeal',
          target: 'appealDecided',
          meta: action('作出复核决定', 'Decide the appeal'),
          actions: assign(({ context, event }) => {
            const decision: AppealDecision =
              event.data.decision === 'overturn'
                ? { ...answerOf(event), decision: 'overturn' }
                : {
                    ...answerOf(event),
                    decision: 'uphold',
                    outcome: context.answer!.outcome,
                    correction: null,
                    note: null,
                  };
            return { appealDecision: decision, ...closed('appeal-decided', event) };
          }),
        },
        // A withdrawn appeal leaves the answer in force.
        ObjectionWithdrawn: {
          guard: 'isSubject',
          target: 'closed',
          meta: action('撤回复核申请', 'Withdraw the appeal'),
          actions: assign(({ event }) => ({
            withdrawal: withdrawal(event, 'appeal'),
            ...closed('appeal-withdrawn', event),
          })),
        },
      },
    },
    notAccepted: { type: 'final', meta: meta('不予受理', 'Not accepted') },
    withdrawn: { type: 'final', meta: meta('已撤回', 'Withdrawn') },
    lapsed: { type: 'final', meta: meta('未补正，视为撤回', 'Not supplemented: treated as withdrawn') },
    closed: { type: 'final', meta: meta('已办结', 'Closed') },
    appealDecided: { type: 'final', meta: meta('复核已决定，已办结', 'Appeal decided: closed') },
  },
});

function requestOf(event: ObjectionEvent, stage: SupplementRequest['stage']): SupplementRequest {
  return {
    ...step(event),
    stage,
    items: texts(event.data.items),
    reasons: texts(event.data.reasons),
    answeredAt: null,
    lapsed: false,
  };
}

function supplemented({ context, event }: Guard): Partial<ObjectionContext> {
  return {
    materials: [...context.materials, ...materialsOf(event)],
    supplementRequests: settleRequest(context, { answeredAt: event.at }),
  };
}

/** States in which the case is still open: one open objection per record. */
export const FINAL_STATES = ['notAccepted', 'withdrawn', 'lapsed', 'closed', 'appealDecided'] as const;
