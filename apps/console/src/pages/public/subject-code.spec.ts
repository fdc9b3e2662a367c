import { describe, expect, it } from '@jest/globals';
import { asSubjectCode } from './subject-code';

describe('asSubjectCode: a code goes to the subject, anything else is a name search', () => {
  it('takes 18-character codes, spaced or lower case', () => {
    expect(asSubjectCode(' 91320830ma1xy0012b ')).toBe('91320830MA1XY0012B');
    expect(asSubjectCode('1101 0519 9001 0112 3x')).toBe('11010519900101123X');
  });

  it('leaves names and partial codes to the name search', () => {
    expect(asSubjectCode('通达运输')).toBeNull();
    expect(asSubjectCode('91320830MA1XY')).toBeNull();
  });
});
