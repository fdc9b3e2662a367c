import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import {
  AppLogger,
  bootThroughOutages,
  bootWaitOf,
  InvalidConfigurationError,
  loadEnv,
  resolveDatabase,
  runMigrations,
} from '@credence/shared';
import { migrations } from '@credence/migrations';
import { WorkerModule } from './worker.module';

/** `npm run start:worker`: the worker alone (any number of them may run against one database). */
async function main(): Promise<void> {
  const env = loadEnv({ ...process.env, RUN_WORKER: 'true' });
  const log = (line: string) =>
    process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: line })}\n`);
  const database = await resolveDatabase(env, log);
  // The database may go away while the worker boots: wait for it and boot again rather than exit half-started.
  const app = await bootThroughOutages(
    async () => {
      await runMigrations(database.url, migrations, log);
      const context = await NestFactory.createApplicationContext(
        WorkerModule.forRoot({ env, databaseUrl: database.url }),
        { bufferLogs: true, abortOnError: false },
      );
      context.useLogger(context.get(AppLogger));
      await context.init().catch(async (error: unknown) => {
        await context.close().catch(() => undefined);
        throw error;
      });
      return context;
    },
    database.url,
    log,
    bootWaitOf(env),
  );
  app.enableShutdownHooks();
  const stop = async () => {
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  log('Credence worker is running');
}

main().catch((error: unknown) => {
  if (error instanceof InvalidConfigurationError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
