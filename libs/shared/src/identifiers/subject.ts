/** Kinds of credit subject: the first three carry a unified social credit code, natural persons an ID number. */
export const SUBJECT_TYPES = [
  'legal_person',
  'other_organisation',
  'individual_business',
  'natural_person',
] as const;
export type SubjectType = (typeof SUBJECT_TYPES)[number];

export function subjectCodeKind(type: SubjectType): 'uscc' | 'resident-id' {
  return type === 'natural_person' ? 'resident-id' : 'uscc';
}
