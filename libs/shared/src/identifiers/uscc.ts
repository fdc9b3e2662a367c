/**
 * 统一社会信用代码 (unified social credit code), GB 32100-2015: 18 characters over a 31-symbol alphabet
 * (no I, O, S, V, Z). Position 1 registration authority, 2 organisation type, 3–8 administrative division
 * (GB/T 2260), 9–17 organisation code (GB 11714, itself check-digited), 18 check character.
 */
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const SHAPE = /^[1-9A-GY][1-9A-Z][0-9]{6}[0-9A-HJ-NPQRTUWXY]{9}[0-9A-HJ-NPQRTUWXY]$/;
// GB 11714-1997: weights of the eight body characters of the organisation code.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

export type UsccProblem = 'shape' | 'organisation-code' | 'check-digit';

export function usccCheckCharacter(first17: string): string {
  const sum = [...first17].reduce((acc, ch, i) => acc + ALPHABET.indexOf(ch) * WEIGHTS[i], 0);
  return ALPHABET[(31 - (sum % 31)) % 31];
}

function organisationCodeCheck(body8: string): string {
  const sum = [...body8].reduce((acc, ch, i) => {
    const value = /[0-9]/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55; // A=10 … Z=35
    return acc + value * ORG_WEIGHTS[i];
  }, 0);
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Returns null when valid, otherwise what is wrong with it. */
export function usccProblem(code: string): UsccProblem | null {
  if (!SHAPE.test(code)) return 'shape';
  if (organisationCodeCheck(code.slice(8, 16)) !== code[16]) return 'organisation-code';
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return 'check-digit';
  return null;
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null;
}

/** Builds a valid code from a registration/type prefix, a division code and an organisation body (tests, demo data). */
export function buildUscc(prefix2: string, division: string, body8: string): string {
  const first17 = `${prefix2}${division}${body8}${organisationCodeCheck(body8)}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}
