/**
 * Readers for a case view's `data`, which each case type fills with its own facts (CaseTypeDefinition.viewOf): the
 * staff page shows what is there and nothing when a type has no such fact.
 */
export type Data = Record<string, unknown>;

export function recordOf(value: unknown): Data | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Data) : null;
}

export function listOf(value: unknown): Data[] {
  return Array.isArray(value) ? value.map(recordOf).filter((v): v is Data => v !== null) : [];
}

export function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

export function textsOf(value: unknown): string[] {
  return Array.isArray(value) ? value.map(textOf).filter((v) => v !== '') : [];
}

/** 回避 refusals end in `RELATED` (REPAIR.REVIEWER_RELATED, …): the caller declared a relation to the subject. */
export function isRecusalCode(code: string | undefined): boolean {
  return code !== undefined && /RELATED$/.test(code);
}

/** The actor of a step of the case's history, as the API names it. */
export interface StepActor {
  actor: { id: string; displayName: string | null };
}

/**
 * An account's display name as the case's own history names it — the API fills each step's actor with it — so
 * a page shows who recommended by name without a lookup of its own (null when no step of theirs is in it).
 */
export function actorNameIn(steps: readonly StepActor[], accountId: string): string | null {
  return steps.find((s) => s.actor.id === accountId && s.actor.displayName)?.actor.displayName ?? null;
}
