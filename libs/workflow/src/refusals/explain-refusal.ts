import type { AnyMachineSnapshot } from 'xstate';
import type { BilingualText, DomainError } from '@credence/shared';
import type { MachineEvent, WorkflowActor } from '../case-event';
import type { CaseTypeDefinition } from '../case-type';
import { ActionNotPermittedError, ActionRefusedError, NotInThisStateError } from '../errors';
import {
  eventLabel,
  guardVerdict,
  safeCan,
  stateLabel,
  statesAllowing,
  transitionsFor,
  type CandidateTransition,
} from '../machine-runtime';
import type { Refusal } from './refusal';

/** One action of the case type that leaves the current state: whether this actor may take it now, and if not why. */
export interface ActionOption {
  action: string;
  eventType: string;
  label: BilingualText | null;
  available: boolean;
  /** Present when not available: the refusal the action would meet (a console shows it on a disabled button). */
  refusal?: { code: string; message: BilingualText };
}

const SOME_STEP: BilingualText = { zh: '办理该事项', en: 'take this step' };

/** The HTTP action an event stands for, and its label: never the internal event name. */
function actionOf(definition: CaseTypeDefinition, snapshot: AnyMachineSnapshot, eventType: string) {
  const name = Object.entries(definition.actions).find(([, type]) => type === eventType)?.[0] ?? null;
  const label =
    transitionsFor(snapshot, eventType).find((t) => t.label)?.label ??
    eventLabel(snapshot.machine, eventType) ??
    SOME_STEP;
  return { name, label };
}

/**
 * The guard whose failure explains the refusal. xstate takes the first transition whose guard passes, and the
 * machines list guarded alternatives from the narrowest to the widest (sign published before sign; complete the
 * promise before supply part of it), so when every one fails, the LAST failing guard is the widest rule: the one
 * whose failure means no alternative can apply, and whose refusal says what the actor must change first.
 */
function failingGuard(
  snapshot: AnyMachineSnapshot,
  candidates: CandidateTransition[],
  event: MachineEvent,
): string | null {
  const failed = candidates.filter(
    (t) => t.guard !== null && guardVerdict(snapshot, t.guard, event) === false,
  );
  return failed.at(-1)?.guard ?? null;
}

/** The declared refusal of the failing guard, or null when the case type declares none for it. */
function declaredRefusal(
  definition: CaseTypeDefinition,
  snapshot: AnyMachineSnapshot,
  candidates: CandidateTransition[],
  event: MachineEvent,
): Refusal | null {
  const guard = failingGuard(snapshot, candidates, event);
  const declared = guard === null ? undefined : definition.refusals[guard];
  return declared
    ? (declared as (args: unknown) => Refusal)({ context: snapshot.context as unknown, event })
    : null;
}

/**
 * Why the machine refused an event, as the coded error the client gets: the declared refusal of the failing guard;
 * or, when no transition for the event leaves the current state, where the case stands and the states in which the
 * action is possible (read from the machine's definition); or the generic refusal for an undeclared guard.
 */
export function refusalError(
  definition: CaseTypeDefinition,
  snapshot: AnyMachineSnapshot,
  event: MachineEvent,
): DomainError {
  const action = actionOf(definition, snapshot, event.type);
  const candidates = snapshot.status === 'active' ? transitionsFor(snapshot, event.type) : [];
  if (candidates.length === 0) {
    return new NotInThisStateError(
      action,
      stateLabel(snapshot),
      statesAllowing(snapshot.machine, event.type),
      actionOptions(definition, snapshot, event.actor, event.at)
        .filter((a) => a.available)
        .map((a) => a.action),
    );
  }
  const refused = declaredRefusal(definition, snapshot, candidates, event);
  if (!refused) return new ActionNotPermittedError(action);
  return new ActionRefusedError(refused, { ...refused.details, refusal: refused.code, action: action.name });
}

/**
 * Every action of the case type with a transition out of the current state, available to this actor now or not;
 * an unavailable one carries the refusal it would meet. Judged on an empty probe, like the available actions: a
 * guard that needs the request's data to judge leaves the action offered, and the command decides.
 */
export function actionOptions(
  definition: CaseTypeDefinition,
  snapshot: AnyMachineSnapshot,
  actor: WorkflowActor,
  at: string,
): ActionOption[] {
  if (snapshot.status !== 'active') return [];
  const options: ActionOption[] = [];
  for (const [action, eventType] of Object.entries(definition.actions)) {
    const candidates = transitionsFor(snapshot, eventType);
    if (candidates.length === 0) continue;
    const probe: MachineEvent = { type: eventType, data: {}, actor, at };
    const label = candidates.find((t) => t.label)?.label ?? null;
    if (safeCan(snapshot, probe)) {
      options.push({ action, eventType, label, available: true });
      continue;
    }
    const refused =
      declaredRefusal(definition, snapshot, candidates, probe) ??
      new ActionNotPermittedError({ name: action, label: label ?? SOME_STEP });
    const message = refused instanceof ActionNotPermittedError ? refused.bilingual : refused.message;
    options.push({
      action,
      eventType,
      label,
      available: false,
      refusal: { code: refused.code, message },
    });
  }
  return options;
}
