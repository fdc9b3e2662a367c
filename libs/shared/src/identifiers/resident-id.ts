/**
 * 居民身份证号码, GB 11643-1999: 6-digit address code, 8-digit birth date, 3-digit sequence and an
 * ISO 7064 MOD 11-2 check character (0–9 or X).
 */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';
const SHAPE = /^[1-9][0-9]{16}[0-9X]$/;

export type ResidentIdProblem = 'shape' | 'birth-date' | 'check-digit';

export function residentIdCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + Number(ch) * WEIGHTS[i], 0);
  return CHECK[sum % 11];
}

/** Returns null when valid. `today` (YYYY-MM-DD) bounds the birth date; pass the injected clock's date. */
export function residentIdProblem(id: string, today?: string): ResidentIdProblem | null {
  if (!SHAPE.test(id)) return 'shape';
  const birth = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  const [y, m, d] = [Number(birth.slice(0, 4)), Number(birth.slice(5, 7)), Number(birth.slice(8, 10))];
  const probe = new Date(Date.UTC(y, m - 1, d));
  const realDate = probe.getUTCFullYear() === y && probe.getUTCMonth() === m - 1 && probe.getUTCDate() === d;
  if (!realDate || y < 1900 || (today !== undefined && birth > today)) return 'birth-date';
  if (residentIdCheckCharacter(id.slice(0, 17)) !== id[17]) return 'check-digit';
  return null;
}

export function isValidResidentId(id: string, today?: string): boolean {
  return residentIdProblem(id, today) === null;
}

export function buildResidentId(first17: string): string {
  return `${first17}${residentIdCheckCharacter(first17)}`;
}
