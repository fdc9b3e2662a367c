import { APP_ROLE, createDataSource, Database, DomainError } from '@credence/shared';

/** Runs one CLI command's work on a one-connection pool as the application role, and closes it whatever happens. */
export async function withCliDatabase<T>(url: string, work: (db: Database) => Promise<T>): Promise<T> {
  const dataSource = createDataSource({
    url,
    appRole: APP_ROLE,
    poolSize: 1,
    applicationName: 'credence-cli',
  });
  await dataSource.initialize();
  try {
    return await work(new Database(dataSource));
  } finally {
    await dataSource.destroy();
  }
}

/** A coded refusal as the operator reads it (zh, en, then each field): exit code 1. Anything else is rethrown. */
export function printRefusal(error: unknown, write: (text: string) => void): 1 {
  if (!(error instanceof DomainError)) throw error;
  write(`${error.bilingual.zh}\n${error.bilingual.en}\n`);
  for (const problem of error.fieldErrors ?? [])
    write(`  ${problem.field}: ${problem.message.zh} / ${problem.message.en}\n`);
  return 1;
}
