import { DomainError, type BilingualText } from '@credence/shared';
import type { LoadedCase } from '../case-command';
import type { WorkflowActor } from '../case-event';
import type { ActionOption } from '../refusals/explain-refusal';
import type { WorkbenchAccess } from './workbench-access';

/**
 * What a read tells a reviewer before they act (ADR 0027): the refusal an operation would meet now, computed by the
 * operation's own check, so a console's disabled button and the server's answer cannot disagree.
 */
export interface StandingRefusal {
  code: string;
  message: BilingualText;
}

/** The refusal a check throws, as data; null when the check passes. Anything but a refusal is a defect. */
export async function refusalOf(check: () => Promise<unknown>): Promise<StandingRefusal | null> {
  try {
    await check();
    return null;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, message: error.bilingual };
    throw error;
  }
}

/**
 * Whether the caller may claim the step (认领), by the claim command's own check. `allowed`: a claim as it is is
 * accepted. `reasonRequired`: a colleague holds the step and the caller may take it over (接管) with a reason;
 * `refusal` then is what a claim without one meets. Otherwise `refusal` is what no reason can change (the step is
 * another role's, 回避, four eyes, the caller holds it already, nothing waits for staff).
 */
export interface ClaimStanding {
  allowed: boolean;
  reasonRequired: boolean;
  refusal: StandingRefusal | null;
}

export async function claimStanding(
  access: WorkbenchAccess,
  loaded: LoadedCase,
  actor: WorkflowActor,
): Promise<ClaimStanding> {
  const plain = await refusalOf(() => access.mustBeAbleToClaim(loaded, actor, { withReason: false }));
  if (!plain) return { allowed: true, reasonRequired: false, refusal: null };
  const withReason = await refusalOf(() => access.mustBeAbleToClaim(loaded, actor, { withReason: true }));
  return withReason
    ? { allowed: false, reasonRequired: false, refusal: withReason }
    : { allowed: false, reasonRequired: true, refusal: plain };
}

/**
 * The case's actions as this caller may take them, once the workbench gate is asked (CaseActionCommand asks it
 * before any action): an action the machine would take is refused with the gate's words when the step is a
 * colleague's, waits for a delegate or co-signers, or needs collective review. An action the machine refuses keeps
 * the machine's reason, which no change of holder would lift (e.g. the recommender may not decide).
 */
export async function gatedActions(
  access: WorkbenchAccess,
  loaded: LoadedCase,
  actor: WorkflowActor,
  options: ActionOption[],
): Promise<ActionOption[]> {
  if (!options.some((o) => o.available)) return options;
  const gate = await refusalOf(() => access.gate(loaded, actor));
  if (!gate) return options;
  return options.map((o) => (o.available ? { ...o, available: false, refusal: gate } : o));
}
