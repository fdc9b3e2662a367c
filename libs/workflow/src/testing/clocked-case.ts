import { assign, setup } from 'xstate';
import type { StateMeta, WorkflowActor } from '../case-event';
import type { CaseTypeDefinition } from '../case-type';
import type { ExtendClockParams } from '../clocks/clock-planner';
import type { CatalogueEvent, ClockElapsedData, MachineEventOf } from '../event-catalogue';
import { refusal, type RefusalCatalogue } from '../refusals/refusal';

/**
 * A small application workflow that exercises every clock behaviour, for the engine's own tests: a clock per
 * state (acceptance, escalates when it runs out), a clock over several states (result, only flagged overdue),
 * one paused while the applicant holds the case (补正), a supplement window that closes the case on expiry, and
 * an extension. The real workflows (repair, objections) declare their clocks the same way.
 */
interface ClockedContext {
  caseId: string;
  authorityCode: string;
  authorityPath: string;
  subjectCode: string;
  title: string;
  escalated: boolean;
}

/** Its catalogue, as every workflow declares one: the submission names the case's owner, an extension its reason. */
type ClockedCatalogue =
  | CatalogueEvent<
      'Submitted',
      { authorityCode: string; authorityPath: string; subjectCode: string; title: string }
    >
  | CatalogueEvent<'Accepted' | 'SupplementRequested' | 'Supplemented' | 'Decided', Record<string, unknown>>
  | CatalogueEvent<'Extended', { reason: string }>
  | CatalogueEvent<'AcceptanceOverdue' | 'SupplementWindowElapsed', ClockElapsedData>;

type ClockedEvent = MachineEventOf<ClockedCatalogue>;

const meta = (zh: string, en: string, extra: Partial<StateMeta> = {}): StateMeta => ({
  label: { zh, en },
  ...extra,
});
const isStaff = ({ event }: { event: ClockedEvent }) =>
  ['officer', 'senior_reviewer', 'admin'].includes(event.actor.role);
const isApplicant = ({ event }: { event: ClockedEvent }) => event.actor.role === 'applicant';
const isSystem = ({ event }: { event: ClockedEvent }) => event.actor.role === 'system';

const clockedGuards = { isStaff, isApplicant, isSystem };

export const clockedMachine = setup({
  types: { context: {} as ClockedContext, events: {} as ClockedEvent, input: {} as { caseId: string } },
  actions: { extendClock: (_, _params: ExtendClockParams) => undefined },
  guards: clockedGuards,
}).createMachine({
  id: 'clockedApplication',
  version: '1',
  context: ({ input }) => ({
    caseId: input.caseId,
    authorityCode: '',
    authorityPath: '',
    subjectCode: '',
    title: '',
    escalated: false,
  }),
  initial: 'draft',
  states: {
    draft: {
      meta: meta('草稿', 'Draft'),
      on: {
        Submitted: {
          guard: 'isApplicant',
          target: 'open',
          actions: assign(({ event }) => ({
            authorityCode: event.data.authorityCode,
            authorityPath: event.data.authorityPath,
            subjectCode: event.data.subjectCode,
            title: event.data.title,
          })),
        },
      },
    },
    open: {
      meta: meta('办理中', 'Open', { clocks: [{ name: 'result', limit: 'repair.result' }] }),
      initial: 'received',
      states: {
        received: {
          meta: meta('待受理', 'Awaiting acceptance', {
            workItem: { roles: ['officer'], label: { zh: '受理', en: 'Accept' } },
            clocks: [{ name: 'acceptance', limit: 'repair.acceptance', onElapsed: 'AcceptanceOverdue' }],
          }),
          on: {
            Accepted: { guard: 'isStaff', target: 'reviewing' },
            AcceptanceOverdue: { guard: 'isSystem', actions: assign({ escalated: true }) },
          },
        },
        reviewing: {
          meta: meta('审查中', 'Under review', {
            workItem: { roles: ['officer'], label: { zh: '审查', en: 'Review' } },
          }),
          on: {
            SupplementRequested: { guard: 'isStaff', target: 'awaitingSupplement' },
            Extended: {
              guard: 'isStaff',
              actions: {
                type: 'extendClock',
                params: ({ event }) => ({
                  clock: 'result',
                  limit: 'repair.extension',
                  reason: event.data.reason,
                }),
              },
            },
            Decided: { guard: 'isStaff', target: '#clockedApplication.decided' },
          },
        },
        awaitingSupplement: {
          meta: meta('待补正', 'Awaiting supplement', {
            pausesClocks: ['result'],
            clocks: [
              { name: 'supplement', limit: 'repair.supplement', onElapsed: 'SupplementWindowElapsed' },
            ],
          }),
          on: {
            Supplemented: { guard: 'isApplicant', target: 'reviewing' },
            SupplementWindowElapsed: {
              guard: 'isSystem',
              target: '#clockedApplication.closedUnsupplemented',
            },
          },
        },
      },
    },
    decided: { type: 'final', meta: meta('已决定', 'Decided') },
    closedUnsupplemented: { type: 'final', meta: meta('未补正，已终止', 'Closed: supplement not provided') },
  },
});

export const CLOCKED_CASE = 'clockedApplication';

/** Why each guard refuses, as every workflow declares it. */
export const clockedRefusals = {
  isStaff: () =>
    refusal(
      'CLOCKED.STAFF_ONLY',
      403,
      '此步骤由受理单位工作人员办理',
      'Staff of the authority take this step',
    ),
  isApplicant: () =>
    refusal('CLOCKED.APPLICANT_ONLY', 403, '此步骤由申请人办理', 'The applicant takes this step'),
  isSystem: () =>
    refusal(
      'CLOCKED.SYSTEM_ONLY',
      403,
      '此步骤由系统在期限届满时办理',
      'The system takes this step when the time runs out',
    ),
} satisfies RefusalCatalogue<keyof typeof clockedGuards, ClockedContext>;

export const clockedCaseType: CaseTypeDefinition = {
  type: CLOCKED_CASE,
  label: { zh: '计时演练申请', en: 'Clocked application' },
  machine: clockedMachine,
  actions: {
    submit: 'Submitted',
    accept: 'Accepted',
    'request-supplement': 'SupplementRequested',
    supplement: 'Supplemented',
    extend: 'Extended',
    decide: 'Decided',
  },
  refusals: clockedRefusals,
  ownershipOf: (context) => {
    const c = context as ClockedContext;
    return {
      authorityCode: c.authorityCode,
      authorityPath: c.authorityPath,
      subjectCode: c.subjectCode,
      subjectName: c.subjectCode,
      title: c.title,
    };
  },
  viewOf: (context) => ({ escalated: (context as ClockedContext).escalated }),
};

export const clockedApplicant: WorkflowActor = {
  id: 'applicant-test',
  role: 'applicant',
  authorityCode: null,
  authorityPath: null,
  subjectCode: '91320830MA1XY0012B',
};
