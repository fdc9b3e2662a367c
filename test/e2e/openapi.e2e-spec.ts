import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Validator } from '@seriousme/openapi-schema-validator';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';
import {
  resolve,
  type OpenApiDocument,
  type OpenApiSchema,
} from '../reliability/support/openapi-arbitraries';

const SOME_ID = '01890000-0000-7000-8000-000000000000';
/** Values a named field takes in a real request, where the schema alone (a string) cannot say which. */
const BY_NAME: Record<string, unknown> = {
  code: '91320830MA1XY0012B',
  subjectCode: '91320830MA1XY0012B',
  authorityCode: '320830',
  parentCode: '320800',
};

/**
 * The body a client would write from the documented schema alone: the required members and those with an example,
 * the documented example or the first allowed value, the bounds respected.
 */
function documentedBody(doc: OpenApiDocument, raw: OpenApiSchema | undefined, name = ''): unknown {
  const schema = resolve(doc, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.enum?.length) return schema.enum[0];
  if (name in BY_NAME) return BY_NAME[name];
  switch (schema.type) {
    case 'integer':
    case 'number':
      return schema.minimum ?? 1;
    case 'boolean':
      return true;
    case 'array':
      return [documentedBody(doc, schema.items)];
    case 'object':
    case undefined:
      // What a client copies from the documentation: the required members and those shown with an example.
      return Object.fromEntries(
        Object.entries(schema.properties ?? {})
          .filter(
            ([key, property]) =>
              schema.required?.includes(key) || resolve(doc, property).example !== undefined,
          )
          .map(([key, property]) => [key, documentedBody(doc, property, key)]),
      );
    default:
      if (schema.format === 'uuid') return SOME_ID;
      if (schema.format === 'date') return '2026-06-01';
      if (schema.format === 'date-time') return '2026-06-01T02:00:00.000Z';
      return '材料齐全'.padEnd(Math.max(schema.minLength ?? 1, 4), '。');
  }
}

/** The OpenAPI document a client generates its code from: valid, and one schema name for one shape. */
describe('the OpenAPI document (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
  });
  afterAll(() => t.close());

  it('passes an independent OpenAPI validator', async () => {
    const document = (await t.http.get('/api/docs-json').expect(200)).body as Record<string, unknown>;
    const result = await new Validator().validate(document);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('has no two classes under one schema name (a client would send the wrong body)', () => {
    const warn = jest.spyOn(Logger, 'warn').mockImplementation(() => undefined);
    try {
      SwaggerModule.createDocument(t.app, new DocumentBuilder().build());
      const duplicates = warn.mock.calls
        .map((call) => String(call[0]))
        .filter((m) => m.includes('Duplicate DTO'));
      expect(duplicates).toEqual([]);
    } finally {
      warn.mockRestore();
    }
  });

  it('accepts, on every route, the body its documentation describes', async () => {
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    const tokens = await Promise.all(
      ['admin', 'officer-xuyi', 'reviewer-xuyi', 'applicant-a', 'auditor-xuyi'].map((u) => loginAs(t, u)),
    );
    const refused: string[] = [];
    let checked = 0;
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const schema = operation.requestBody?.content?.['application/json']?.schema;
        if (!schema) continue;
        const url = path.replace(/\{[^}]+\}/g, SOME_ID);
        const body = documentedBody(doc, schema);
        checked += 1;
        // The first of the demo users the route does not refuse outright answers for the body.
        for (const token of tokens) {
          const res = await t.http[method as 'post' | 'put' | 'patch'](url)
            .set('Authorization', `Bearer ${token}`)
            .send(body as object);
          if (res.status === 401 || res.status === 403) continue;
          if (res.body?.code === 'VALIDATION_FAILED')
            refused.push(
              `${method.toUpperCase()} ${path} ${JSON.stringify(body)} → ${JSON.stringify(res.body.errors)}`,
            );
          break;
        }
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(refused).toEqual([]);
  });
});
