import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { InvalidConfigurationError, loadEnv, resolveDatabase, runMigrations } from '@credence/shared';
import { migrations } from '@credence/migrations';
import { AppModule } from './app.module';
import { configureApp } from './configure-app';
import { seedDemoData } from './seed-demo';

/** `npm start`: embedded or given PostgreSQL, migrations, demo data outside production, API and worker in one process. */
async function main(): Promise<void> {
  const env = loadEnv();
  const log = (line: string) =>
    process.stdout.write(`${JSON.stringify({ level: 30, time: Date.now(), msg: line })}\n`);
  const database = await resolveDatabase(env, log);
  await runMigrations(database.url, migrations);
  const app = await NestFactory.create(AppModule.forRoot({ env, databaseUrl: database.url }), {
    bodyParser: false,
    bufferLogs: true,
  });
  configureApp(app);
  if (env.SEED_DEMO && !env.isProduction)
    await seedDemoData(app, env, (line) => process.stdout.write(`${line}\n`));
  app.enableShutdownHooks();
  const stopDatabase = async () => {
    await app.close();
    await database.stop();
    process.exit(0);
  };
  process.once('SIGINT', () => void stopDatabase());
  process.once('SIGTERM', () => void stopDatabase());
  await app.listen(env.PORT, env.HOST);
  log(`Credence is listening on http://localhost:${env.PORT} (API docs: /api/docs)`);
}

main().catch((error: unknown) => {
  if (error instanceof InvalidConfigurationError) process.stderr.write(`${error.message}\n`);
  else process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
