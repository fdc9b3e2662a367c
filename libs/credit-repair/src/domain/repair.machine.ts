import { assign, setup } from 'xstate';
import {
  stateMeta as meta,
  transitionMeta as action,
  staffWorkItem as staffWork,
  eventTexts as texts,
  eventText as textOf,
  actorStep as step,
  returnsTo,
  workbenchGuards,
  type ExtendClockParams,
} from '@credence/workflow';
import type {
  AttachedMaterial,
  Decision,
  Recommendation,
  RecordSummary,
  RepairCommitment,
} from './repair-application';
import type { RepairEventType, RepairMachineEvent, RepairMachineEventOf } from './repair.events';

export interface RepairContext {
  caseId: string;
  caseNumber: string | null;
  record: RecordSummary | null;
  applicantAccountId: string | null;
  materials: AttachedMaterial[];
  commitment: RepairCommitment | null;
  /** Decided at submission from the record and the authority's setting; recorded in the submission event. */
  fourEyes: boolean;
  submittedAt: string | null;
  acceptedBy: string | null;
  /**
   * What the officer asked for, all at once (一次性告知), and why, while the applicant holds the case: the applicant
   * sees the reason in the application, not only in the trail.
   */
  supplementRequest: {
    items: string[];
    reasons: string[];
    by: string;
    at: string;
    from: 'acceptance' | 'review';
  } | null;
  extension: { reason: string; by: string; at: string } | null;
  recommendation: Recommendation | null;
  decision: Decision | null;
  revocation: (Decision & { ground: string; banUntil: string | null }) | null;
}

/**
 * What a guard reads. A probe of the actions available now carries no data, so guards read the event's data with
 * `?.` (repair.events.ts types it as stored).
 */
type Guard = { context: RepairContext; event: RepairMachineEvent };

type DecisionEvent = RepairMachineEventOf<
  'RepairApplicationRefused' | 'RepairApproved' | 'RepairRejected' | 'RepairApprovalRevoked'
>;

const decisionOf = (event: DecisionEvent, outcome: Decision['outcome']): Decision => ({
  ...step(event),
  outcome,
  reasons: texts(event.data.reasons),
  reasonCodes: texts(event.data.reasonCodes),
  legalBasis: textOf(event.data.legalBasis),
  opinion: textOf(event.data.opinion),
});
const addMaterials = (
  context: RepairContext,
  event: RepairMachineEventOf<'RepairDraftUpdated' | 'RepairSupplementProvided'>,
): AttachedMaterial[] => [...context.materials, ...(event.data.materials ?? [])];

/** `assign` typed for this machine and the event it runs on, for the transitions built outside its config. */
const assignRepair = <T extends RepairEventType>(
  update: (args: { context: RepairContext; event: RepairMachineEventOf<T> }) => Partial<RepairContext>,
) => assign<RepairContext, RepairMachineEventOf<T>, undefined, RepairMachineEvent, never>(update);

/** 一次性告知: the officer lists everything missing; `from` says where the case returns once supplied. */
const requestSupplement = (from: 'acceptance' | 'review', target: string) => ({
  guard: 'findingAuthorityStaff' as const,
  target,
  meta: action('要求补正', 'Ask for supplements'),
  actions: assignRepair<'RepairSupplementRequested'>(({ event }) => ({
    supplementRequest: {
      items: texts(event.data.items),
      reasons: texts(event.data.reasons),
      ...step(event),
      from,
    },
  })),
});
const supplied = (guard: 'supplementBeforeAcceptance' | 'supplementDuringReview', target: string) => ({
  guard,
  target,
  meta: action('提交补正材料', 'Supply the materials'),
  actions: assignRepair<'RepairSupplementProvided'>(({ context, event }) => ({
    materials: addMaterials(context, event),
    supplementRequest: null,
  })),
});
/** The decision, by whoever the state's guard allows: approval puts the repair commitment in force. */
const approve = (guard: 'mayDecideAlone' | 'secondReviewer') => ({
  guard,
  target: '#repairApplication.approved',
  meta: action('准予修复', 'Approve'),
  actions: assignRepair<'RepairApproved'>(({ context, event }) => ({
    decision: decisionOf(event, 'approved'),
    commitment: context.commitment && { ...context.commitment, inForceFrom: event.at },
  })),
});
const reject = (guard: 'mayDecideAlone' | 'secondReviewer') => ({
  guard,
  target: '#repairApplication.rejected',
  meta: action('不予修复', 'Reject'),
  actions: assignRepair<'RepairRejected'>(({ event }) => ({ decision: decisionOf(event, 'rejected') })),
});

// 谁认定、谁修复: only the authority that made the finding handles its repair.
const findingAuthorityStaff = ({ context, event }: Guard) =>
  (event.actor.role === 'officer' || event.actor.role === 'senior_reviewer') &&
  event.actor.authorityCode === context.record?.authorityCode;

