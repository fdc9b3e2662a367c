import type { Abstract, Type } from '@nestjs/common';
import type { DomainError, Sql } from '@credence/shared';
import type { LoadedCase, RequestOrigin } from '../case-command';
import type { WorkflowActor } from '../case-event';

/** Resolves a service of the application by its class (a Nest provider, looked up across modules). */
export type Resolve = <T>(type: Type<T> | Abstract<T>) => T;

/** The event data an action's facts come to; a facts function that reads nothing may return it directly. */
export type EventData = Record<string, unknown>;

/** What an action's facts function may read: the request, the case as just loaded, who acts, and the services. */
export interface ActionFactsContext<Input, Context> {
  input: Input;
  loaded: LoadedCase;
  /** The loaded case's machine context, typed for the workflow. */
  context: Context;
  actor: WorkflowActor;
  origin: RequestOrigin;
  /** The action's transaction when its entry asks for one (`transaction: true`); undefined otherwise. */
  tx: Sql | undefined;
  /** A service of the application (facts readers, case numbers, commitments …), resolved once per use. */
  use: Resolve;
}

/**
 * One HTTP action of a workflow: the machine event it produces and the facts it stands on, gathered from the
 * database before the machine decides (eligibility, settings, materials, case numbers …). A facts function may throw
 * a coded error for what the request itself gets wrong; what the machine refuses, the machine's refusal explains.
 */
export interface ActionDefinition<Input = never, Context = never> {
  /** The machine event type the action records. */
  event: string;
  facts: (ctx: ActionFactsContext<Input, Context>) => Promise<EventData> | EventData;
  /**
   * A check of facts the machine cannot read (the clock against a window, …) whose refusal must come before the
   * machine's own verdict; it throws the workflow's coded error.
   */
  precheck?: (ctx: Pick<ActionFactsContext<Input, Context>, 'loaded' | 'context' | 'actor' | 'use'>) => void;
  /** Gather the facts and commit in one transaction (a facts function that writes, e.g. signs a commitment). */
  transaction?: boolean | ((input: Input) => boolean);
}

/** 回避: staff who declared a relation to the case's subject may not act on it (declared once per case type). */
export interface Recusal<Context = never> {
  /** Roles bound by it (staff). */
  roles: ReadonlySet<string>;
  /** Whether the actor declared a relation to the case's subject. */
  isRelated: (ctx: { actorId: string; context: Context; use: Resolve }) => Promise<boolean>;
  /** The workflow's coded refusal for a related actor. */
  refusal: (context: Context) => DomainError;
}

/** A workflow's actions: HTTP action name (kebab-case) → its definition, and the case type's 回避 rule. */
export interface ActionTable<Context = never> {
  // `any` input: each entry declares its own request input type; the table only has to hold them all.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  actions: Record<string, ActionDefinition<any, Context>>;
  recusal?: Recusal<Context>;
  /** The rule-set version the case's decisions are made under, recorded in each event's metadata. */
  ruleSet?: (context: Context) => string | null;
}

/** Declares a table with its entries' input types checked and the context type fixed once. */
export function actionTable<Context>() {
  return <T extends ActionTable<Context>>(table: T): T => table;
}

/**
 * Events that stored one `reason` before requests carried `reasons[]` keep writing it — the reasons joined — so old
 * and new events read alike (ADR 0022). Null when no reason was given.
 */
export function joinedReason(reasons: readonly string[] | undefined): string | null {
  return reasons && reasons.length > 0 ? reasons.join('；') : null;
}
