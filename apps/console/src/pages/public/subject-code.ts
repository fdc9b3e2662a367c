/**
 * Whether what was typed is a subject code (an 18-character USCC or resident ID number) rather than part of a name.
 * Check digits are the API's to verify: a wrong code comes back as its SUBJECT_CODE_INVALID problem.
 */
export function asSubjectCode(typed: string): string | null {
  const compact = typed.replace(/\s+/g, '').toUpperCase();
  return /^[0-9A-Z]{18}$/.test(compact) ? compact : null;
}