/** Who may take each step of an application, and when: the guards of `repairMachine` (refusals: repair.refusals.ts). */
export const repairGuards = {
  isApplicant: ({ context, event }: Guard) =>
    event.actor.role === 'applicant' && event.actor.subjectCode === context.record?.subject.code,
  isApplicantFiling: ({ event }: Guard) =>
    event.actor.role === 'applicant' &&
    event.type === 'RepairApplicationCreated' &&
    event.actor.subjectCode === event.data.record?.subject.code,
  isSystem: ({ event }: Guard) => event.actor.role === 'system',
  findingAuthorityStaff,
  // Order 36 requires a public credit commitment before repair: no submission without one made in the
  // application (a commitment case) with consent; the handler checks it still stands.
  hasCommitment: ({ context, event }: Guard) =>
    event.actor.role === 'applicant' &&
    event.actor.subjectCode === context.record?.subject.code &&
    Boolean(context.commitment?.caseId) &&
    context.commitment!.consentToPublish,
  // Serious records and list removals need four eyes (DOMAIN §3); elsewhere the authority's setting decides.
  mayDecideAlone: (args: Guard) => !args.context.fourEyes && findingAuthorityStaff(args),
  // The second pair of eyes: a senior reviewer of the finding authority who did not make the recommendation.
  secondReviewer: ({ context, event }: Guard) =>
    event.actor.role === 'senior_reviewer' &&
    event.actor.authorityCode === context.record?.authorityCode &&
    event.actor.id !== context.recommendation?.by,
  // A broken commitment revokes through the commitment's breach (the system); false materials by a senior reviewer.
  mayRevoke: ({ context, event }: Guard) =>
    event.actor.role === 'system' ||
    (event.actor.role === 'senior_reviewer' &&
      event.actor.authorityCode === context.record?.authorityCode &&
      !(event.type === 'RepairApprovalRevoked' && event.data.ground === 'commitment_broken')),
  supplementBeforeAcceptance: ({ context, event }: Guard) =>
    context.supplementRequest?.from === 'acceptance' &&
    event.actor.role === 'applicant' &&
    event.actor.subjectCode === context.record?.subject.code,
  supplementDuringReview: ({ context, event }: Guard) =>
    context.supplementRequest?.from === 'review' &&
    event.actor.role === 'applicant' &&
    event.actor.subjectCode === context.record?.subject.code,
  // One extension per case (22号: complex cases or checks), its reason told to the applicant.
  mayExtend: (args: Guard) => args.context.extension === null && findingAuthorityStaff(args),
  ...workbenchGuards,
};

/**
 * A credit repair application (信用修复申请, Order 36 and 国办发〔2025〕22号). Pure: every fact that needs the
 * database (eligibility, the authority's four-eyes setting, 回避) is checked by the command handler and arrives in
 * the event's data; guards read only the context and the event (its actor and time).
 */
