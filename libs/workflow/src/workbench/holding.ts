import type { WorkbenchEventData, SignMode } from './workbench-events';
import { CASE_RETURNED, isWorkbenchEvent } from './workbench-events';
import { isClockEvent } from '../clocks/clock-state';

/** A co-signer of the current step (加签 / 会签) and, once given, their opinion. */
export interface Signer {
  account: string;
  mode: SignMode;
  addedBy: string;
  signed: { agree: boolean; opinion: string; at: string } | null;
}

/** The last move an actor may still take back (撤回) while the next holder has not acted. */
export interface LastMove {
  by: string;
  kind: 'step' | 'WorkItemTransferred' | 'WorkItemDelegated';
  /** The step the case was in before the move. */
  from: string;
  /** Who held the item before the move. */
  previousHolder: string | null;
  version: number;
}

/**
 * Who holds the case's current step, as its events tell it. An item nobody claimed is the authority's (holder
 * null: anyone of the step's roles may take it); a claimed one is its holder's; a delegated one stays its
 * delegator's while the delegate works on it. Entering another step (by the machine) hands the item back to the
 * authority — or, on a return, to whoever last took the step returned to.
 */
export interface Holding {
  /** The machine state the holding is about (its active leaves, ` + `-joined). */
  step: string | null;
  holder: string | null;
  delegate: { to: string; by: string } | null;
  signers: Signer[];
  /** Everyone the case was copied to (抄送), for its whole life. */
  copiedTo: string[];
  /** Per step, the staff member who last moved the case out of it: a return gives them the item back. */
  movers: Record<string, string>;
  lastMove: LastMove | null;
  /** The working day (Beijing) of the last 催办. */
  lastUrgedOn: string | null;
}

export const EMPTY_HOLDING: Holding = {
  step: null,
  holder: null,
  delegate: null,
  signers: [],
  copiedTo: [],
  movers: {},
  lastMove: null,
  lastUrgedOn: null,
};

/** One recorded event as the holding fold reads it; `stepAfter` is the machine's state once it is applied. */
export interface HoldingInput {
  type: string;
  data: Record<string, unknown>;
  actorId: string;
  actorRole: string;
  version: number;
  at: string;
  stepAfter: string;
}

const STAFF = new Set(['officer', 'senior_reviewer']);
// Reading, copying and chasing a case is not acting on it: a move stays recallable.
const PASSIVE = new Set(['CaseCopied', 'CaseCommented', 'CaseUrged']);

/** Applies one event to the holding (pure; the engine folds every stream through it). */
export function applyToHolding(holding: Holding, input: HoldingInput): Holding {
  if (isClockEvent(input.type)) return holding;
  const h = { ...holding };
  if (h.lastMove && input.actorId !== h.lastMove.by && !PASSIVE.has(input.type)) h.lastMove = null;
  if (isWorkbenchEvent(input.type)) return applyWorkbench(h, input);
  if (input.stepAfter === h.step) return h;
  // The machine moved to another step: the item starts afresh there.
  const staff = STAFF.has(input.actorRole);
  const from = h.step;
  const returned = input.type === CASE_RETURNED ? (input.data as { holder?: string | null }) : null;
  return {
    ...h,
    step: input.stepAfter,
    holder: returned?.holder ?? null,
    delegate: null,
    signers: [],
    movers: staff && from ? { ...h.movers, [from]: input.actorId } : h.movers,
    lastMove:
      staff && from && !returned
        ? { by: input.actorId, kind: 'step', from, previousHolder: h.holder, version: input.version }
        : null,
  };
}

function applyWorkbench(h: Holding, input: HoldingInput): Holding {
  const at = input.at;
  const move = (kind: LastMove['kind']): LastMove => ({
    by: input.actorId,
    kind,
    from: h.step ?? '',
    previousHolder: h.holder,
    version: input.version,
  });
  switch (input.type) {
    case 'WorkItemClaimed': {
      const d = input.data as unknown as WorkbenchEventData['WorkItemClaimed'];
      return { ...h, holder: d.holder, delegate: null };
    }
    case 'WorkItemReleased':
      return { ...h, holder: null, delegate: null };
    case 'WorkItemTransferred': {
      const d = input.data as unknown as WorkbenchEventData['WorkItemTransferred'];
      return { ...h, holder: d.to, delegate: null, lastMove: move('WorkItemTransferred') };
    }
    case 'WorkItemDelegated': {
      const d = input.data as unknown as WorkbenchEventData['WorkItemDelegated'];
      return { ...h, delegate: { to: d.to, by: d.delegator }, lastMove: move('WorkItemDelegated') };
    }
    case 'WorkItemResolved':
      return { ...h, delegate: null };
    case 'SignersAdded': {
      const d = input.data as unknown as WorkbenchEventData['SignersAdded'];
      const added = d.accounts.map((account) => ({
        account,
        mode: d.mode,
        addedBy: input.actorId,
        signed: null,
      }));
      return { ...h, signers: [...h.signers, ...added] };
    }
    case 'SignerRemoved': {
      const d = input.data as unknown as WorkbenchEventData['SignerRemoved'];
      return { ...h, signers: h.signers.filter((s) => s.account !== d.account) };
    }
    case 'CaseSigned': {
      const d = input.data as unknown as WorkbenchEventData['CaseSigned'];
      return {
        ...h,
        holder: d.passesTo ?? h.holder,
        signers: h.signers.map((s) =>
          s.account === d.signer ? { ...s, signed: { agree: d.agree, opinion: d.opinion, at } } : s,
        ),
      };
    }
    case 'ActionRecalled': {
      const d = input.data as unknown as WorkbenchEventData['ActionRecalled'];
      return d.recalled === 'WorkItemDelegated'
        ? { ...h, delegate: null, lastMove: null }
        : { ...h, holder: d.holder, lastMove: null };
    }
    case 'CaseCopied': {
      const d = input.data as unknown as WorkbenchEventData['CaseCopied'];
      return { ...h, copiedTo: [...h.copiedTo, ...d.to.filter((a) => !h.copiedTo.includes(a))] };
    }
    case 'CaseUrged': {
      const d = input.data as unknown as WorkbenchEventData['CaseUrged'];
      return { ...h, lastUrgedOn: d.workingDay };
    }
    default:
      return h;
  }
}

/** Signers of the step who have not given their opinion yet, apart from `except` (the one acting). */
export function pendingSigners(holding: Holding, except?: string): Signer[] {
  return holding.signers.filter((s) => s.signed === null && s.account !== except);
}
