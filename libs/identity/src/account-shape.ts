import type { FieldError } from '@credence/shared';
import type { Role, SubjectType } from './actor';

export interface NewAccount {
  username: string;
  password: string;
  displayName: string;
  role: Role;
  authorityCode?: string | null;
  subjectType?: SubjectType | null;
  subjectCode?: string | null;
  subjectName?: string | null;
}

type Need = 'required' | 'forbidden' | 'optional';

/** Which fields each role must or must not carry (mirrors the CHECK constraints of the accounts table). */
const SHAPE: Record<Role, { authorityCode: Need; subject: Need }> = {
  applicant: { authorityCode: 'forbidden', subject: 'required' },
  officer: { authorityCode: 'required', subject: 'forbidden' },
  senior_reviewer: { authorityCode: 'required', subject: 'forbidden' },
  auditor: { authorityCode: 'optional', subject: 'forbidden' }, // no authority: oversees all
  admin: { authorityCode: 'forbidden', subject: 'forbidden' },
};

const REQUIRED = { zh: '该角色必须填写此项', en: 'is required for this role' };
const FORBIDDEN = { zh: '该角色不得填写此项', en: 'must not be given for this role' };

function check(input: NewAccount, field: keyof NewAccount, need: Need): FieldError[] {
  const present = input[field] !== undefined && input[field] !== null;
  if (need === 'required' && !present) return [{ field, code: 'requiredForRole', message: REQUIRED }];
  if (need === 'forbidden' && present) return [{ field, code: 'forbiddenForRole', message: FORBIDDEN }];
  return [];
}

/** Field errors for role-specific fields; empty when the account's shape fits its role. */
export function accountShapeErrors(input: NewAccount): FieldError[] {
  const shape = SHAPE[input.role];
  return [
    ...check(input, 'authorityCode', shape.authorityCode),
    ...check(input, 'subjectType', shape.subject),
    ...check(input, 'subjectCode', shape.subject),
    ...check(input, 'subjectName', shape.subject),
  ];
}
