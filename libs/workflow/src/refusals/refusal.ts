import { beijingDateOf, type BilingualText } from '@credence/shared';
import type { MachineEvent } from '../case-event';

/** A machine event of any catalogue (its data typed or not). */
type AnyMachineEvent = MachineEvent<string, unknown>;

/**
 * Why a guard refuses, for the person refused: a stable code clients switch on, the HTTP status, and a message that
 * says what is wrong and what would make the action possible. The machine's guard stays the one place for the rule;
 * the refusal only explains it, from the case's context and the refused event.
 */
export interface Refusal {
  /** `WORKFLOW.RULE`, e.g. `REPAIR.SECOND_REVIEWER_REQUIRED`. Never reworded. */
  code: string;
  /** 403: this person may not (another may); 409: not yet or no longer in this case; 422: the request lacks what the rule needs. */
  status: 403 | 409 | 422;
  message: BilingualText;
  /** Facts a client may use, e.g. the date an extension was granted (added to the problem's details). */
  details?: Record<string, unknown>;
}

/**
 * What a refusal is built from: the case's context and the refused event (its actor, data and time), typed by the
 * workflow's event catalogue (`MachineEventOf<…>`).
 */
export interface RefusalArgs<TContext, TEvent extends AnyMachineEvent = MachineEvent> {
  context: TContext;
  event: TEvent;
}

/** A guard's refusal. A guard that combines rules may answer with the code of the rule that failed. */
export type RefusalOf<TContext = never, TEvent extends AnyMachineEvent = MachineEvent> = (
  args: RefusalArgs<TContext, TEvent>,
) => Refusal;

/** Every guard a machine names in `setup({ guards })` → its refusal (the walk of each machine's guards checks it). */
export type RefusalCatalogue<
  TGuard extends string = string,
  TContext = never,
  TEvent extends AnyMachineEvent = MachineEvent,
> = Record<TGuard, RefusalOf<TContext, TEvent>>;

/** Any workflow's refusals, as the engine holds them (each reads its own machine's context and events). */
export type AnyRefusalCatalogue = RefusalCatalogue<string, never, never>;

/** Shorthand for a refusal's fields, Chinese first. */
export const refusal = (
  code: string,
  status: Refusal['status'],
  zh: string,
  en: string,
  details?: Record<string, unknown>,
): Refusal => ({ code, status, message: { zh, en }, ...(details ? { details } : {}) });

/** The Beijing calendar date of an instant, as messages give dates (e.g. `2026-11-20`). */
export const dateOf = (instant: string): string => beijingDateOf(new Date(instant));

/** An authority as messages name it: its name, else its code, else a description. */
export const authorityName = (
  authority: { name?: string | null; code?: string | null } | null | undefined,
  fallback: BilingualText = { zh: '认定单位', en: 'the finding authority' },
): BilingualText => {
  const name = authority?.name || authority?.code;
  return name ? { zh: name, en: name } : fallback;
};
