import { readFileSync } from 'node:fs';
// @ts-expect-error -- plain JavaScript shared with the writer (tools/console-api/write-schema.mjs), no declarations
import { schemaSource, SCHEMA_FILE } from '../../tools/console-api/schema-source.mjs';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/** The console's typed client (apps/console/src/api/schema.d.ts) describes the API as it is now. */
describe("the console's generated API schema (e2e)", () => {
  let t: TestApp;
  beforeAll(async () => (t = await createTestApp()));
  afterAll(() => t.close());

  it('is what openapi-typescript writes for the current OpenAPI document (else: npm run console:api)', async () => {
    const document = (await t.http.get('/api/docs-json').expect(200)).body as Record<string, unknown>;
    const expected = (await schemaSource(document)) as string;
    const checkedIn = readFileSync(SCHEMA_FILE as URL, 'utf8');
    if (checkedIn !== expected) {
      const line = checkedIn.split('\n').findIndex((l, i) => l !== expected.split('\n')[i]);
      throw new Error(
        `apps/console/src/api/schema.d.ts has drifted from the API's OpenAPI document (first at line ${line + 1}); ` +
          'run `npm run console:api` and commit the result',
      );
    }
    expect(checkedIn).toContain('"/api/v1/public/subjects"');
  });
});
