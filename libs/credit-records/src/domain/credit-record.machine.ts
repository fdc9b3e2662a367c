import { assign, setup } from 'xstate';
import type { BilingualText } from '@credence/shared';
import { stateMeta as meta, transitionMeta as action, eventText as textOf } from '@credence/workflow';
import type { RecordContent } from './credit-record';
import type {
  CreditRecordMachineEvent,
  CreditRecordMachineEventOf,
  RecordPeriods,
} from './credit-record.events';

export interface CreditRecordContext {
  caseId: string;
  record: RecordContent | null;
  ruleSet: string | null;
  repairableFrom: string | null;
  repairableAt: string | null;
  publicityEndsAfter: string | null;
  expiresAt: string | null;
  contentVersion: number;
  /** 双公示: was the record published within the limit after the decision (null for records registered before). */
  publication: PublicationTimeliness | null;
  /** The objection that marks the record as disputed (异议标注), while it does. */
  dispute: DisputeMark | null;
  /** Notes recorded next to the record: objections the authority could not verify (both are kept, 征信业管理条例 Art 25). */
  notes: RecordNote[];
}

/** Which objection marks the record, since when; null ids for a mark set by an admin by hand. */
export interface DisputeMark {
  objectionCaseId: string | null;
  caseNumber: string | null;
  since: string;
}

/** A note shown with the record wherever it is shown (the public view included). */
export interface RecordNote {
  kind: 'objection-unverifiable';
  objectionCaseId: string | null;
  caseNumber: string | null;
  text: BilingualText;
  at: string;
}

export interface PublicationTimeliness {
  workingDays: number;
  dueDate: string;
  publishedOn: string;
  onTime: boolean;
  provisional: boolean;
  limitId: string;
}

/** The objection an event of the objection workflow names (absent when an admin acts by hand). */
const objectionOf = (
  event: CreditRecordMachineEventOf<'ObjectionMarked' | 'ObjectionUnverifiableNoted'>,
) => ({
  objectionCaseId: textOf(event.data.objectionCaseId),
  caseNumber: textOf(event.data.caseNumber),
});

const noteOf = (event: CreditRecordMachineEventOf<'ObjectionUnverifiableNoted'>): RecordNote => {
  const note = event.data.note;
  return {
    kind: 'objection-unverifiable',
    ...objectionOf(event),
    text: {
      zh: textOf(note?.zh) ?? '该信息经核实无法确认，异议及核实情况一并记载',
      en:
        textOf(note?.en) ??
        'The information could not be verified; the objection and the check are both recorded',
    },
    at: event.at,
  };
};

/** The periods the registration, or the revocation of a repair, sets. */
const periodsOf = (
  event: CreditRecordMachineEventOf<'CreditRecordRegistered' | 'RepairRevoked'>,
): RecordPeriods => {
  const d = event.data;
  return {
    ruleSet: d.ruleSet,
    repairableFrom: d.repairableFrom,
    repairableAt: d.repairableAt,
    publicityEndsAfter: d.publicityEndsAfter,
    expiresAt: d.expiresAt,
  };
};

/**
 * What a guard reads: the record's context and the event being decided (credit-record.events.ts). A probe of the
 * actions available now carries no data, so guards read the event's data with `?.`.
 */
export interface RecordArgs {
  context: CreditRecordContext;
  event: CreditRecordMachineEvent;
}

/** Who may take each step of a record, and when: the guards of `creditRecordMachine` (refusals: credit-record.refusals.ts). */
export const creditRecordGuards = {
  // The finding authority registers its own records (谁认定); an admin may register for any; the system registers
  // on behalf of the authority the record names (the 违诺 record of a commitment broken before that authority).
  registrarActsForAuthority: ({ event }: RecordArgs) => {
    const authority = event.type === 'CreditRecordRegistered' ? event.data.record?.authorityCode : undefined;
    return (
      event.actor.role === 'admin' ||
      (event.actor.role === 'officer' && event.actor.authorityCode === authority) ||
      (event.actor.role === 'system' && typeof authority === 'string' && authority !== '')
    );
  },
  isSystem: ({ event }: RecordArgs) => event.actor.role === 'system',
  isSystemOrAdmin: ({ event }: RecordArgs) => event.actor.role === 'system' || event.actor.role === 'admin',
  findingAuthorityStaff: ({ context, event }: RecordArgs) =>
    event.actor.role === 'system' ||
    event.actor.role === 'admin' ||
    ((event.actor.role === 'officer' || event.actor.role === 'senior_reviewer') &&
      event.actor.authorityCode === context.record?.authorityCode),
  minimumReached: ({ context, event }: RecordArgs) =>
    context.repairableAt !== null && context.repairableAt <= event.at,
  publicityEnded: ({ context, event }: RecordArgs) =>
    context.expiresAt !== null && context.expiresAt <= event.at,
};

/**
 * A credit record's life: registered by the finding authority, published, repairable once its minimum period is
 * reached, expired at its maximum (both durable timers), and the states the repair and objection workflows drive.
 * Pure: guards read only the context and the event (its actor and time).
 */
