import { accountShapeErrors, type NewAccount } from './account-shape';

const base = { username: 'someone', password: 'long-enough', displayName: 'x' };

describe('accountShapeErrors', () => {
  it('accepts each role with its own fields', () => {
    const ok: NewAccount[] = [
      { ...base, role: 'admin' },
      { ...base, role: 'officer', authorityCode: '320830' },
      { ...base, role: 'senior_reviewer', authorityCode: '320830' },
      { ...base, role: 'auditor' },
      { ...base, role: 'auditor', authorityCode: '320000' },
      { ...base, role: 'applicant', subjectType: 'legal_person', subjectCode: 'c', subjectName: 'n' },
    ];
    for (const input of ok) expect(accountShapeErrors(input)).toEqual([]);
  });

  it('reports missing and stray fields by name', () => {
    expect(accountShapeErrors({ ...base, role: 'officer' }).map((e) => [e.field, e.code])).toEqual([
      ['authorityCode', 'requiredForRole'],
    ]);
    const applicant = accountShapeErrors({ ...base, role: 'applicant', authorityCode: '320830' });
    expect(applicant.map((e) => e.field)).toEqual([
      'authorityCode',
      'subjectType',
      'subjectCode',
      'subjectName',
    ]);
    expect(accountShapeErrors({ ...base, role: 'admin', subjectCode: 'x' })[0]?.code).toBe(
      'forbiddenForRole',
    );
  });
});
