import 'reflect-metadata';
import cluster from 'node:cluster';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import {
  bootThroughOutages,
  bootWaitOf,
  InvalidConfigurationError,
  loadEnv,
  waitForDatabase,
  resolveDatabase,
  runMigrations,
  type Env,
} from '@credence/shared';
import { migrations } from '@credence/migrations';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { seedDemoData } from './seed-demo';

const log = (line: string) =>
  process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: line })}\n`);

/** The application, booted again from the start when the database goes away midway (it waits for it first). */
function createApp(env: Env, databaseUrl: string): Promise<INestApplication> {
  return bootThroughOutages(
    async () => {
      const app = await NestFactory.create(AppModule.forRoot({ env, databaseUrl }), {
        bodyParser: false,
        bufferLogs: true,
        abortOnError: false,
      });
      configureApp(app);
      // Handlers register on bootstrap; the demo seed goes through the command bus.
      await app.init().catch(async (error: unknown) => {
        await app.close().catch(() => undefined);
        throw error;
      });
      return app;
    },
    databaseUrl,
    log,
    bootWaitOf(env),
  );
}

/**
 * `npm start`: embedded or given PostgreSQL, migrations, demo data outside production, then the API (and the worker,
 * with RUN_WORKER) in one process — or API_PROCESSES processes sharing the port, the worker loop in the first.
 */
async function main(): Promise<void> {
  const env = loadEnv();
  if (cluster.isWorker) return serve(env, env.DATABASE_URL!);

  const database = await resolveDatabase(env, log);
  await bootThroughOutages(
    () => runMigrations(database.url, migrations, log),
    database.url,
    log,
    bootWaitOf(env),
  );
  const seed = env.SEED_DEMO && !env.isProduction;
  if (env.API_PROCESSES === 1) {
    const app = await createApp(env, database.url);
    if (seed) await seedDemoData(app, env, (line) => process.stdout.write(`${line}\n`));
    onShutdown(async () => {
      await app.close();
      await database.stop();
    });
    await app.listen(env.PORT, env.HOST);
  } else {
    if (seed) {
      const app = await createApp(env, database.url);
      await seedDemoData(app, env, (line) => process.stdout.write(`${line}\n`));
      await app.close();
    }
    for (let i = 0; i < env.API_PROCESSES; i++) {
      cluster.fork({
        DATABASE_URL: database.url,
        SEED_DEMO: 'false',
        RUN_WORKER: i === 0 ? String(env.RUN_WORKER) : 'false',
      });
    }
    onShutdown(async () => {
      const exits = Object.values(cluster.workers ?? {}).map((w) => new Promise((ok) => w?.once('exit', ok)));
      for (const w of Object.values(cluster.workers ?? {})) w?.kill('SIGTERM');
      await Promise.all(exits);
      await database.stop();
    });
  }
  log(`Credence is listening on http://localhost:${env.PORT} (API docs: /api/docs)`);
}

async function serve(env: Env, databaseUrl: string): Promise<void> {
  // A child forked while the database is away (or restarted after a crash) waits for it like the parent did.
  await waitForDatabase(databaseUrl, log, bootWaitOf(env));
  const app = await createApp(env, databaseUrl);
  onShutdown(() => app.close());
  await app.listen(env.PORT, env.HOST);
}

function onShutdown(stop: () => Promise<void>): void {
  const handler = () =>
    void stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  process.once('SIGINT', handler);
  process.once('SIGTERM', handler);
}

main().catch((error: unknown) => {
  if (error instanceof InvalidConfigurationError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
