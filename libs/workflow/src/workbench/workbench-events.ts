import type { BilingualText } from '@credence/shared';

/**
 * The reviewer workbench's events: recorded on the case's own stream (hash-chained like every other event), folded
 * by the engine into who holds the case's current step (foldHolding), never by the workflow's machine. Their type
 * names are stable: notification and delivery projectors subscribe to them by name (e.g. `CaseUrged`).
 * `CaseReturned` is the exception: it moves the machine back to a step the workflow declares returnable.
 */
export const WORKBENCH_EVENT_TYPES = [
  'WorkItemClaimed',
  'WorkItemReleased',
  'WorkItemTransferred',
  'WorkItemDelegated',
  'WorkItemResolved',
  'SignersAdded',
  'SignerRemoved',
  'CaseSigned',
  'ActionRecalled',
  'CaseCopied',
  'CaseUrged',
  'CaseCommented',
] as const;
export type WorkbenchEventType = (typeof WORKBENCH_EVENT_TYPES)[number];

/** The machine event a return (退回) or a recall of a step (撤回) records; each workflow declares its targets. */
export const CASE_RETURNED = 'CaseReturned';

const WORKBENCH_EVENTS = new Set<string>(WORKBENCH_EVENT_TYPES);

export function isWorkbenchEvent(type: string): type is WorkbenchEventType {
  return WORKBENCH_EVENTS.has(type);
}

export type SignMode = 'before' | 'after';

/** The data each workbench event stores. `step` is the state the item was in when the operation was recorded. */
export interface WorkbenchEventData {
  WorkItemClaimed: { step: string; holder: string; takenFrom: string | null; reason: string | null };
  WorkItemReleased: { step: string; holder: string; reason: string | null };
  WorkItemTransferred: { step: string; from: string | null; to: string; reason: string };
  WorkItemDelegated: { step: string; delegator: string; to: string; reason: string };
  WorkItemResolved: { step: string; delegator: string; by: string; opinion: string };
  SignersAdded: { step: string; accounts: string[]; mode: SignMode; reason: string | null };
  SignerRemoved: { step: string; account: string; reason: string | null };
  CaseSigned: { step: string; signer: string; agree: boolean; opinion: string; passesTo: string | null };
  ActionRecalled: { step: string; recalled: 'WorkItemTransferred' | 'WorkItemDelegated'; holder: string };
  CaseCopied: { to: string[]; note: string | null };
  CaseUrged: {
    step: string;
    holder: string | null;
    roles: string[];
    note: string | null;
    workingDay: string;
  };
  CaseCommented: { comment: string; internal: true };
}

/** What `CaseReturned` stores: the step returned to, who holds it there, and why (a recall says so). */
export interface CaseReturnedData {
  to: string;
  from: string;
  holder: string | null;
  reasons: string[];
  reason: string;
  recall: boolean;
}

/** Plain words for the trail and the audit read model (zh-CN first). */
export const WORKBENCH_EVENT_LABELS: Record<WorkbenchEventType | typeof CASE_RETURNED, BilingualText> = {
  WorkItemClaimed: { zh: '认领待办', en: 'Work item claimed' },
  WorkItemReleased: { zh: '释放待办', en: 'Work item released' },
  WorkItemTransferred: { zh: '转办', en: 'Work item transferred' },
  WorkItemDelegated: { zh: '委派', en: 'Work item delegated' },
  WorkItemResolved: { zh: '委派办理完毕，归还', en: 'Delegated work handed back' },
  SignersAdded: { zh: '加签', en: 'Co-signers added' },
  SignerRemoved: { zh: '减签', en: 'Co-signer removed' },
  CaseSigned: { zh: '会签意见', en: 'Countersigned' },
  ActionRecalled: { zh: '撤回', en: 'Own action withdrawn' },
  CaseCopied: { zh: '抄送', en: 'Copied to colleagues' },
  CaseUrged: { zh: '催办', en: 'Holder urged' },
  CaseCommented: { zh: '内部意见', en: 'Internal comment' },
  CaseReturned: { zh: '退回', en: 'Returned to an earlier step' },
};
