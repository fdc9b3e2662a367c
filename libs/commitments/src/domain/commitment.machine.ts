import { assign, setup } from 'xstate';
import {
  stateMeta as meta,
  transitionMeta as action,
  staffWorkItem as staffWork,
  eventText as textOf,
  actorStep as step,
  returnsTo,
} from '@credence/workflow';
import type { BreachConsequence, CommitmentContext } from './commitment.context';
import type {
  CommitmentEventType,
  CommitmentMachineEvent,
  CommitmentMachineEventOf,
} from './commitment.events';
import { commitmentGuards, CONSEQUENCE_ONCE } from './commitment.guards';
import {
  checkOf,
  consequenceOf,
  outcomeOf,
  signed,
  suppliedItems,
  tookEffect,
  type ConsequenceEvent,
} from './commitment.updates';

// The context's types travel with the machine that keeps them.
export type {
  BreachConsequence,
  CheckDue,
  CommitmentContext,
  CommitmentOutcome,
  StaffStep,
} from './commitment.context';

/** `assign` typed for this machine and the events it runs on, for the transitions built outside its config. */
const assignCommitment = <T extends CommitmentEventType>(
  update: (args: {
    context: CommitmentContext;
    event: CommitmentMachineEventOf<T>;
  }) => Partial<CommitmentContext>,
) => assign<CommitmentContext, CommitmentMachineEventOf<T>, undefined, CommitmentMachineEvent, never>(update);

/**
 * Signed, published or not: the authority acts on the commitment (it takes effect), or it is withdrawn. A repair
 * commitment follows its application instead: in force when the repair is approved, lapsed when it ends otherwise.
 */
const awaitingEffect = (zh: string, en: string) => ({
  // A repair commitment waits on its application, not on staff: no work item for it.
  meta: meta(
    zh,
    en,
    staffWork<CommitmentContext>(
      '依承诺办理，确认承诺生效',
      'Act on the commitment',
      undefined,
      (context) => context.type !== 'repair',
    ),
  ),
  on: {
    CommitmentTookEffect: {
      guard: 'mayTakeEffect' as const,
      target: 'inForce',
      meta: action('依承诺办理，承诺生效', 'Act on the commitment: it takes effect'),
      actions: assignCommitment<'CommitmentTookEffect'>(({ context, event }) => tookEffect(context, event)),
    },
    CommitmentWithdrawn: {
      guard: 'mayWithdraw' as const,
      target: 'withdrawn',
      meta: action('撤回承诺', 'Withdraw the commitment'),
      actions: assignCommitment<'CommitmentWithdrawn'>(({ event }) => ({
        withdrawal: { ...step(event), reason: textOf(event.data.reason) },
      })),
    },
    CommitmentLapsed: {
      guard: 'followsApplication' as const,
      target: 'lapsed',
      meta: action('依托的申请未获准，承诺失效', 'Lapse: the application it supports ended'),
      actions: assignCommitment<'CommitmentLapsed'>(({ event }) => ({
        lapse: { ...step(event), reason: event.data.reason },
      })),
    },
  },
});

/** Staff of the authority start the fulfilment check (践诺核查), a 容缺 promise included. */
const startCheck = () => ({
  guard: 'authorityStaff' as const,
  target: 'checking',
  meta: action('开始践诺核查', 'Start the fulfilment check'),
  actions: assignCommitment<'FulfilmentCheckStarted'>(({ event }) => ({ check: checkOf(event) })),
});

/** A consequence of the breach, recorded once per kind (the reaction's event names the breach). */
const consequence = (
  kind: BreachConsequence['kind'],
  status: BreachConsequence['status'],
  zh: string,
  en: string,
) => ({
  guard: CONSEQUENCE_ONCE[kind],
  meta: action(zh, en),
  actions: assignCommitment<ConsequenceEvent['type']>(({ context, event }) => ({
    consequences: [...context.consequences, consequenceOf(event, kind, status)],
  })),
});

/**
 * A credit commitment (信用承诺, DOMAIN §5): signed, published when consented or required, in force once the
 * authority relies on it, checked (践诺核查) by its due date, fulfilled (践诺) or breached (违诺). A 容缺 commitment is
 * fulfilled when the promised materials arrive by the date and breached by the system when the date passes.
 * Pure: eligibility, settings and files are read by the handlers and arrive in the events' data.
 */
export const commitmentMachine = setup({
  types: {
    context: {} as CommitmentContext,
    events: {} as CommitmentMachineEvent,
    input: {} as { caseId: string },
  },
  actions: {
    scheduleTimer: (_, _params: { name: string; event: string; dueAt: string }) => undefined,
    cancelTimer: (_, _params: { name: string }) => undefined,
  },
  guards: commitmentGuards,
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
    lapse: null,
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
    signed: awaitingEffect('已签署，未公示', 'Signed, not published'),
    published: awaitingEffect('已签署，公示中', 'Signed and published'),
    // The authority relies on the promise: no withdrawal from here on.
    inForce: {
      meta: meta('履行中', 'In force'),
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
          on: { FulfilmentCheckStarted: startCheck() },
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
            FulfilmentCheckStarted: startCheck(),
          },
        },
        checking: {
          meta: meta('践诺核查中', 'Checking fulfilment', staffWork('记录核查结果', 'Record the findings')),
          on: {
            // 退回: the findings go back to the step before the check (a 容缺 promise waits for its materials again).
            CaseReturned: returnsTo({ name: 'awaiting-check', target: '#commitment.inForce.awaitingCheck' }),
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
                outcome: outcomeOf(event, 'breached', false, event.data.ground ?? 'other'),
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
        BreachRecordRegistered: consequence(
          'breach-record',
          'done',
          '登记违诺失信信息',
          'Register the breach record',
        ),
        BreachRecordRefused: consequence(
          'breach-record',
          'refused',
          '违诺失信信息未能登记',
          'The breach record was refused',
        ),
        LinkedDecisionRevocationRequested: consequence(
          'linked-revocation',
          'requested',
          '要求撤销依承诺作出的决定',
          'Ask for the decision relying on it to be revoked',
        ),
        GradeReEvaluationRequested: consequence(
          'grade-re-evaluation',
          'requested',
          '要求重新评价信用等级',
          'Ask for the grade to be re-evaluated',
        ),
      },
    },
    withdrawn: { type: 'final', meta: meta('已撤回', 'Withdrawn') },
    lapsed: { type: 'final', meta: meta('未生效，已失效', 'Lapsed without taking effect') },
  },
});
