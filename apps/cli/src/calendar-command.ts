import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { SystemClock } from '@credence/shared';
import { CalendarStore, scheduleShapeProblems, type YearSchedule } from '@credence/working-calendar';
import { printRefusal, withCliDatabase } from './cli-database';

/**
 * `credence calendar load <file> [--by <name>]`: validates a year's schedule and stores it as the next version.
 * Running workers recompute provisional deadlines on their next sweep. `credence calendar list`: what is loaded.
 */
export async function calendarCommand(url: string, args: string[]): Promise<number> {
  const [sub, file] = args;
  return withCliDatabase(url, async (db) => {
    const store = new CalendarStore(db, new SystemClock());
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
    const schedule = parseScheduleFile(await readFile(file, 'utf8'));
    if (!schedule) return 1;
    const by = args.includes('--by') ? args[args.indexOf('--by') + 1] : `cli:${userInfo().username}`;
    try {
      const loaded = await store.load({ ...schedule, region: schedule.region ?? null }, by);
      process.stdout.write(
        `loaded ${loaded.year} as version ${loaded.version} (已载入第 ${loaded.version} 版)\n`,
      );
      return 0;
    } catch (error) {
      return printRefusal(error, (text) => process.stderr.write(text));
    }
  });
}

/** The file's schedule, or null after saying what is wrong with it (not JSON, or not a schedule's shape). */
function parseScheduleFile(text: string): YearSchedule | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    process.stderr.write('文件不是有效的 JSON / the file is not valid JSON\n');
    return null;
  }
  const problems = scheduleShapeProblems(value);
  for (const p of problems) process.stderr.write(`  ${p.field}: ${p.message.zh} / ${p.message.en}\n`);
  return problems.length === 0 ? (value as YearSchedule) : null;
}
