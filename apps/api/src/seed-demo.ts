import type { INestApplication } from '@nestjs/common';
import type { Env } from '@credence/shared';

/** Seeds demo authorities, accounts and records once, and prints the accounts. Never called in production. */
export async function seedDemoData(_app: INestApplication, _env: Env, _print: (line: string) => void): Promise<void> {
  // Filled in by the identity and credit-record modules.
}
