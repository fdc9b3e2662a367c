import { buildResidentId, isValidResidentId, residentIdProblem } from './resident-id';
import { buildUscc, isValidUscc, usccProblem } from './uscc';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  // Published examples: 91350100M000100Y43 is the standard's own sample code.
  it('accepts codes whose both check characters are right', () => {
    expect(isValidUscc('91350100M000100Y43')).toBe(true);
    expect(isValidUscc(buildUscc('91', '320830', 'MA1XY001'))).toBe(true);
  });

  it('names what is wrong', () => {
    expect(usccProblem('91350100M000100Y44')).toBe('check-digit');
    expect(usccProblem('91350100M000101Y43')).toBe('organisation-code');
    expect(usccProblem('91350100M000100Y4')).toBe('shape');
    expect(usccProblem('91350100M0001O0Y43')).toBe('shape'); // O is not in the alphabet
    expect(usccProblem('9135010OM000100Y43')).toBe('shape'); // the division code is digits only
  });

  it('every single-character change of a valid code is caught', () => {
    const code = buildUscc('91', '512000', 'MA2AN002');
    const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (let i = 0; i < code.length; i++) {
      for (const ch of alphabet) {
        if (ch === code[i]) continue;
        expect(isValidUscc(code.slice(0, i) + ch + code.slice(i + 1))).toBe(false);
      }
    }
  });
});

describe('居民身份证号码 (GB 11643-1999, ISO 7064 MOD 11-2)', () => {
  it('accepts the standard’s sample number and X check characters', () => {
    expect(isValidResidentId('11010519491231002X')).toBe(true);
    expect(isValidResidentId(buildResidentId('32083019900307121'))).toBe(true);
  });

  it('refuses a wrong check character, an impossible or future birth date, and bad shapes', () => {
    expect(residentIdProblem('110105194912310021')).toBe('check-digit');
    expect(residentIdProblem(buildResidentId('11010519490230002'))).toBe('birth-date');
    expect(residentIdProblem(buildResidentId('11010520300101002'), '2026-11-23')).toBe('birth-date');
    expect(residentIdProblem('11010519491231002x')).toBe('shape');
    expect(residentIdProblem('01010519491231002X')).toBe('shape');
  });
});
