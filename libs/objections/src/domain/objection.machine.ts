import { assign, setup } from 'xstate';
import {
  stateMeta as meta,
  transitionMeta as action,
  staffWorkItem as staffWork,
  eventTexts as texts,
  eventText as textOf,
  actorStep as step,
  type ExtendClockParams,
} from '@credence/workflow';
import type { ObjectionContext, SupplementRequest } from './objection';
import type { ObjectionEventType, ObjectionMachineEvent, ObjectionMachineEventOf } from './objection.events';
import { objectionGuards, type ObjectionArgs } from './objection.guards';
import {
  answerOf,
  appealDecisionOf,
  appealed,
  closed,
  filed,
  handled,
  requestOf,
  settleRequest,
  supplemented,
  withdrawal,
} from './objection.updates';

/** `assign` typed for this machine and the events it runs on, for the transitions built outside its config. */
const assignObjection = <T extends ObjectionEventType>(
  update: (args: ObjectionArgs<T>) => Partial<ObjectionContext>,
) => assign<ObjectionContext, ObjectionMachineEventOf<T>, undefined, ObjectionMachineEvent, never>(update);

/** A staff step of the first round: recorded with its taker, who may then not decide the appeal. */
const firstRoundStep = <T extends ObjectionEventType>(
  update: (args: ObjectionArgs<T>) => Partial<ObjectionContext>,
) => assignObjection<T>((args) => ({ ...update(args), handledBy: handled(args.context, args.event) }));

/** The handling staff ask the subject for what is missing; the case waits in `target` for it. */
const requestSupplement = (stage: SupplementRequest['stage'], target: string, zh: string, en: string) => ({
  guard: 'isHandlingStaff' as const,
  target,
  meta: action(zh, en),
  actions: firstRoundStep<'SupplementRequested'>(({ context, event }) => ({
    supplementRequests: [...context.supplementRequests, requestOf(event, stage)],
  })),
});

/** Waiting for the subject's supplement: the stage's clock pauses while the supplement window runs. */
const awaitingSupplement = (zh: string, en: string, paused: 'acceptance' | 'verification') =>
  meta(zh, en, {
    pausesClocks: [paused],
    clocks: [{ name: 'supplement', limit: 'objection.supplement', onElapsed: 'SupplementWindowElapsed' }],
  });

const supplement = (target: string, zh: string, en: string) => ({
  guard: 'isSubject' as const,
  target,
  meta: action(zh, en),
  actions: assignObjection<'Supplemented'>(supplemented),
});

/** Withdrawn during the first round: the case ends without an answer. */
const withdrawObjection = (stage: 'admission' | 'verification') => ({
  guard: 'isSubject' as const,
  target: 'withdrawn',
  meta: action('撤回异议', 'Withdraw'),
  actions: assignObjection<'ObjectionWithdrawn'>(({ event }) => ({
    withdrawal: withdrawal(event, stage),
    ...closed('withdrawn', event),
  })),
});

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
  types: {
    context: {} as ObjectionContext,
    events: {} as ObjectionMachineEvent,
    input: {} as { caseId: string },
  },
  actions: {
    extendClock: (_, _params: ExtendClockParams) => undefined,
  },
  guards: objectionGuards,
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
          actions: assign(({ event }) => filed(event)),
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
              actions: firstRoundStep<'ObjectionAccepted'>(({ event }) => ({
                acceptance: { ...step(event), opinion: textOf(event.data.opinion) },
              })),
            },
            ObjectionRefused: {
              guard: 'isHandlingStaff',
              target: '#objection.notAccepted',
              meta: action('不予受理', 'Refuse'),
              actions: firstRoundStep<'ObjectionRefused'>(({ event }) => ({
                refusal: {
                  ...step(event),
                  reasonCodes: texts(event.data.reasonCodes),
                  reasons: texts(event.data.reasons),
                  legalBasis: textOf(event.data.legalBasis),
                },
                ...closed('not-accepted', event),
              })),
            },
            SupplementRequested: requestSupplement(
              'admission',
              'awaitingSupplement',
              '要求补正',
              'Ask for a supplement',
            ),
          },
        },
        awaitingSupplement: {
          meta: awaitingSupplement('待补正', 'Awaiting a supplement', 'acceptance'),
          on: {
            Supplemented: supplement('received', '补正', 'Supplement'),
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
      on: { ObjectionWithdrawn: withdrawObjection('admission') },
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
                firstRoundStep<'VerificationExtended'>(({ event }) => ({
                  extension: { ...step(event), reason: textOf(event.data.reason) ?? '' },
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
            SupplementRequested: requestSupplement(
              'verification',
              'awaitingMaterials',
              '要求补充材料',
              'Ask for further materials',
            ),
            ObjectionAnswered: {
              guard: 'isHandlingStaff',
              target: '#objection.answered',
              meta: action('作出异议处理结果', 'Answer'),
              actions: firstRoundStep<'ObjectionAnswered'>(({ event }) => ({ answer: answerOf(event) })),
            },
          },
        },
        awaitingMaterials: {
          meta: awaitingSupplement('待补充材料', 'Awaiting further materials', 'verification'),
          on: {
            Supplemented: supplement('checking', '补充材料', 'Hand in materials'),
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
      on: { ObjectionWithdrawn: withdrawObjection('verification') },
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
          actions: assign(appealed),
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
          actions: assign(({ context, event }) => ({
            appealDecision: appealDecisionOf(context, event),
            ...closed('appeal-decided', event),
          })),
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

/** States in which the case is still open: one open objection per record. */
export const FINAL_STATES = ['notAccepted', 'withdrawn', 'lapsed', 'closed', 'appealDecided'] as const;
