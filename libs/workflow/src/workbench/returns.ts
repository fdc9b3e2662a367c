import type { CatalogueEvent } from '../event-catalogue';
import { refusal, type Refusal } from '../refusals/refusal';
import { type CASE_RETURNED, type CaseReturnedData } from './workbench-events';

/** The catalogue entry every workflow with a returnable step adds to its own (`CaseReturned`). */
export type CaseReturnedEvent = CatalogueEvent<typeof CASE_RETURNED, CaseReturnedData>;

/**
 * The guard of a return transition: the request names this target. Declared once here and spread into each
 * workflow's `setup({ guards })`; who may return and to whom the item goes is the engine's check (the holder, of
 * the step's roles), before the machine is asked.
 */
export const workbenchGuards = {
  returnsTo: ({ event }: { event: { data?: unknown } }, params: { to: string } | undefined): boolean =>
    params !== undefined && (event.data as { to?: unknown } | undefined)?.to === params.to,
};

/** The refusals of `workbenchGuards`, spread into each workflow's refusal catalogue. */
export const workbenchRefusals = {
  returnsTo: (): Refusal =>
    refusal(
      'WORKBENCH.NOT_A_RETURN_TARGET',
      422,
      '本案当前环节不能退回到所请求的环节；可退回的环节见“可退回环节”列表',
      'The case cannot be returned from this step to the step requested; the return targets list where it can go',
    ),
};

/**
 * A step a workflow declares returnable (退回): `name` is the target as the API names it (`to`), `target` the state
 * it re-enters. Put in the returning state's `on: { CaseReturned: returnsTo(...) }`. The target must lie inside
 * the states whose statutory clocks run through the return, so a return never restarts a limit (ADR 0027).
 */
export function returnsTo(...targets: { name: string; target: string }[]) {
  return targets.map((t) => ({
    guard: { type: 'returnsTo' as const, params: { to: t.name } },
    target: t.target,
    meta: { label: { zh: '退回', en: 'Return' }, returnTo: t.name },
  }));
}
