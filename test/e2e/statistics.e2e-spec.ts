import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import ExcelJS from 'exceljs';
import type { Response } from 'supertest';
import { DEMO_SUBJECTS } from '@credence/identity';
import { StatisticsProjector } from '@credence/statistics';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda;
type Json = Record<string, unknown>;

/** OpenAPI's `nullable` as "or null", and no member the documentation does not name (as documented-answers). */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Json;
  const out: Json = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, strict(v)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

/** Collects a binary body (supertest buffers only text by default). */
function binary(res: Response, done: (err: Error | null, body: unknown) => void): void {
  const stream = res as unknown as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (c: Buffer) => chunks.push(c));
  stream.on('end', () => done(null, Buffer.concat(chunks)));
}

const ROUTES = [
  'cases',
  'on-time',
  'backlog',
  'outcomes',
  'revocations',
  'commitments',
  'publication',
] as const;

/** The statistics over HTTP: who may read which figures, each answer as documented, the business metrics. */
describe('statistics (e2e)', () => {
  let t: TestApp;
  let validate: (path: string, body: unknown) => string[];
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    admin = await loginAs(t, 'admin');
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Json }> }>>;
      components: { schemas: Json };
    };
    const ajv = new Ajv({ allErrors: true, unknownFormats: 'ignore' });
    ajv.addSchema({ components: { schemas: strict(doc.components.schemas) } }, 'doc');
    validate = (path, body) => {
      const content = doc.paths[path]?.get?.responses['200']?.content?.['application/json'] as
        { schema: Json } | undefined;
      if (!content) return [`GET ${path} documents no 200 answer`];
      const check = ajv.compile({ $ref: `doc${(content.schema.$ref as string) ?? ''}` });
      return check(body) ? [] : (check.errors ?? []).map((e) => `${e.dataPath} ${e.message}`);
    };

    // A record published 2026-06-01 for a decision of 05-25 (due 06-03: on time), and an objection accepted.
    const officer = await loginAs(t, 'officer-xuyi');
    const applicant = await loginAs(t, 'applicant-a');
    const record = await authed(t, officer)
      .post('/api/v1/credit-records', {
        subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        decisionNumber: '盱交罚〔2026〕S1号',
        decisionDate: '2026-05-25',
        facts: '未按规定进行车辆年度审验。',
      })
      .expect(201);
    const filed = await authed(t, applicant)
      .post('/api/v1/objections', {
        recordId: record.body.id,
        ground: 'wrong',
        statement: '处罚决定书载明的车辆号牌与本公司车辆不符。',
        commitment: { content: '本单位承诺所提交的异议申请及证明材料真实、合法、有效。', consent: true },
      })
      .expect(201);
    await authed(t, officer).post(`/api/v1/objections/${filed.body.id}/accept`, {}).expect(200);
    await t.app.get(StatisticsProjector).subscription.drainHeldBack(15_000);
  });
  afterAll(() => t.close());

  it('answers every figure as documented, with the figures of the events', async () => {
    const bodies: Record<string, Json> = {};
    for (const route of ROUTES) {
      const res = await authed(t, admin).get(`/api/v1/statistics/${route}?month=2026-06&groupBy=authority`);
      expect(res.status).toBe(200);
      expect(validate(`/api/v1/statistics/${route}`, res.body)).toEqual([]);
      bodies[route] = res.body as Json;
    }
    expect(bodies.cases).toMatchObject({ total: { opened: 1, decided: 0, pending: 1 } });
    expect(bodies.publication).toMatchObject({ total: { published: 1, onTime: 1, rate: 1 } });
    expect(bodies['on-time']).toMatchObject({
      total: { stages: [{ stage: 'objection.acceptance', decided: 1, onTime: 1, rate: 1 }] },
      groups: [{ key: '320000', label: { zh: expect.any(String) } }],
    });
    const list = await authed(t, admin).get('/api/v1/statistics/cases/list?month=2026-06&figure=pending');
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    expect(validate('/api/v1/statistics/cases/list', list.body)).toEqual([]);
    const fresh = await authed(t, admin).get('/api/v1/statistics/freshness').expect(200);
    expect(fresh.body).toMatchObject({ upToDate: true, eventsBehind: 0 });
    expect(validate('/api/v1/statistics/freshness', fresh.body)).toEqual([]);
  });

  it('keeps each reader within its scope', async () => {
    const county = await loginAs(t, 'auditor-xuyi');
    const province = await loginAs(t, 'auditor-province');
    const officer = await loginAs(t, 'officer-xuyi');
    const reviewer = await loginAs(t, 'reviewer-xuyi');
    await authed(t, officer).get('/api/v1/statistics/cases').expect(403);
    const outside = await authed(t, county).get('/api/v1/statistics/cases?authority=320000').expect(404);
    expect(outside.body.code).toBe('NOT_FOUND');
    const own = await authed(t, county).get('/api/v1/statistics/cases?month=2026-06').expect(200);
    expect(own.body.context.authority.code).toBe('320830');
    const drilled = await authed(t, province)
      .get('/api/v1/statistics/cases?month=2026-06&groupBy=authority')
      .expect(200);
    expect(drilled.body.groups.map((g: Json) => g.key)).toEqual(['320800']);
    await authed(t, reviewer).get('/api/v1/statistics/on-time?month=2026-06').expect(200);
  });

  it('refuses a period that is not one', async () => {
    const reversed = await authed(t, admin)
      .get('/api/v1/statistics/cases?from=2026-06-30&to=2026-06-01')
      .expect(400);
    expect(reversed.body).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ field: 'to', code: 'STATISTICS.PERIOD_INVALID' }],
    });
    await authed(t, admin).get('/api/v1/statistics/cases?month=2026-13').expect(400);
    await authed(t, admin).get('/api/v1/statistics/cases?groupBy=subject').expect(400);
  });

  it('serves the monthly report as XLSX and PDF, the same bytes each time, within the caller’s scope', async () => {
    const report = (token: string, query: string) =>
      authed(t, token).get(`/api/v1/statistics/reports/monthly?${query}`).buffer(true).parse(binary);
    const xlsx = await report(admin, 'month=2026-06&format=xlsx').expect(200);
    expect(xlsx.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(xlsx.headers['content-disposition']).toContain(
      encodeURIComponent('信用修复监管月报-2026-06-全国.xlsx'),
    );
    const again = await report(admin, 'month=2026-06&format=xlsx').expect(200);
    expect((again.body as Buffer).equals(xlsx.body as Buffer)).toBe(true);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body as ExcelJS.Buffer);
    expect(workbook.getWorksheet('双公示 Publication')!.getRow(3).values).toEqual([undefined, 1, 1, 0, 1]);

    const pdf = await report(admin, 'month=2026-06&format=pdf').expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');

    const county = await loginAs(t, 'auditor-xuyi');
    await report(county, 'month=2026-06&format=pdf').expect(200);
    await report(county, 'month=2026-06&format=pdf&authority=320000').expect(404);
    await report(await loginAs(t, 'officer-xuyi'), 'month=2026-06&format=pdf').expect(403);
    await report(admin, 'month=2026-06&format=csv').expect(400);

    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, { get: { responses: Record<string, { content: Json }> } }>;
    };
    const documented = doc.paths['/api/v1/statistics/reports/monthly'].get.responses['200'].content;
    expect(Object.keys(documented).sort()).toEqual([
      'application/pdf',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    ]);
  });

  it('exports cases by state, overdue clocks and decisions to Prometheus', async () => {
    const res = await t.http.get('/metrics').expect(200);
    expect(res.text).toMatch(/credence_cases\{type="objection",state="verification"\} 1/);
    expect(res.text).toContain('# TYPE credence_clocks_overdue gauge');
    expect(res.text).toContain('# TYPE credence_decisions gauge');
  });
});
