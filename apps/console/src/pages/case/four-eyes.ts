import { recordOf, textOf, type Data } from './case-data';

/*
 * What the 审查与决定分离 section says, from the same facts the API gives the page: the case type's data (fourEyes,
 * recommendation, decision) and the refusals on the actions it offers. A refusal of the second-reviewer kind always
 * wins over the data's default, so the section never contradicts a disabled 准予/不予 button.
 */

/** A refusal that says a second senior reviewer must decide (REPAIR.SECOND_REVIEWER_REQUIRED …). */
const SECOND_REVIEWER = /SECOND_REVIEWER_REQUIRED$/;
/** A refusal that says the caller recommended and so may not decide (REPAIR.RECOMMENDER_MAY_NOT_DECIDE …). */
const RECOMMENDER = /RECOMMENDER_MAY_NOT_DECIDE$/;

export interface ActionRefusal {
  action: string;
  refusal?: { code: string } | null;
}

export type FourEyesStatement =
  /** A recommendation stands: a senior reviewer other than its author decides; `you` when the caller wrote it. */
  | { kind: 'secondDecides'; recommenderId: string; you: boolean }
  /** No recommendation yet, and the case needs two people: recommend first, then another decides. */
  | { kind: 'required' }
  /** The finding authority's staff may decide directly; a recommendation, once made, goes to another reviewer. */
  | { kind: 'alone' };

export function fourEyesStatement(data: Data, actions: readonly ActionRefusal[]): FourEyesStatement | null {
  if (recordOf(data.decision)) return null; // decided: nothing left to say about who decides
  const codes = actions.map((a) => a.refusal?.code ?? '');
  const you = codes.some((c) => RECOMMENDER.test(c));
  const secondRequired = you || codes.some((c) => SECOND_REVIEWER.test(c));
  const recommendation = recordOf(data.recommendation);
  // A recommendation no longer open to change (no `recommend` on offer) waits for the decision of another reviewer.
  const awaitingDecision = recommendation && !actions.some((a) => a.action === 'recommend');
  if (recommendation && (secondRequired || awaitingDecision))
    return { kind: 'secondDecides', recommenderId: textOf(recommendation.by), you };
  if (secondRequired || data.fourEyes === true) return { kind: 'required' };
  if (data.fourEyes === false) return { kind: 'alone' };
  return null;
}
