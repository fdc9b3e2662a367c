#!/usr/bin/env node
import 'reflect-metadata';
import { verify as verifyChains } from '@credence/event-store';
import { migrations } from '@credence/migrations';
import {
  APP_ROLE,
  createDataSource,
  Database,
  InvalidConfigurationError,
  loadEnv,
  resolveDatabase,
  runMigrations,
} from '@credence/shared';
import { auditCommand } from './audit-command';
import { calendarCommand } from './calendar-command';

const USAGE = `credence — operations 运维命令

  credence migrate                 run pending migrations (执行数据库迁移)
  credence verify [--stream <id>]  recompute hash chains and name the first broken event (校验哈希链)
  credence audit verify [--stream <id>] [--public-key <pem file>] [--json]
                                   chains, every ledger leaf against its event, the ledger's gaplessness, each
                                   checkpoint's signature, root and consistency (完整性校验：哈希链、账本、检查点)
  credence calendar load <file>    load a year's holiday schedule as a new version (载入年度节假日安排)
  credence calendar list           loaded schedules, who loaded them and when (已载入的日历)

The database is DATABASE_URL, or the embedded PostgreSQL under EMBEDDED_PG_DIR.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') {
    process.stdout.write(`${USAGE}\n`);
    return command ? 0 : 2;
  }
  const env = loadEnv();
  const database = await resolveDatabase(env, (line) => process.stderr.write(`${line}\n`));
  try {
    switch (command) {
      case 'migrate':
        await runMigrations(database.url, migrations);
        process.stdout.write('migrations are up to date (迁移已完成)\n');
        return 0;
      case 'verify':
        return await verify(database.url, flag(rest, '--stream'));
      case 'audit':
        return await auditCommand(database.url, env, rest, USAGE);
      case 'calendar':
        return await calendarCommand(database.url, rest);
      default:
        process.stderr.write(`unknown command: ${command}\n\n${USAGE}\n`);
        return 2;
    }
  } finally {
    await database.stop();
  }
}

async function verify(url: string, streamId: string | undefined): Promise<number> {
  const dataSource = createDataSource({
    url,
    appRole: APP_ROLE,
    poolSize: 2,
    applicationName: 'credence-cli',
  });
  await dataSource.initialize();
  try {
    const report = await verifyChains(new Database(dataSource), { streamId });
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof InvalidConfigurationError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exit(1);
  },
);
