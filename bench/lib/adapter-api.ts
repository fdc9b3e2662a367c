/**
 * The product's API on either HTTP adapter, for bench/http-adapter: the same AppModule (guards, interceptors, filters,
 * controllers), the `/api/v1` prefix and the validation pipe, and nothing of configureApp that only exists for
 * Express (helmet, the body-parser hooks, the console's static files). Both adapters run the same built modules,
 * so they differ in the adapter alone.
 *
 *   npm run build && npx tsx bench/lib/adapter-api.ts express|fastify <database url> <port>
 */
import 'reflect-metadata';
import { resolve } from 'node:path';
import type { DynamicModule, INestApplication, PipeTransform } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';

// The product as built (node dist/..., like bench/commands): tsx compiles without decorator metadata, which Nest's
// injection needs, so the modules come from dist and only this file runs through tsx.
const built = (path: string) => import(resolve('dist', path)) as Promise<Record<string, unknown>>;
const { loadEnv } = (await built('libs/shared/src/index.js')) as {
  loadEnv(source: Record<string, string | undefined>): object;
};
const { AppModule } = (await built('apps/api/src/app.module.js')) as {
  AppModule: { forRoot(options: { env: object; databaseUrl: string }): DynamicModule };
};
const { seedDemoData } = (await built('apps/api/src/seed-demo.js')) as {
  seedDemoData(app: INestApplication, env: object, log: (line: string) => void): Promise<void>;
};
const { createValidationPipe } = (await built('apps/api/src/http/validation.js')) as {
  createValidationPipe(): PipeTransform;
};

const [adapter, databaseUrl, port] = process.argv.slice(2);
const env = loadEnv({
  ...process.env,
  DATABASE_URL: databaseUrl,
  NODE_ENV: 'development',
  LOG_LEVEL: 'warn',
  RUN_WORKER: 'false',
});
const module = AppModule.forRoot({ env, databaseUrl });
const options = { logger: ['error' as const], abortOnError: false };
const app: INestApplication =
  adapter === 'fastify'
    ? await NestFactory.create(module, new FastifyAdapter(), options)
    : await NestFactory.create(module, options);
app.setGlobalPrefix('api/v1', { exclude: ['health', 'metrics'] });
app.useGlobalPipes(createValidationPipe());
await app.init();
await seedDemoData(app, env, () => undefined);
await app.listen(Number(port), '127.0.0.1');
console.log('ready');
