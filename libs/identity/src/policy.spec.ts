import type { Actor, Role } from './actor';
import {
  actsForAuthority,
  canSeeAuthority,
  canSeeCase,
  isWithin,
  visibilityFilter,
  type Ownership,
} from './policy';

const XUYI = { code: '320830', path: '320000/320800/320830' };
const HUAIAN = { code: '320800', path: '320000/320800' };
const ZIYANG = { code: '512000', path: '510000/512000' };
const TONGDA = '91320830MA1XY001XX';

function actor(
  role: Role,
  authority: { code: string; path: string } | null = null,
  subjectCode: string | null = null,
): Actor {
  return {
    id: '0190a000-0000-7000-8000-000000000001',
    username: role,
    role,
    authorityCode: authority?.code ?? null,
    authorityPath: authority?.path ?? null,
    subjectCode,
    displayName: role,
  };
}

const caseAt = (a: { code: string; path: string }, subjectCode = TONGDA): Ownership => ({
  authorityCode: a.code,
  authorityPath: a.path,
  subjectCode,
});

describe('isWithin', () => {
  it('matches the node itself and its descendants, not siblings sharing a prefix', () => {
    expect(isWithin('320000/320800/320830', '320000')).toBe(true);
    expect(isWithin('320000', '320000')).toBe(true);
    expect(isWithin('320000/320800', '320000/320800/320830')).toBe(false);
    expect(isWithin('3200001', '320000')).toBe(false);
  });
});

describe('canSeeCase', () => {
  it('admin sees everything', () => {
    expect(canSeeCase(actor('admin'), caseAt(XUYI))).toBe(true);
    expect(canSeeCase(actor('admin'), caseAt(ZIYANG))).toBe(true);
  });

  it.each(['officer', 'senior_reviewer'] as const)(
    '%s sees its own authority only (not children, not parents)',
    (role) => {
      expect(canSeeCase(actor(role, XUYI), caseAt(XUYI))).toBe(true);
      expect(canSeeCase(actor(role, XUYI), caseAt(ZIYANG))).toBe(false);
      expect(canSeeCase(actor(role, HUAIAN), caseAt(XUYI))).toBe(false);
      expect(canSeeCase(actor(role, XUYI), caseAt(HUAIAN))).toBe(false);
    },
  );

  it('auditor sees its subtree; without an authority it sees all', () => {
    expect(canSeeCase(actor('auditor', HUAIAN), caseAt(XUYI))).toBe(true);
    expect(canSeeCase(actor('auditor', HUAIAN), caseAt(HUAIAN))).toBe(true);
    expect(canSeeCase(actor('auditor', XUYI), caseAt(HUAIAN))).toBe(false);
    expect(canSeeCase(actor('auditor', HUAIAN), caseAt(ZIYANG))).toBe(false);
    expect(canSeeCase(actor('auditor'), caseAt(ZIYANG))).toBe(true);
  });

  it('applicant sees only its own subject, wherever the case is', () => {
    expect(canSeeCase(actor('applicant', null, TONGDA), caseAt(ZIYANG, TONGDA))).toBe(true);
    expect(canSeeCase(actor('applicant', null, TONGDA), caseAt(XUYI, 'other'))).toBe(false);
    expect(canSeeCase(actor('applicant', null, null), caseAt(XUYI, TONGDA))).toBe(false);
  });
});

describe('canSeeAuthority', () => {
  it('applies the staff rule and never lets applicants in', () => {
    expect(canSeeAuthority(actor('auditor', HUAIAN), XUYI.code, XUYI.path)).toBe(true);
    expect(canSeeAuthority(actor('officer', XUYI), HUAIAN.code, HUAIAN.path)).toBe(false);
    expect(canSeeAuthority(actor('applicant', null, TONGDA), XUYI.code, XUYI.path)).toBe(false);
  });
});

describe('actsForAuthority', () => {
  it('only officers and senior reviewers of exactly that authority, or an admin', () => {
    expect(actsForAuthority(actor('officer', XUYI), XUYI.code)).toBe(true);
    expect(actsForAuthority(actor('senior_reviewer', XUYI), XUYI.code)).toBe(true);
    expect(actsForAuthority(actor('officer', HUAIAN), XUYI.code)).toBe(false);
    expect(actsForAuthority(actor('auditor', XUYI), XUYI.code)).toBe(false);
    expect(actsForAuthority(actor('applicant', null, TONGDA), XUYI.code)).toBe(false);
    expect(actsForAuthority(actor('admin'), XUYI.code)).toBe(true);
  });
});

describe('visibilityFilter', () => {
  it('builds one fragment per role, numbering placeholders after the caller’s', () => {
    expect(visibilityFilter(actor('admin'), 'c', 2)).toEqual({ sql: 'TRUE', params: [] });
    expect(visibilityFilter(actor('officer', XUYI), 'c', 2)).toEqual({
      sql: 'c.authority_code = $3',
      params: ['320830'],
    });
    expect(visibilityFilter(actor('senior_reviewer', XUYI), '')).toEqual({
      sql: 'authority_code = $1',
      params: ['320830'],
    });
    expect(visibilityFilter(actor('auditor', HUAIAN), 'r', 1)).toEqual({
      sql: '(r.authority_path = $2 OR r.authority_path LIKE $3)',
      params: ['320000/320800', '320000/320800/%'],
    });
    expect(visibilityFilter(actor('auditor'), 'r')).toEqual({ sql: 'TRUE', params: [] });
    expect(visibilityFilter(actor('applicant', null, TONGDA), 'c')).toEqual({
      sql: 'c.subject_code = $1',
      params: [TONGDA],
    });
    expect(visibilityFilter(actor('applicant'), 'c')).toEqual({ sql: 'FALSE', params: [] });
    expect(visibilityFilter(actor('officer'), 'c')).toEqual({ sql: 'FALSE', params: [] });
  });

  it('refuses an alias that could inject SQL', () => {
    expect(() => visibilityFilter(actor('admin'), 'c; DROP TABLE cases')).toThrow();
  });
});
