import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { APP_ROLE, createDataSource, Database, DomainError, SystemClock } from '@credence/shared';
import { CalendarStore, type YearSchedule } from '@credence/working-calendar';

/**
 * `credence calendar load <file> [--by <name>]`: validates a year's schedule and stores it as the next version.
 * Running workers recompute provisional deadlines on their next sweep. `credence calendar list`: what is loaded.
 */
export async function calendarCommand(url: string, args: string[]): Promise<number> {
  const [sub, file] = args;
  const dataSource = createDataSource({
    url,
    appRole: APP_ROLE,
    poolSize: 1,
    applicationName: 'credence-cli',
  });
  await dataSource.initialize();
  try {
    const store = new CalendarStore(new Database(dataSource), new SystemClock());
    if (sub === 'list') {
      for (const s of await store.current())
        process.stdout.write(
          `${s.year}${s.region ? ` ${s.region}` : ''}  v${s.version}  ${s.loadedBy}  ${s.loadedAt}  ${s.source}\n`,
        );
      return 0;
    }
    if (sub !== 'load' || !file) {
      process.stderr.write(
        'usage: credence calendar load <file.json> [--by <name>] | credence calendar list\n',
      );
      return 2;
    }
    const schedule = JSON.parse(await readFile(file, 'utf8')) as YearSchedule;
    const by = args.includes('--by') ? args[args.indexOf('--by') + 1] : `cli:${userInfo().username}`;
    try {
      const loaded = await store.load({ ...schedule, region: schedule.region ?? null }, by);
      process.stdout.write(
        `loaded ${loaded.year} as version ${loaded.version} (已载入第 ${loaded.version} 版)\n`,
      );
      return 0;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      process.stderr.write(`${error.bilingual.zh}\n${error.bilingual.en}\n`);
      for (const problem of error.fieldErrors ?? [])
        process.stderr.write(`  ${problem.field}: ${problem.message.zh} / ${problem.message.en}\n`);
      return 1;
    }
  } finally {
    await dataSource.destroy();
  }
}
