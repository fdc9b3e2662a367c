// @ts-check
// `npm run console:api`: writes apps/console/src/api/schema.d.ts from the API's OpenAPI document, built in-process
// from dist (no server, no database: the document needs the routes, not the data). The npm script builds dist first.
import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import process from 'node:process';
import { URL } from 'node:url';
import { Test } from '@nestjs/testing';
import pg from 'pg';
import { schemaSource, SCHEMA_FILE } from './schema-source.mjs';

const dist = new URL('../../dist/', import.meta.url);
const { AppModule } = await import(new URL('apps/api/src/app.module.js', dist).href);
const { configureApp, openApiDocument } = await import(new URL('apps/api/src/configure-app.js', dist).href);
const { Database, loadEnv } = await import(new URL('libs/shared/src/index.js', dist).href);

const NOWHERE = 'postgres://unused@127.0.0.1:1/unused';
// Counters on a Redis that is never reached (lazyConnect): the limit guards are built, never consulted.
const env = loadEnv({
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  RUN_WORKER: 'false',
  REDIS_URL: 'redis://127.0.0.1:1',
});
const moduleRef = await Test.createTestingModule({
  imports: [AppModule.forRoot({ env, databaseUrl: NOWHERE })],
})
  // The document is made from the routes' metadata: a pool that never connects (pg connects on first query).
  .overrideProvider(Database)
  .useValue(
    Object.assign(Object.create(Database.prototype), { pool: new pg.Pool({ connectionString: NOWHERE }) }),
  )
  .compile();
const app = moduleRef.createNestApplication({ bodyParser: false, logger: false });
configureApp(app);
writeFileSync(SCHEMA_FILE, await schemaSource(openApiDocument(app)));
process.stdout.write(`written: ${SCHEMA_FILE.pathname}\n`);
process.exit(0);