export const repairMachine = setup({
  types: { context: {} as RepairContext, events: {} as RepairMachineEvent, input: {} as { caseId: string } },
  actions: {
    extendClock: (_, _params: ExtendClockParams) => undefined,
  },
  guards: repairGuards,
}).createMachine({
  id: 'repairApplication',
  version: '1',
  context: ({ input }) => ({
    caseId: input?.caseId ?? '',
    caseNumber: null,
    record: null,
    applicantAccountId: null,
    materials: [],
    commitment: null,
    fourEyes: true,
    submittedAt: null,
    acceptedBy: null,
    supplementRequest: null,
    extension: null,
    recommendation: null,
    decision: null,
    revocation: null,
  }),
  initial: 'new',
  states: {
    new: {
      meta: meta('新建', 'New'),
      on: {
        RepairApplicationCreated: {
          guard: 'isApplicantFiling',
          target: 'draft',
          meta: action('创建修复申请', 'Create the application'),
          actions: assign(({ event }) => ({
            record: event.data.record,
            applicantAccountId: event.actor.id,
            materials: event.data.materials ?? [],
            commitment: event.data.commitment ?? null,
          })),
        },
      },
    },
    draft: {
      meta: meta('草稿', 'Draft'),
      on: {
        RepairDraftUpdated: {
          guard: 'isApplicant',
          meta: action('修改草稿', 'Edit the draft'),
          actions: assign(({ context, event }) => ({
            materials: addMaterials(context, event),
            commitment: event.data.commitment ?? context.commitment,
          })),
        },
        RepairApplicationSubmitted: {
          guard: 'hasCommitment',
          target: 'open',
          meta: action('提交申请', 'Submit'),
          actions: assign(({ event }) => ({
            caseNumber: event.data.caseNumber,
            fourEyes: event.data.fourEyes,
            submittedAt: event.at,
          })),
        },
        RepairApplicationWithdrawn: {
          guard: 'isApplicant',
          target: 'withdrawn',
          meta: action('撤回申请', 'Withdraw'),
        },
      },
    },
    open: {
      // 22号: the applicant gets a result within 10 working days of applying; paused while it holds the case (补正).
      meta: meta('办理中', 'In progress', { clocks: [{ name: 'result', limit: 'repair.result' }] }),
      initial: 'received',
      on: {
        RepairApplicationWithdrawn: {
          guard: 'isApplicant',
          target: 'withdrawn',
          meta: action('撤回申请', 'Withdraw'),
        },
      },
      states: {
        received: {
          // 22号: the finding authority decides on acceptance within 3 working days of receiving the application.
          meta: meta('待受理', 'Awaiting acceptance', {
            ...staffWork('受理审查', 'Decide on acceptance', ['officer', 'senior_reviewer']),
            clocks: [{ name: 'acceptance', limit: 'repair.acceptance' }],
          }),
          on: {
            RepairApplicationAccepted: {
              guard: 'findingAuthorityStaff',
              target: 'review',
              meta: action('受理', 'Accept'),
              actions: assign(({ event }) => ({ acceptedBy: event.actor.id })),
            },
            RepairApplicationRefused: {
              guard: 'findingAuthorityStaff',
              target: '#repairApplication.notAccepted',
              meta: action('不予受理', 'Refuse to accept'),
              actions: assign(({ event }) => ({ decision: decisionOf(event, 'not_accepted') })),
            },
            RepairSupplementRequested: requestSupplement('acceptance', 'awaitingSupplement'),
          },
        },
        awaitingSupplement: {
          meta: meta('待补正', 'Awaiting supplements', {
            workItem: { roles: ['applicant'], label: { zh: '补正材料', en: 'Supply the missing materials' } },
            pausesClocks: ['result'],
            clocks: [
              {
                name: 'supplement',
                limit: 'repair.supplement',
                onElapsed: 'RepairSupplementWindowElapsed',
              },
            ],
          }),
          on: {
            RepairSupplementProvided: [
              supplied('supplementBeforeAcceptance', 'received'),
              supplied('supplementDuringReview', 'review'),
            ],
            RepairSupplementWindowElapsed: {
              guard: 'isSystem',
              target: '#repairApplication.closedUnsupplemented',
            },
          },
        },
        review: {
          meta: meta('审查', 'Review'),
          initial: 'reviewing',
          on: {
            RepairReviewExtended: {
              guard: 'mayExtend',
              meta: action('延长办理期限', 'Extend the time limit'),
              actions: [
                assign(({ event }) => ({
                  extension: { reason: texts(event.data.reasons)[0] ?? '', by: event.actor.id, at: event.at },
                })),
                {
                  type: 'extendClock',
                  params: ({ event }) => ({
                    clock: 'result',
                    limit: 'repair.extension',
                    reason: texts(event.data.reasons)[0] ?? '',
                  }),
                },
              ],
            },
          },
          states: {
            reviewing: {
              meta: meta('审查中', 'Under review', staffWork('审查并提出意见', 'Review and recommend')),
              on: {
                RepairSupplementRequested: requestSupplement(
                  'review',
                  '#repairApplication.open.awaitingSupplement',
                ),
                RepairRecommended: {
                  guard: 'findingAuthorityStaff',
                  target: 'awaitingDecision',
                  meta: action('提出审查意见', 'Recommend'),
                  actions: assign(({ event }) => ({
                    recommendation: {
                      ...step(event),
                      outcome: event.data.recommendation,
                      opinion: textOf(event.data.opinion) ?? '',
                      reasons: texts(event.data.reasons),
                    },
                  })),
                },
                RepairApproved: approve('mayDecideAlone'),
                RepairRejected: reject('mayDecideAlone'),
              },
            },
            awaitingDecision: {
              meta: meta(
                '待复核决定',
                'Awaiting the decision',
                staffWork('复核并决定', 'Decide', ['senior_reviewer']),
              ),
              on: {
                RepairApproved: approve('secondReviewer'),
                RepairRejected: reject('secondReviewer'),
                // 退回: the senior reviewer sends the recommendation back to the officer who made it.
                CaseReturned: returnsTo({
                  name: 'review',
                  target: '#repairApplication.open.review.reviewing',
                }),
              },
            },
          },
        },
      },
    },
    // Not final: false materials or a broken commitment found later revoke the repair (撤销修复).
    approved: {
      meta: meta('准予修复', 'Repair approved'),
      on: {
        RepairApprovalRevoked: {
          guard: 'mayRevoke',
          target: 'revoked',
          meta: action('撤销修复', 'Revoke the repair'),
          actions: assign(({ event }) => ({
            revocation: {
              ...decisionOf(event, 'revoked'),
              ground: event.data.ground,
              banUntil: textOf(event.data.banUntil),
            },
          })),
        },
      },
    },
    rejected: { type: 'final', meta: meta('不予修复', 'Repair rejected') },
    notAccepted: { type: 'final', meta: meta('不予受理', 'Not accepted') },
    withdrawn: { type: 'final', meta: meta('已撤回', 'Withdrawn') },
    closedUnsupplemented: {
      type: 'final',
      meta: meta('逾期未补正，已终止', 'Closed: supplements not provided'),
    },
    revoked: { type: 'final', meta: meta('已撤销修复', 'Repair revoked') },
  },
});
