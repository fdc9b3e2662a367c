import { DEMO_SUBJECTS } from '@credence/identity';
import { samplePdf } from '../../libs/materials/src/testing/sample-files';
import { startSmtpSink } from '../../libs/notifications/src/testing/smtp-sink';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda;
const ITEMS = ['罚款缴纳凭证', '整改报告'];
const REASON = '缺少罚款缴纳凭证和整改报告，无法判断是否已履行处罚决定';

/** Waits (wall clock, through the worker's own loops) until `probe` answers something. */
async function within<T>(ms: number, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const found = await probe();
    if (found !== undefined) return found;
    if (Date.now() > deadline) throw new Error(`nothing within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface Item {
  id: string;
  eventType: string;
  title: string;
  body: string;
  data: { items?: string[]; reasons?: string[] };
  readAt: string | null;
}

/**
 * Notifications (issue #17) through HTTP with the worker running in the process: the applicant's inbox shows a 补正
 * request with its items and reason within seconds, e-mail goes out over SMTP, and what fails is an incident an admin
 * retries.
 */
describe('inbox, outward messages and incidents (e2e)', () => {
  let t: TestApp;
  let sink: Awaited<ReturnType<typeof startSmtpSink>>;
  let officer: string;
  let applicant: string;
  let otherApplicant: string;
  let admin: string;
  let auditor: string;
  let farAuditor: string;
  let applicationId: string;
  const as = (token: string) => authed(t, token);
  const inbox = async (token: string, query = '', language = 'zh-CN') =>
    (
      await t.http
        .get(`/api/v1/inbox${query}`)
        .auth(token, { type: 'bearer' })
        .set('Accept-Language', language)
        .expect(200)
    ).body as { unreadCount: number; total: number; items: Item[] };

  beforeAll(async () => {
    sink = await startSmtpSink();
    sink.state.refuse = 1_000; // the mail server is down until a test says otherwise
    t = await createTestApp({
      RUN_WORKER: 'true',
      WORKER_POLL_MS: '50',
      SMTP_URL: sink.url,
      OUTWARD_MAX_ATTEMPTS: '1',
    });
    await seedDemoIdentities(t);
    [officer, applicant, otherApplicant, admin, auditor] = await Promise.all(
      ['officer-xuyi', 'applicant-a', 'applicant-b', 'admin', 'auditor-xuyi'].map((u) => loginAs(t, u)),
    );
    await as(admin)
      .post('/api/v1/accounts', {
        username: 'auditor-ziyang',
        password: t.env.DEMO_PASSWORD,
        displayName: '资阳市审计',
        role: 'auditor',
        authorityCode: '512000',
      })
      .expect(201);
    farAuditor = await loginAs(t, 'auditor-ziyang');
  });
  afterAll(async () => {
    await t.close();
    await sink.close();
  });

  it('keeps a contact preference per account, validated', async () => {
    const bad = await t.http
      .put('/api/v1/inbox/contact')
      .auth(applicant, { type: 'bearer' })
      .send({ email: 'not-an-address', channels: ['fax'] })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const set = await t.http
      .put('/api/v1/inbox/contact')
      .auth(applicant, { type: 'bearer' })
      .send({ email: 'tongda@example.com', channels: ['email'] })
      .expect(200);
    expect(set.body).toEqual({
      email: 'tongda@example.com',
      phone: null,
      language: 'zh-CN',
      channels: ['email'],
    });
    expect((await as(applicant).get('/api/v1/inbox/contact').expect(200)).body.email).toBe(
      'tongda@example.com',
    );
  });

  it('shows the applicant a 补正 request with its items and reason within seconds, and the officer the new work', async () => {
    const record = await as(officer)
      .post('/api/v1/credit-records', {
        subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        decisionNumber: '盱交罚〔2026〕N1号',
        decisionDate: '2026-01-05',
        facts: '未按规定进行车辆年度审验。',
      })
      .expect(201);
    const file = await t.http
      .post('/api/v1/files')
      .auth(applicant, { type: 'bearer' })
      .attach('file', samplePdf('notify-proof'), '罚款缴纳凭证.pdf')
      .expect(201);
    const created = await as(applicant)
      .post('/api/v1/repair-applications', {
        recordId: record.body.id,
        materials: [{ fileId: file.body.id, category: 'correction_proof' }],
        commitment: { content: '本单位承诺已纠正失信行为，所提交材料真实有效。', consentToPublish: true },
      })
      .expect(201);
    applicationId = created.body.id;
    await as(applicant).post(`/api/v1/repair-applications/${applicationId}/submit`).expect(200);
    await as(officer)
      .post(`/api/v1/repair-applications/${applicationId}/request-supplement`, {
        items: ITEMS,
        reasons: [REASON],
      })
      .expect(200);

    const started = Date.now();
    const told = await within(5_000, async () =>
      (await inbox(applicant)).items.find((n) => n.eventType === 'RepairSupplementRequested'),
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(told.title).toMatch(/^请补正材料：XF-320830-2026-\d{6}$/);
    expect(told.body).toContain('补正事项：罚款缴纳凭证；整改报告。');
    expect(told.body).toContain(`理由：${REASON}。`);
    expect(told.data).toMatchObject({ items: ITEMS, reasons: [REASON] });
    expect(told.readAt).toBeNull();
    const english = (await inbox(applicant, '', 'en')).items.find((n) => n.id === told.id)!;
    expect(english.title).toMatch(/^Please supply missing items: XF-/);

    const work = await within(5_000, async () =>
      (await inbox(officer)).items.find((n) => n.eventType === 'RepairApplicationSubmitted'),
    );
    expect(work.body).toContain(SUBJECT.name);
    // The officer asked: the officer is not told of the request.
    expect((await inbox(officer)).items.map((n) => n.eventType)).not.toContain('RepairSupplementRequested');
  });

  it('marks read only the caller’s own notifications; another account’s are absent', async () => {
    const before = await inbox(applicant);
    const [first] = before.items;
    expect(before.unreadCount).toBeGreaterThan(0);
    const foreign = await as(otherApplicant).post(`/api/v1/inbox/${first.id}/read`).expect(404);
    expect(foreign.body.code).toBe('NOT_FOUND');
    expect((await inbox(otherApplicant)).items.map((n) => n.id)).not.toContain(first.id);
    await as(applicant).post('/api/v1/inbox/not-a-uuid/read').expect(404);

    const read = await as(applicant).post(`/api/v1/inbox/${first.id}/read`).expect(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await as(applicant).post(`/api/v1/inbox/${first.id}/read`).expect(200);
    expect(again.body.readAt).toBe(read.body.readAt); // the first reading stays
    expect((await inbox(applicant)).unreadCount).toBe(before.unreadCount - 1);
    expect((await inbox(applicant, '?unread=true')).items.map((n) => n.id)).not.toContain(first.id);

    const all = await as(applicant).post('/api/v1/inbox/read-all').expect(200);
    expect(all.body).toEqual({ marked: before.unreadCount - 1, unreadCount: 0 });
    expect(await inbox(applicant, '?unread=true')).toMatchObject({ unreadCount: 0, total: 0, items: [] });
    await t.http.get('/api/v1/inbox?unread=maybe').auth(applicant, { type: 'bearer' }).expect(400);
  });

  it('shows an e-mail the server kept refusing as an incident, within scope, and an admin’s retry sends it', async () => {
    type Incident = { id: string; kind: string; channel: string; attempts: number; error: string };
    const listed = async (token: string, query = '') =>
      (await as(token).get(`/api/v1/incidents${query}`).expect(200)).body as {
        total: number;
        items: Incident[];
      };
    const dead = await within(
      5_000,
      async () => (await listed(admin, '?kind=outward_dead&channel=email')).items[0],
    );
    expect(dead).toMatchObject({ channel: 'email', attempts: 1, error: expect.stringContaining('451') });
    expect((await listed(auditor, '?kind=outward_dead')).items.map((i) => i.id)).toContain(dead.id);
    expect((await listed(farAuditor, '?kind=outward_dead')).items.map((i) => i.id)).not.toContain(dead.id);
    await as(applicant).get('/api/v1/incidents').expect(403);
    await as(auditor)
      .post('/api/v1/incidents/retry', { ids: [dead.id] })
      .expect(403);
    const malformed = await as(admin)
      .post('/api/v1/incidents/retry', { ids: ['outward:1'] })
      .expect(400);
    expect(malformed.body.code).toBe('VALIDATION_FAILED');
    await as(admin)
      .post('/api/v1/incidents/retry', { ids: [dead.id, 'outward:00000000-0000-4000-8000-000000000000'] })
      .expect(404);

    sink.state.refuse = 0; // the mail server is back
    const retried = await as(admin)
      .post('/api/v1/incidents/retry', { ids: [dead.id] })
      .expect(200);
    expect(retried.body).toEqual({ results: [{ id: dead.id, outcome: 'requeued', detail: null }] });
    const messageId = dead.id.slice('outward:'.length);
    const mail = await within(5_000, () =>
      Promise.resolve(sink.received.find((m) => m.raw.includes(messageId))),
    );
    expect(mail.to).toEqual(['tongda@example.com']);
    await within(5_000, async () =>
      (await listed(admin, '?kind=outward_dead')).items.some((i) => i.id === dead.id) ? undefined : true,
    );
    const { rows } = await t.database.db.query(
      `SELECT r.outcome, a.username FROM incident_retries r JOIN accounts a ON a.id = r.actor_id WHERE incident_id = $1`,
      [dead.id],
    );
    expect(rows).toEqual([{ outcome: 'requeued', username: 'admin' }]);
  });

  it('lets an admin set an account’s contact details, and nobody else', async () => {
    const { rows } = await t.database.db.query<{ id: string }>(
      `SELECT id::text FROM accounts WHERE username = 'officer-xuyi'`,
    );
    await t.http
      .put(`/api/v1/accounts/${rows[0].id}/contact`)
      .auth(admin, { type: 'bearer' })
      .send({ phone: '+8613800138000', language: 'en' })
      .expect(200);
    await t.http
      .put(`/api/v1/accounts/${rows[0].id}/contact`)
      .auth(officer, { type: 'bearer' })
      .send({ phone: '13800138000' })
      .expect(403);
    expect((await as(officer).get('/api/v1/inbox/contact').expect(200)).body).toMatchObject({
      phone: '+8613800138000',
      language: 'en',
    });
  });
});