export const creditRecordMachine = setup({
  types: {
    context: {} as CreditRecordContext,
    events: {} as CreditRecordMachineEvent,
    input: {} as { caseId: string },
  },
  actions: {
    scheduleTimer: (_, _params: { name: string; event: string; dueAt: string }) => undefined,
    cancelTimer: (_, _params: { name: string }) => undefined,
    emitOutbox: (_, _params: { topic: string }) => undefined,
  },
  guards: creditRecordGuards,
}).createMachine({
  id: 'creditRecord',
  version: '1',
  context: ({ input }) => ({
    caseId: input?.caseId ?? '',
    record: null,
    ruleSet: null,
    repairableFrom: null,
    repairableAt: null,
    publicityEndsAfter: null,
    expiresAt: null,
    contentVersion: 0,
    publication: null,
    dispute: null,
    notes: [],
  }),
  initial: 'unregistered',
  states: {
    unregistered: {
      meta: meta('未登记', 'Not registered'),
      on: {
        CreditRecordRegistered: {
          guard: 'registrarActsForAuthority',
          target: 'registered',
          meta: action('登记信用记录', 'Register the record'),
          actions: assign(({ event }) => ({
            record: event.data.record,
            contentVersion: 1,
            publication: event.data.publication ?? null,
            ...periodsOf(event),
          })),
        },
      },
    },
    registered: {
      meta: meta('已登记', 'Registered'),
      type: 'parallel',
      states: {
        publicity: {
          meta: meta('公示', 'Publicity'),
          initial: 'live',
          states: {
            live: {
              meta: meta('公示期内', 'Within the publicity period'),
              // The maximum period runs whether the record is shown or temporarily shielded.
              entry: {
                type: 'scheduleTimer',
                params: ({ context }) => ({
                  name: 'publicity-end',
                  event: 'PublicityPeriodEnded',
                  dueAt: context.expiresAt!,
                }),
              },
              exit: { type: 'cancelTimer', params: { name: 'publicity-end' } },
              always: { guard: 'publicityEnded', target: 'expired' },
              initial: 'shown',
              states: {
                shown: {
                  meta: meta('未屏蔽', 'Not shielded'),
                  initial: 'published',
                  states: {
                    published: {
                      meta: meta('公示中', 'Published', { public: true }),
                      entry: {
                        type: 'scheduleTimer',
                        params: ({ context }) => ({
                          name: 'minimum-reached',
                          event: 'MinimumPeriodReached',
                          dueAt: context.repairableAt!,
                        }),
                      },
                      exit: { type: 'cancelTimer', params: { name: 'minimum-reached' } },
                      always: { guard: 'minimumReached', target: 'repairable' },
                      on: { MinimumPeriodReached: { guard: 'isSystem', target: 'repairable' } },
                    },
                    repairable: { meta: meta('可申请修复', 'Repair may be applied for', { public: true }) },
                  },
                  on: {
                    CreditRecordShielded: {
                      guard: 'findingAuthorityStaff',
                      target: 'shielded',
                      meta: action('暂时屏蔽', 'Shield temporarily'),
                    },
                  },
                },
                shielded: {
                  // Bankruptcy reorganisation: the authority must lift the shield or repair once the plan is carried out.
                  meta: meta('暂时屏蔽', 'Temporarily shielded', {
                    workItem: {
                      roles: ['officer', 'senior_reviewer'],
                      label: {
                        zh: '跟踪重整计划，解除屏蔽或修复',
                        en: 'Follow the reorganisation; lift the shield or repair',
                      },
                    },
                  }),
                  on: {
                    ShieldLifted: {
                      guard: 'findingAuthorityStaff',
                      target: 'shown',
                      meta: action('解除屏蔽', 'Lift the shield'),
                    },
                  },
                },
              },
              on: {
                PublicityPeriodEnded: { guard: 'isSystem', target: 'expired' },
                CreditRecordRepaired: {
                  guard: 'isSystemOrAdmin',
                  target: 'repaired',
                  meta: action('修复', 'Repair'),
                },
                CreditRecordRemoved: {
                  guard: 'isSystemOrAdmin',
                  target: 'removed',
                  meta: action('删除', 'Remove'),
                },
                CreditRecordCorrected: {
                  guard: 'isSystemOrAdmin',
                  meta: action('更正', 'Correct'),
                  actions: assign(({ context, event }) => ({
                    record: { ...context.record!, ...event.data.record },
                    contentVersion: context.contentVersion + 1,
                  })),
                },
              },
            },
            repaired: {
              meta: meta('已修复', 'Repaired'),
              on: {
                RepairRevoked: {
                  guard: 'isSystemOrAdmin',
                  target: 'live',
                  meta: action('撤销修复', 'Revoke the repair'),
                  actions: assign(({ event }) => periodsOf(event)),
                },
              },
            },
            expired: { meta: meta('已到期', 'Publicity ended') },
            removed: { meta: meta('已删除', 'Removed') },
          },
        },
        dispute: {
          meta: meta('异议标注', 'Objection mark'),
          initial: 'none',
          // An objection that could not be verified stays recorded next to the record, marked or not (征信业管理条例 Art 25).
          on: {
            ObjectionUnverifiableNoted: {
              guard: 'isSystemOrAdmin',
              meta: action('记载无法核实的异议', 'Record the unverifiable objection'),
              actions: assign(({ context, event }) => ({ notes: [...context.notes, noteOf(event)] })),
            },
          },
          states: {
            none: {
              meta: meta('无异议', 'No objection'),
              on: {
                ObjectionMarked: {
                  guard: 'isSystemOrAdmin',
                  target: 'marked',
                  meta: action('异议标注', 'Mark as disputed'),
                  actions: assign(({ event }) => ({ dispute: { ...objectionOf(event), since: event.at } })),
                },
              },
            },
            marked: {
              meta: meta('异议处理中', 'Objection in progress', { public: true }),
              on: {
                ObjectionMarkCleared: {
                  guard: 'isSystemOrAdmin',
                  target: 'none',
                  meta: action('取消异议标注', 'Clear the mark'),
                  actions: assign({ dispute: null }),
                },
              },
            },
          },
        },
      },
    },
  },
});
