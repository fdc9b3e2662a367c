import type { CommitmentContext } from './domain/commitment.machine';

/** What a breach brings about (DOMAIN §5), stated in the breach event; the reactions carry it out. */
export function breachConsequences(c: CommitmentContext): Record<string, unknown> {
  return {
    breachRecord: { kind: 'other', decisionNumber: breachDecisionNumber(c.caseNumber!) },
    revokeLinkedDecision: c.linked,
    fastTrackEligibilityLost: {
      tracks: ['approval_substitution', 'missing_materials'],
      until: {
        zh: '该违诺失信信息修复或公示期满',
        en: 'the breach record is repaired or its publicity ends',
      },
    },
    gradeReEvaluation: true,
  };
}

/** The 违诺 record's decision number, derived from the commitment's case number (unique per authority). */
export function breachDecisionNumber(caseNumber: string): string {
  return `违诺〔${caseNumber}〕`;
}
