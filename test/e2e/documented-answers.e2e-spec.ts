import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import Ajv from 'ajv';
import { AccessLog, DecisionProjector, LedgerSealer } from '@credence/audit';
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
  let validate: (path: string, body: unknown, method?: 'get' | 'post', status?: string) => string[];
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
    validate = (path, body, method = 'get', status = method === 'get' ? '200' : '201') => {
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

  it("documents the workbench's reads: who holds a step, colleagues, comments and a bulk claim", async () => {
    const recordId = await record('盱交罚〔2026〕W1号');
    const file = await t.http
      .post('/api/v1/files')
      .auth(applicant, { type: 'bearer' })
      .attach('file', samplePdf('documented-workbench'), '罚款缴纳凭证.pdf')
      .expect(201);
    const created = await authed(t, applicant)
      .post('/api/v1/repair-applications', {
        recordId,
        materials: [{ fileId: file.body.id, category: 'correction_proof' }],
        commitment: { content: '本单位承诺已纠正失信行为，所提交材料真实有效。', consentToPublish: true },
      })
      .expect(201);
    const id = created.body.id as string;
    await authed(t, applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);

    const claimed = await authed(t, officer)
      .post('/api/v1/work-items/claim', { caseIds: [id] })
      .expect(200);
    expect(claimed.body).toMatchObject([{ caseId: id, ok: true }]);
    expect(validate('/api/v1/work-items/claim', claimed.body, 'post', '200')).toEqual([]);
    const refused = await authed(t, officer)
      .post('/api/v1/work-items/claim', { caseIds: [id] })
      .expect(200);
    expect(refused.body).toMatchObject([
      { caseId: id, ok: false, error: { code: 'WORKBENCH.ALREADY_HOLDER' } },
    ]);
    expect(validate('/api/v1/work-items/claim', refused.body, 'post', '200')).toEqual([]);
    await authed(t, officer).post(`/api/v1/cases/${id}/comments`, { comment: '请核实缴款凭证' }).expect(201);

    const work = await authed(t, officer).get(`/api/v1/cases/${id}/work`).expect(200);
    expect(validate('/api/v1/cases/{id}/work', work.body)).toEqual([]);
    const colleagues = await authed(t, officer).get('/api/v1/work-items/colleagues').expect(200);
    expect(colleagues.body.length).toBeGreaterThan(1);
    expect(validate('/api/v1/work-items/colleagues', colleagues.body)).toEqual([]);
    const comments = await authed(t, officer).get(`/api/v1/cases/${id}/comments`).expect(200);
    expect(comments.body).toMatchObject([{ comment: '请核实缴款凭证' }]);
    expect(validate('/api/v1/cases/{id}/comments', comments.body)).toEqual([]);
    const targets = await authed(t, officer).get(`/api/v1/cases/${id}/return-targets`).expect(200);
    expect(validate('/api/v1/cases/{id}/return-targets', targets.body)).toEqual([]);
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

  it("documents the auditor's reads: search, trail, time travel, access log, checkpoint, verification, evidence", async () => {
    const auditor = await loginAs(t, 'auditor-xuyi');
    const recordId = await record('盱交罚〔2026〕A1号');
    await authed(t, officer)
      .post(`/api/v1/credit-records/${recordId}/shield`, { reasons: ['法院裁定批准重整计划'] })
      .expect(200);
    await t.app.get(DecisionProjector).catchUp();
    await t.app.get(LedgerSealer).sealAll({ checkpoint: true, waitMs: 10_000 });
    const read = async (path: string, documented: string) => {
      const res = await authed(t, auditor).get(path).expect(200);
      expect([documented, validate(documented, res.body)]).toEqual([documented, []]);
      return res.body as Json;
    };

    const found = await read(`/api/v1/audit/decisions?subject=${SUBJECT.code}`, '/api/v1/audit/decisions');
    expect((found.items as unknown[]).length).toBeGreaterThan(0);
    await read(`/api/v1/audit/cases/${recordId}/trail`, '/api/v1/audit/cases/{id}/trail');
    const at = encodeURIComponent(new Date().toISOString());
    const asOf = await read(
      `/api/v1/audit/cases/${recordId}/as-of?at=${at}`,
      '/api/v1/audit/cases/{id}/as-of',
    );
    expect((asOf.clocks as unknown[]).length + (asOf.timers as unknown[]).length).toBeGreaterThan(0);
    await read(
      `/api/v1/audit/credit-records/${recordId}/as-of?at=${at}`,
      '/api/v1/audit/credit-records/{id}/as-of',
    );
    await t.app.get(AccessLog).flush();
    const log = await read('/api/v1/audit/access-log?actor=auditor-xuyi', '/api/v1/audit/access-log');
    expect((log.items as unknown[]).length).toBeGreaterThan(0);
    await read('/api/v1/audit/checkpoints/latest', '/api/v1/audit/checkpoints/latest');
    await read('/api/v1/audit/public-key', '/api/v1/audit/public-key');
    const evidence = await read(`/api/v1/audit/evidence?caseId=${recordId}`, '/api/v1/audit/evidence');
    expect(evidence.unsealedEvents).toEqual([]);

    const started = await authed(t, auditor).post('/api/v1/audit/verifications', {}).expect(202);
    expect(validate('/api/v1/audit/verifications', started.body, 'post', '202')).toEqual([]);
    let job: Json = {};
    for (let i = 0; i < 200 && !job.done; i++) {
      if (i > 0) await new Promise((resolve) => setTimeout(resolve, 50));
      job = (await authed(t, auditor).get(`/api/v1/audit/verifications/${started.body.id}`).expect(200)).body;
      expect(validate('/api/v1/audit/verifications/{id}', job)).toEqual([]);
    }
    expect(job).toMatchObject({ status: 'done', ok: true });
  });

  it("documents the administration's reads: calendar, time limits, deadlines, settings, rule sets, platforms", async () => {
    const admin = await loginAs(t, 'admin');
    const read = async (path: string, documented = path) => {
      const res = await authed(t, admin).get(path).expect(200);
      expect([documented, validate(documented, res.body)]).toEqual([documented, []]);
      return res.body as unknown;
    };
    const written = (path: string, body: unknown) =>
      expect([path, validate(path, body, 'post')]).toEqual([path, []]);

    expect((await read('/api/v1/calendar/schedules')) as unknown[]).not.toHaveLength(0);
    await read('/api/v1/calendar/schedules/2026', '/api/v1/calendar/schedules/{year}');
    const loaded = await authed(t, admin)
      .post('/api/v1/calendar/schedules', {
        year: 2199,
        region: '540000',
        source: '西藏自治区地方节日安排',
        festivals: [{ name: '藏历新年', holidays: ['2199-02-20'], makeupWorkdays: [] }],
      })
      .expect(201);
    written('/api/v1/calendar/schedules', loaded.body);
    await read('/api/v1/time-limits');
    const limit = await authed(t, admin)
      .post('/api/v1/time-limits', {
        key: 'objection.verification',
        authorityCode: '320830',
        workingDays: 12,
        effectiveFrom: '2199-01-01',
        labelZh: '核实时限',
        labelEn: 'Verification',
        legalBasisZh: '盱眙县规定',
        legalBasisEn: 'Local rule',
      })
      .expect(201);
    written('/api/v1/time-limits', limit.body);
    await read('/api/v1/deadlines?status=running', '/api/v1/deadlines');
    const setting = await authed(t, admin)
      .post('/api/v1/authority-policies', {
        key: 'workbench.urge-interval',
        authorityCode: '320830',
        value: 3,
        effectiveFrom: '2199-01-01',
        reason: '本地规定',
      })
      .expect(201);
    written('/api/v1/authority-policies', setting.body);
    await read('/api/v1/rule-sets');
    await t.http
      .put('/api/v1/platforms/credit-jiangsu')
      .auth(admin, { type: 'bearer' })
      .send({
        name: '信用江苏',
        transport: 'http',
        endpoint: 'https://receiver.example.gov.cn/credence/messages',
        secret: 'a-signing-key-of-at-least-32-characters',
      })
      .expect(201);
    expect((await read('/api/v1/platforms')) as unknown[]).toHaveLength(1);
    await read('/api/v1/platforms/credit-jiangsu/history', '/api/v1/platforms/{code}/history');
  });

  it('fails an answer that carries a member the documentation does not name', () => {
    expect(
      validate('/api/v1/credit-records', { items: [], total: 0, page: 1, pageSize: 20, extra: 1 }),
    ).not.toEqual([]);
  });
});
