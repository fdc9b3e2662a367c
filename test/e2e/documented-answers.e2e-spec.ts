import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import { DEMO_SUBJECTS } from '@credence/identity';
import { samplePdf } from '../../libs/materials/src/testing/sample-files';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda;
type Json = Record<string, unknown>;

/**
 * The documented schema as a strict JSON Schema: OpenAPI's `nullable` becomes "or null", and an object lists every
 * member it may have unless it says otherwise (additionalProperties: true), so an answer member the documentation
 * forgot fails as surely as a documented member the answer lacks.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, ...rest } = schema as Json;
  const out: Json = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, strict(v)]));
  if (out.properties && out.additionalProperties === undefined) out.additionalProperties = false;
  return nullable === true ? { anyOf: [{ type: 'null' }, out] } : out;
}

/**
 * The typed console reads these answers through the generated client (apps/console/src/api/schema.d.ts): a real
 * answer of each route must match what the OpenAPI document says it returns, member for member.
 */
describe('documented answers (e2e)', () => {
  let t: TestApp;
  let validate: (path: string, body: unknown, method?: 'get' | 'post') => string[];
  let officer: string;
  let applicant: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    [officer, applicant] = await Promise.all(['officer-xuyi', 'applicant-a'].map((u) => loginAs(t, u)));
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { responses: Record<string, { content?: Json }> }>>;
      components: { schemas: Json };
    };
    const ajv = new Ajv({ allErrors: true, unknownFormats: 'ignore' });
    ajv.addSchema({ components: { schemas: strict(doc.components.schemas) } }, 'doc');
    validate = (path, body, method = 'get') => {
      const status = method === 'get' ? '200' : '201';
      const content = doc.paths[path]?.[method]?.responses[status]?.content?.['application/json'] as
        { schema: Json } | undefined;
      if (!content) return [`${method.toUpperCase()} ${path} documents no ${status} answer`];
      const check = ajv.compile({ $ref: `doc${(content.schema.$ref as string) ?? ''}` });
      return check(body)
        ? []
        : (check.errors ?? []).map((e) => `${e.dataPath} ${e.message} ${JSON.stringify(e.params)}`);
    };
  });
  afterAll(() => t.close());

  async function record(decisionNumber: string): Promise<string> {
    const res = await authed(t, officer)
      .post('/api/v1/credit-records', {
        subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        decisionNumber,
        decisionDate: '2026-01-05',
        facts: '未按规定进行车辆年度审验。',
      })
      .expect(201);
    return res.body.id as string;
  }

  it('documents the credit-record list as it answers', async () => {
    await record('盱交罚〔2026〕D1号');
    const page = await authed(t, applicant).get('/api/v1/credit-records').expect(200);
    expect(page.body.items.length).toBeGreaterThan(0);
    expect(validate('/api/v1/credit-records', page.body)).toEqual([]);
  });

  it('documents a repair application, with its open 补正 request, and its generic case view', async () => {
    const recordId = await record('盱交罚〔2026〕D2号');
    const file = await t.http
      .post('/api/v1/files')
      .auth(applicant, { type: 'bearer' })
      .attach('file', samplePdf('documented-answer'), '罚款缴纳凭证.pdf')
      .expect(201);
    const created = await authed(t, applicant)
      .post('/api/v1/repair-applications', {
        recordId,
        materials: [{ fileId: file.body.id, category: 'correction_proof' }],
        commitment: { content: '本单位承诺已纠正失信行为，所提交材料真实有效。', consentToPublish: true },
      })
      .expect(201);
    expect(validate('/api/v1/repair-applications', created.body, 'post')).toEqual([]);
    const id = created.body.id as string;
    await authed(t, applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    await authed(t, officer)
      .post(`/api/v1/repair-applications/${id}/request-supplement`, {
        items: ['罚款缴纳凭证'],
        reasons: ['缺少罚款缴纳凭证'],
      })
      .expect(200);

    const view = await authed(t, applicant).get(`/api/v1/repair-applications/${id}`).expect(200);
    expect(view.body.data.supplementRequest).toMatchObject({ items: ['罚款缴纳凭证'] });
    expect(view.body.trail.length).toBeGreaterThan(0);
    expect(validate('/api/v1/repair-applications/{id}', view.body)).toEqual([]);
    const generic = await authed(t, officer).get(`/api/v1/cases/${id}`).expect(200);
    expect(validate('/api/v1/cases/{id}', generic.body)).toEqual([]);
    const diagram = await authed(t, officer).get(`/api/v1/cases/${id}/diagram`).expect(200);
    expect(diagram.body.states.length).toBeGreaterThan(0);
    expect(validate('/api/v1/cases/{id}/diagram', diagram.body)).toEqual([]);

    // The lists, as the applicant and the authority read them, and the commitment the application made.
    for (const token of [applicant, officer]) {
      const list = await authed(t, token).get('/api/v1/repair-applications').expect(200);
      expect(list.body.items.map((i: Json) => i.id)).toContain(id);
      expect(validate('/api/v1/repair-applications', list.body)).toEqual([]);
    }
    const commitments = await authed(t, applicant).get('/api/v1/commitments').expect(200);
    expect(commitments.body.items.length).toBeGreaterThan(0);
    expect(validate('/api/v1/commitments', commitments.body)).toEqual([]);
  });

  it('documents an objection, with its 补正 requests, the record now and its trail', async () => {
    const recordId = await record('盱交罚〔2026〕D3号');
    const filed = await authed(t, applicant)
      .post('/api/v1/objections', {
        recordId,
        ground: 'wrong',
        statement: '处罚决定书载明的车辆号牌与本公司车辆不符。',
        commitment: {
          content: '本单位承诺所提交的异议申请及证明材料真实、合法、有效。',
          consent: true,
        },
      })
      .expect(201);
    expect(validate('/api/v1/objections', filed.body, 'post')).toEqual([]);
    const id = filed.body.id as string;
    await authed(t, officer)
      .post(`/api/v1/objections/${id}/request-supplement`, { items: ['车辆行驶证复印件'] })
      .expect(200);

    const view = await authed(t, applicant).get(`/api/v1/objections/${id}`).expect(200);
    expect(view.body.data.supplementRequests).toHaveLength(1);
    expect(view.body.recordNow).toMatchObject({ id: recordId });
    expect(validate('/api/v1/objections/{id}', view.body)).toEqual([]);
    for (const token of [applicant, officer]) {
      const list = await authed(t, token).get('/api/v1/objections').expect(200);
      expect(list.body.items.map((i: Json) => i.id)).toContain(id);
      expect(validate('/api/v1/objections', list.body)).toEqual([]);
    }
  });

  it('fails an answer that carries a member the documentation does not name', () => {
    expect(
      validate('/api/v1/credit-records', { items: [], total: 0, page: 1, pageSize: 20, extra: 1 }),
    ).not.toEqual([]);
  });
});
