import type { MachineEvent, Role, StateMeta, TransitionMeta } from './case-event';

/** The helpers every workflow machine declares its states and transitions with (labels zh first, then en). */
export const stateMeta = (zh: string, en: string, extra: Partial<StateMeta> = {}): StateMeta => ({
  label: { zh, en },
  ...extra,
});

export const transitionMeta = (zh: string, en: string): TransitionMeta => ({ label: { zh, en } });

/** A state that waits for staff of the case's authority: its work item. */
export const staffWorkItem = <TContext = never>(
  zh: string,
  en: string,
  roles: Role[] = ['officer', 'senior_reviewer'],
  when?: (context: TContext) => boolean,
): Partial<StateMeta> => ({
  workItem: { roles, label: { zh, en }, ...(when ? { when } : {}) },
});

/** Texts from event data (reasons, items), ignoring anything that is not one. */
export const eventTexts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

export const eventText = (value: unknown): string | null => (typeof value === 'string' ? value : null);

/** Who took a step and when, as a case's context keeps it. */
export const actorStep = (event: Pick<MachineEvent, 'actor' | 'at'>) => ({
  by: event.actor.id,
  role: event.actor.role,
  at: event.at,
});
