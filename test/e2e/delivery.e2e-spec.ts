import { createHash } from 'node:crypto';
import { DEMO_SUBJECTS } from '@credence/identity';
import { DeliveryRelay, signature, SyncClocks } from '@credence/delivery';
import { ReactionRunner } from '@credence/workflow';
import { FakeReceiver } from '../../libs/delivery/src/testing/fake-receiver';
import { samplePdf } from '../../libs/materials/src/testing/sample-files';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda;
const CHINA_SECRET = 'credit-china-secret-0123456789abcdefghij';
const AGENCY_SECRET = 'credit-agencies-secret-0123456789abcdefgh';
const LEGAL = '《信用修复管理办法》（国家发展和改革委员会令第36号）第十二条';
const COMMITMENT = {
  content: '本单位承诺已纠正失信行为，所提交材料真实有效，自愿接受社会监督，如违反承诺愿承担相应责任。',
  consentToPublish: true,
};

interface Delivery {
  messageId: string;
  topic: string;
  platform: { code: string; registered: boolean };
  status: string;
  waitingFor: string | null;
  overdue: boolean;
  history: { kind: string; outcome: string }[];
}

/** Delivery to other platforms with receipts (issue #17) against a fake 信用中国, a real HTTP server. */
describe('delivery (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let reviewer: string;
  let applicant: string;
  let china: FakeReceiver;
  let relay: DeliveryRelay;
  let serial = 0;
  const as = (token: string) => authed(t, token);

  /** A general record decided in January, applied for, accepted and approved by the officer: the application id. */
  async function approvedApplication(): Promise<string> {
    serial += 1;
    const recordId = (
      await as(officer)
        .post('/api/v1/credit-records', {
          subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
          kind: 'administrative_penalty',
          severity: 'general',
          field: 'road_transport',
          decisionNumber: `盱交罚〔2026〕D${serial}号`,
          decisionDate: '2026-01-05',
          facts: '未按规定进行车辆年度审验。',
          legalBasis: '《道路运输条例》第七十条',
        })
        .expect(201)
    ).body.id as string;
    const file = await t.http
      .post('/api/v1/files')
      .auth(applicant, { type: 'bearer' })
      .attach('file', samplePdf(`delivery-${serial}`), '罚款缴纳凭证.pdf')
      .expect(201);
    const id = (
      await as(applicant)
        .post('/api/v1/repair-applications', {
          recordId,
          materials: [{ fileId: file.body.id, category: 'correction_proof' }],
          commitment: COMMITMENT,
        })
        .expect(201)
    ).body.id as string;
    await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    await as(officer).post(`/api/v1/repair-applications/${id}/accept`).expect(200);
    await as(officer)
      .post(`/api/v1/repair-applications/${id}/approve`, { legalBasis: LEGAL, reasons: ['已履行处罚决定'] })
      .expect(200);
    await t.app.get(ReactionRunner).drain();
    return id;
  }

  const deliveries = async (caseId: string, token = officer) =>
    (await as(token).get(`/api/v1/cases/${caseId}/deliveries`).expect(200)).body.deliveries as Delivery[];

  /** A receipt as the platform sends it: the exact body bytes, signed with its secret at `at`. */
  function receipt(
    messageId: string,
    body: object,
    platform = 'credit-china',
    secret = CHINA_SECRET,
    at = t.clock.now(),
  ) {
    const raw = JSON.stringify(body);
    const timestamp = String(Math.floor(at.getTime() / 1000));
    return t.http
      .post(`/api/v1/deliveries/${messageId}/receipt`)
      .set('Content-Type', 'application/json')
      .set('X-Credence-Platform', platform)
      .set('X-Credence-Timestamp', timestamp)
      .set('X-Credence-Signature', signature(secret, timestamp, raw))
      .send(raw);
  }

  beforeAll(async () => {
    t = await createTestApp({
      DELIVERY_BACKOFF_BASE_MS: '1000',
      PUBLIC_BASE_URL: 'https://credence.example.gov.cn',
    });
    await seedDemoIdentities(t);
    [admin, officer, reviewer, applicant] = await Promise.all(
      ['admin', 'officer-xuyi', 'reviewer-xuyi', 'applicant-a'].map((u) => loginAs(t, u)),
    );
    china = await new FakeReceiver(CHINA_SECRET).start();
    relay = t.app.get(DeliveryRelay);
    relay.random = () => 1;
  });
  afterAll(async () => {
    await china.stop();
    await t.close();
  });

  it('platforms are data an admin registers; secrets are never shown; changes are recorded', async () => {
    const body = { name: '信用中国', transport: 'http', endpoint: china.url, secret: CHINA_SECRET };
    await t.http
      .put('/api/v1/platforms/credit-china')
      .auth(officer, { type: 'bearer' })
      .send(body)
      .expect(403);
    const bad = await t.http
      .put('/api/v1/platforms/credit-china')
      .auth(admin, { type: 'bearer' })
      .send({ ...body, endpoint: 'ftp://example.org' })
      .expect(422);
    expect(bad.body.code).toBe('PLATFORM.INVALID_SETTING');
    const created = await t.http
      .put('/api/v1/platforms/credit-china')
      .auth(admin, { type: 'bearer' })
      .send(body)
      .expect(201);
    expect(created.body).toMatchObject({ code: 'credit-china', transport: 'http', secretSet: true });
    expect(JSON.stringify(created.body)).not.toContain(CHINA_SECRET);
    const { secret: _kept, ...rename } = body;
    await t.http
      .put('/api/v1/platforms/credit-china')
      .auth(admin, { type: 'bearer' })
      .send({ ...rename, name: '信用中国网站' })
      .expect(200);
    const list = await as(admin).get('/api/v1/platforms').expect(200);
    expect(JSON.stringify(list.body)).not.toContain(CHINA_SECRET);
    expect(list.body[0]).toMatchObject({
      name: '信用中国网站',
      secretFingerprint: created.body.secretFingerprint,
    });
    const history = await as(admin).get('/api/v1/platforms/credit-china/history').expect(200);
    expect(
      history.body.map((h: { change: string; secretChanged: boolean }) => [h.change, h.secretChanged]),
    ).toEqual([
      ['registered', true],
      ['changed', false],
    ]);
    await t.http
      .put('/api/v1/platforms/credit-agencies')
      .auth(admin, { type: 'bearer' })
      .send({
        name: '信用服务机构',
        transport: 'http',
        endpoint: 'http://127.0.0.1:9/none',
        secret: AGENCY_SECRET,
      })
      .expect(201);
  });

  it('an approval reaches 信用中国 signed and complete; a receiver failing twice gets it on the third attempt', async () => {
    const id = await approvedApplication();
    china.answers = [500, 502];
    await relay.deliverDue();
    t.clock.advance(1_000);
    await relay.deliverDue();
    t.clock.advance(2_000);
    await relay.deliverDue();
    const mine = china.received.filter((r) => JSON.parse(r.body).case?.id === id);
    expect(mine.map((r) => r.answered)).toEqual([500, 502, 200]);
    expect(new Set(mine.map((r) => r.messageId)).size).toBe(1);
    expect(mine.every((r) => r.verified)).toBe(true);

    const message = JSON.parse(mine[2].body);
    const pdf = await t.http
      .get(`/api/v1/repair-applications/${id}/decision.pdf`)
      .auth(applicant, { type: 'bearer' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(message).toMatchObject({
      messageId: mine[0].messageId,
      topic: 'credit-repair.approved',
      platform: 'credit-china',
      happened: { code: 'repaired' },
      subject: { code: SUBJECT.code, name: SUBJECT.name },
      authority: { code: '320830' },
      record: { decisionNumber: `盱交罚〔2026〕D${serial}号`, decisionDate: '2026-01-05' },
      decision: {
        legalBasis: LEGAL,
        reasons: ['已履行处罚决定'],
        document: {
          sha256: createHash('sha256')
            .update(pdf.body as Buffer)
            .digest('hex'),
          url: `https://credence.example.gov.cn/api/v1/deliveries/${mine[0].messageId}/document`,
        },
      },
    });
    expect(message.case.number).toMatch(/^XF-320830-/);

    const rows = await deliveries(id);
    const toChina = rows.find((d) => d.platform.code === 'credit-china')!;
    expect(toChina).toMatchObject({ status: 'delivered', messageId: mine[0].messageId });
    expect(toChina.history.map((h) => h.outcome)).toEqual(['failed', 'failed', 'received']);
    expect(rows.find((d) => d.platform.code === 'provincial-transport-credit')).toMatchObject({
      status: 'pending',
      waitingFor: 'platform-not-registered',
      platform: { registered: false },
    });
    // The applicant sees the case, so its deliveries; another subject's applicant does not (404).
    await as(applicant).get(`/api/v1/cases/${id}/deliveries`).expect(200);
    await as(await loginAs(t, 'applicant-b'))
      .get(`/api/v1/cases/${id}/deliveries`)
      .expect(404);

    // The platform fetches the document with its own signature over the message id.
    const ts = String(Math.floor(t.clock.now().getTime() / 1000));
    const doc = await t.http
      .get(`/api/v1/deliveries/${toChina.messageId}/document`)
      .set('X-Credence-Platform', 'credit-china')
      .set('X-Credence-Timestamp', ts)
      .set('X-Credence-Signature', signature(CHINA_SECRET, ts, toChina.messageId))
      .expect(200);
    expect(doc.headers.etag).toBe(`"${message.decision.document.sha256}"`);

    // Receipts: signed by the platform itself, fresh, for its own message.
    const done = { status: 'done' };
    await receipt(toChina.messageId, done, 'credit-china', 'wrong-secret-0123456789abcdefghijklmn').expect(
      401,
    );
    const stale = await receipt(
      toChina.messageId,
      done,
      'credit-china',
      CHINA_SECRET,
      new Date(t.clock.now().getTime() - 6 * 60_000),
    ).expect(401);
    expect(stale.body.code).toBe('DELIVERY.SIGNATURE_STALE');
    await receipt(toChina.messageId, done, 'credit-agencies', AGENCY_SECRET).expect(404);
    await as(officer).post(`/api/v1/deliveries/${toChina.messageId}/receipt`, done).expect(401);
    const confirmed = await receipt(toChina.messageId, done).expect(200);
    expect(confirmed.body).toMatchObject({ status: 'confirmed' });
    await receipt(toChina.messageId, done).expect(200);
    await receipt(toChina.messageId, { status: 'refused', reason: '格式错误' }).expect(409);
    const after = (await deliveries(id)).find((d) => d.platform.code === 'credit-china')!;
    expect(after.status).toBe('confirmed');
    expect(after.history.at(-1)).toMatchObject({ kind: 'receipt', outcome: 'done' });
  });

  it('an unconfirmed delivery is overdue after 3 working days, in /deadlines', async () => {
    const id = await approvedApplication();
    await relay.deliverDue();
    await t.app.get(SyncClocks).startPending();
    const toChina = (await deliveries(id)).find((d) => d.platform.code === 'credit-china')!;
    expect(toChina).toMatchObject({ status: 'delivered', overdue: false });
    const overdue = async () =>
      (
        (await as(officer).get('/api/v1/deadlines?status=overdue&pageSize=100').expect(200)).body.items as {
          caseId: string;
          clock: string;
        }[]
      ).filter((d) => d.caseId === id);
    expect(await overdue()).toEqual([]);
    t.clock.advance(7 * 24 * 3600_000); // a week: more than 3 working days
    expect((await overdue()).map((d) => d.clock)).toContain(
      `delivery.sync:credit-china:${toChina.messageId}`,
    );
    expect((await deliveries(id)).find((d) => d.platform.code === 'credit-china')!.overdue).toBe(true);
    await receipt(toChina.messageId, { status: 'done' }).expect(200);
    expect((await overdue()).map((d) => d.clock)).not.toContain(
      `delivery.sync:credit-china:${toChina.messageId}`,
    );
  });

  it('a revocation is delivered after the approval it revokes, even when the approval must be retried', async () => {
    const id = await approvedApplication();
    await as(reviewer)
      .post(`/api/v1/repair-applications/${id}/revoke`, {
        ground: 'false_materials',
        reasons: ['缴款凭证系伪造'],
        legalBasis: LEGAL,
      })
      .expect(200);
    await t.app.get(ReactionRunner).drain();
    china.received.length = 0;
    china.answers = [503];
    await relay.deliverDue();
    t.clock.advance(60_000);
    await relay.deliverDue();
    await relay.deliverDue();
    const topics = china.received.map((r) => [JSON.parse(r.body).topic, r.answered]);
    expect(topics).toEqual([
      ['credit-repair.approved', 503],
      ['credit-repair.approved', 200],
      ['credit-repair.revoked', 200],
    ]);
    const revocation = JSON.parse(china.received[2].body);
    expect(revocation).toMatchObject({ happened: { code: 're-published' }, decision: { legalBasis: LEGAL } });
  });
});
