import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Validator } from '@seriousme/openapi-schema-validator';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/** The OpenAPI document a client generates its code from: valid, and one schema name for one shape. */
describe('the OpenAPI document (e2e)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
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
});
