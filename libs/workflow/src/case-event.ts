import type { BilingualText } from '@credence/shared';
import type { ClockMeta } from './clocks/clock-planner';

export type Role = 'applicant' | 'officer' | 'senior_reviewer' | 'auditor' | 'admin' | 'system';

/** Who acts, as the machines see it: enough for role, authority and subject guards, nothing more. */
export interface WorkflowActor {
  id: string;
  role: Role;
  authorityCode: string | null;
  authorityPath: string | null;
  subjectCode: string | null;
}

/** The system itself: deadlines, reactors. */
export const SYSTEM_ACTOR: WorkflowActor = {
  id: 'system',
  role: 'system',
  authorityCode: null,
  authorityPath: null,
  subjectCode: null,
};

/**
 * What a machine receives: a recorded fact (or the candidate for one). `at` is the server time of the decision,
 * inside the event, so a replay reaches the same answer (machines never read the clock).
 */
export interface MachineEvent<TType extends string = string, TData = Record<string, unknown>> {
  type: TType;
  data: TData;
  actor: WorkflowActor;
  at: string;
}

/** State meta: how a state is called, who must act in it (the work item), the clocks it runs or pauses. */
export interface StateMeta extends ClockMeta {
  label: BilingualText;
  /**
   * Roles that have work to do in this state, at the case's own authority; `when` narrows it to the cases whose
   * context calls for them (a state shared by case kinds where only some wait on staff).
   */
  workItem?: { roles: Role[]; label: BilingualText; when?: (context: never) => boolean };
  /** Shown publicly? (used by read models). */
  public?: boolean;
}

/** Transition meta: the label of the action that takes it. */
export interface TransitionMeta {
  label: BilingualText;
}
