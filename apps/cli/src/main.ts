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
import { accountsCommand } from './accounts-command';
import { auditCommand } from './audit-command';
import { calendarCommand } from './calendar-command';
import { idempotencyCommand } from './idempotency-command';

const USAGE = `credence — operations 运维命令

  credence migrate                 run pending migrations (执行数据库迁移)
  credence verify [--stream <id>]  recompute hash chains and name the first broken event (校验哈希链)
  credence audit verify [--stream <id>] [--public-key <pem file>] [--incremental <state file>] [--threads <n>] [--json]
                                   chains, every ledger leaf against its event, the ledger's gaplessness, each
                                   checkpoint's signature, root and consistency (完整性校验：哈希链、账本、检查点);
                                   --incremental: only what was sealed since the clean run the file records (增量校验)
  credence calendar load <file>    load a year's holiday schedule as a new version (载入年度节假日安排)
  credence calendar list           loaded schedules, who loaded them and when (已载入的日历)
  credence idempotency list|recover [--older-than 5m]
                                   Idempotency-Keys a crashed request left pending: recover frees those whose
                                   command did not commit and marks those that did (滞留的幂等键：列出并处理)
  credence accounts create-admin --username <name> [--display-name <name>]
                                   create an administrator, e.g. the first one in production; the password comes
                                   from INITIAL_ADMIN_PASSWORD or standard input, never argv (创建管理员账号)

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
    // Every command works on a migrated database (under the migration lock, so beside running processes too): the
    // first admin of a new production database is created before anything else has started there.
    await runMigrations(database.url, migrations);
    switch (command) {
      case 'migrate':
        process.stdout.write('migrations are up to date (迁移已完成)\n');
        return 0;
      case 'verify':
        return await verify(database.url, flag(rest, '--stream'));
      case 'audit':
        return await auditCommand(database.url, env, rest, USAGE);
      case 'calendar':
        return await calendarCommand(database.url, rest);
      case 'idempotency':
        return await idempotencyCommand(database.url, env, rest);
      case 'accounts':
        return await accountsCommand(database.url, env, rest);
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
