import type { INestApplication } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { seedDemoRecords } from '@credence/credit-records';
import { DEMO_SUBJECTS, seedIdentityDemo } from '@credence/identity';
import type { WorkflowActor } from '@credence/workflow';
import { beijingDateOf, Clock, Database, type Env } from '@credence/shared';

/** Seeds demo authorities, accounts and records once, and prints the accounts. Never called in production. */
export async function seedDemoData(
  app: INestApplication,
  env: Env,
  print: (line: string) => void,
): Promise<void> {
  const seeded = await seedIdentityDemo(app.get(Database), env, print);
  if (!seeded) {
    print(
      '演示数据已存在 / Demo data present: admin, officer-xuyi, reviewer-xuyi, officer-ziyang, reviewer-ziyang, auditor-xuyi, auditor-province, applicant-a, applicant-b (password: DEMO_PASSWORD, default "credence-demo")',
    );
    return;
  }
  const officers = await officersByAuthority(app.get(Database));
  const today = beijingDateOf(app.get(Clock).now());
  const count = await seedDemoRecords(app.get(CommandBus), officers, Object.values(DEMO_SUBJECTS), today);
  print(
    `Seeded ${count} demo credit records (演示信用记录) for ${Object.values(DEMO_SUBJECTS)
      .map((s) => s.code)
      .join(', ')}`,
  );
}

async function officersByAuthority(db: Database): Promise<Record<string, WorkflowActor>> {
  const { rows } = await db.query<{ id: string; authority_code: string; path: string }>(
    `SELECT a.id, a.authority_code, au.path FROM accounts a JOIN authorities au ON au.code = a.authority_code
      WHERE a.role = 'officer' AND a.username IN ('officer-xuyi', 'officer-ziyang')`,
  );
  return Object.fromEntries(
    rows.map((r) => [
      r.authority_code,
      {
        id: r.id,
        role: 'officer' as const,
        authorityCode: r.authority_code,
        authorityPath: r.path,
        subjectCode: null,
      },
    ]),
  );
}
