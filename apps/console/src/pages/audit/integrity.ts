/*
 * The integrity page's arithmetic: how far a verification is, and what an evidence bundle is named and says about
 * the events no signed checkpoint covers yet.
 */

/** Percent of a verification's work done; 0 until the job has counted its work, 100 once it is done. */
export function verificationPercent(job: {
  eventsChecked: number;
  eventsTotal: number;
  done: boolean;
}): number {
  if (job.done) return 100;
  if (job.eventsTotal <= 0) return 0;
  return Math.min(99, Math.floor((job.eventsChecked / job.eventsTotal) * 100));
}

export interface EvidenceScope {
  caseId?: string;
  subjectCode?: string;
  /** Beijing dates, both included. */
  from?: string;
  to?: string;
}

/** A file name that says what the bundle covers: `evidence-case-<id>.json`, `evidence-subject-<code>.json` … */
export function evidenceFileName(scope: EvidenceScope): string {
  if (scope.caseId) return `evidence-case-${scope.caseId}.json`;
  if (scope.subjectCode) return `evidence-subject-${scope.subjectCode.replace(/[^A-Za-z0-9]/g, '')}.json`;
  return `evidence-${scope.from ?? ''}_${scope.to ?? ''}.json`;
}

/** The events of a bundle not yet sealed, counted per case: what the warning names. */
export function unsealedByCase(events: readonly { caseId: string }[]): { caseId: string; events: number }[] {
  const counts = new Map<string, number>();
  for (const e of events) counts.set(e.caseId, (counts.get(e.caseId) ?? 0) + 1);
  return [...counts].map(([caseId, n]) => ({ caseId, events: n }));
}
