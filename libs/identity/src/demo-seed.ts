import { buildUscc, Env, type Sql } from '@credence/shared';
import type { SubjectType } from './actor';
import type { NewAccount } from './account-shape';
import { createAccount } from './account.service';
import { SYSTEM_CHANGES } from './account-changes';
import { countAccounts } from './account.store';
import { registerAuthority, type NewAuthority } from './authority.service';
import { PasswordHasher } from './password-hasher.service';

/** Demo enterprises, with valid USCCs, for the credit-record seed and the applicants below. */
export const DEMO_SUBJECTS = {
  xuyiTongda: {
    code: buildUscc('91', '320830', 'MA1XY001'),
    name: '盱眙通达道路运输有限公司',
    type: 'legal_person' as SubjectType,
    authorityCode: '320830',
  },
  ziyangAnshun: {
    code: buildUscc('91', '512000', 'MA2AN002'),
    name: '资阳安顺物流有限公司',
    type: 'legal_person' as SubjectType,
    authorityCode: '512000',
  },
} as const;

export const DEMO_AUTHORITIES: NewAuthority[] = [
  {
    code: '320000',
    nameZh: '江苏省交通运输厅',
    nameEn: 'Jiangsu Provincial Department of Transport',
    department: '交通运输厅',
  },
  {
    code: '320800',
    nameZh: '淮安市交通运输局',
    nameEn: "Huai'an Municipal Transport Bureau",
    parentCode: '320000',
  },
  {
    code: '320830',
    nameZh: '盱眙县交通运输局',
    nameEn: 'Xuyi County Transport Bureau',
    parentCode: '320800',
  },
  {
    code: '510000',
    nameZh: '四川省交通运输厅',
    nameEn: 'Sichuan Provincial Department of Transport',
    department: '交通运输厅',
  },
  {
    code: '512000',
    nameZh: '资阳市交通运输局',
    nameEn: 'Ziyang Municipal Transport Bureau',
    parentCode: '510000',
  },
  {
    code: '370000',
    nameZh: '山东省交通运输厅',
    nameEn: 'Shandong Provincial Department of Transport',
    department: '交通运输厅',
  },
  {
    code: '371500',
    nameZh: '聊城市交通运输局',
    nameEn: 'Liaocheng Municipal Transport Bureau',
    parentCode: '370000',
  },
  {
    code: '371524',
    nameZh: '东阿县交通运输局',
    nameEn: "Dong'e County Transport Bureau",
    parentCode: '371500',
  },
];

type DemoAccount = Omit<NewAccount, 'password'>;
const subject = (s: (typeof DEMO_SUBJECTS)[keyof typeof DEMO_SUBJECTS]) => ({
  subjectType: s.type,
  subjectCode: s.code,
  subjectName: s.name,
});

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'admin', displayName: '系统管理员', role: 'admin' },
  { username: 'officer-xuyi', displayName: '盱眙县经办人', role: 'officer', authorityCode: '320830' },
  {
    username: 'reviewer-xuyi',
    displayName: '盱眙县复核人',
    role: 'senior_reviewer',
    authorityCode: '320830',
  },
  { username: 'officer-ziyang', displayName: '资阳市经办人', role: 'officer', authorityCode: '512000' },
  {
    username: 'reviewer-ziyang',
    displayName: '资阳市复核人',
    role: 'senior_reviewer',
    authorityCode: '512000',
  },
  { username: 'auditor-xuyi', displayName: '盱眙县审计', role: 'auditor', authorityCode: '320830' },
  { username: 'auditor-province', displayName: '江苏省审计', role: 'auditor', authorityCode: '320000' },
  {
    username: 'applicant-a',
    displayName: '通达公司经办',
    role: 'applicant',
    ...subject(DEMO_SUBJECTS.xuyiTongda),
  },
  {
    username: 'applicant-b',
    displayName: '安顺公司经办',
    role: 'applicant',
    ...subject(DEMO_SUBJECTS.ziyangAnshun),
  },
];

/**
 * Seeds the demo authorities and accounts (password: Env.DEMO_PASSWORD) once: does nothing when any account
 * exists, so a restart never resets passwords. Never called in production (main.ts checks). Returns whether it seeded.
 */
export async function seedIdentityDemo(db: Sql, env: Env, print: (line: string) => void): Promise<boolean> {
  if ((await countAccounts(db)) > 0) return false;
  const now = new Date();
  const { rows } = await db.query<{ code: string }>('SELECT code FROM authorities');
  const existing = new Set(rows.map((r) => r.code));
  for (const authority of DEMO_AUTHORITIES) {
    if (!existing.has(authority.code)) await registerAuthority(db, authority, now);
  }
  const hasher = new PasswordHasher();
  for (const account of DEMO_ACCOUNTS) {
    await createAccount(
      db,
      hasher,
      { ...account, password: env.DEMO_PASSWORD },
      now,
      SYSTEM_CHANGES.demoSeed,
    );
  }
  printAccounts(print, env);
  return true;
}

function printAccounts(print: (line: string) => void, env: Env): void {
  const source =
    env.DEMO_PASSWORD === new Env().DEMO_PASSWORD ? `default "${env.DEMO_PASSWORD}"` : 'set by the operator';
  print(`演示账号 / Demo accounts — 密码 / password: env DEMO_PASSWORD (${source})`);
  print(`${'username'.padEnd(18)}${'role'.padEnd(17)}${'authority'.padEnd(11)}subject`);
  for (const a of DEMO_ACCOUNTS) {
    const subjectText = a.subjectCode ? `${a.subjectCode} ${a.subjectName ?? ''}` : '-';
    print(`${a.username.padEnd(18)}${a.role.padEnd(17)}${(a.authorityCode ?? '-').padEnd(11)}${subjectText}`);
  }
}
