import type { AnyMachineSnapshot } from 'xstate';
import type { BilingualText } from '@credence/shared';
import type { WorkflowActor } from '../case-event';
import { leafActionsAvailable, stateLabel, workItemOf } from '../machine-runtime';
import { CASE_RETURNED } from './workbench-events';

const STAFF_ROLES = ['officer', 'senior_reviewer'];

/** The step staff hold now: its label and the roles its work item names; null when nothing waits for staff. */
export function staffStepOf(snapshot: AnyMachineSnapshot): { label: BilingualText; roles: string[] } | null {
  if (snapshot.status !== 'active') return null;
  const work = workItemOf(snapshot);
  const roles = (work?.roles ?? []).filter((r) => STAFF_ROLES.includes(r));
  return roles.length ? { label: stateLabel(snapshot), roles } : null;
}

/**
 * Whether a person could take the step's own actions (a return aside; not what the whole phase allows, such as an
 * extension), as the machine judges it: the recommender
 * is refused the decision of a four-eyes step here, by the same guard that refuses their decision. The workbench
 * asks it before anyone receives the item, so nobody holds a step they may not take.
 */
export function mayTakeStep(snapshot: AnyMachineSnapshot, actor: WorkflowActor, at: string): boolean {
  return leafActionsAvailable(snapshot, actor, at).some((type) => type !== CASE_RETURNED);
}
