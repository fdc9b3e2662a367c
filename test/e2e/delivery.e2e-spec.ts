import { DeliveryRelay, SyncClocks } from '@credence/delivery';
import { ReactionRunner } from '@credence/workflow';
import { FakeReceiver } from '../../libs/delivery/src/testing/fake-receiver';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';
import {
  approvedApplication as approved,
  downloadBytes,
  REPAIR_BASIS as LEGAL,
  sha256,
  signedDocumentFetch,
  signedReceipt,
  SUBJECT,
} from './support/delivery';

const CHINA_SECRET = 'credit-china-secret-0123456789abcdefghij';
const AGENCY_SECRET = 'credit-agencies-secret-0123456789abcdefgh';

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
    return approved(t, { officer, applicant }, `盱交罚〔2026〕D${serial}号`, `delivery-${serial}`);
  }

  const deliveries = async (caseId: string, token = officer) =>
    (await as(token).get(`/api/v1/cases/${caseId}/deliveries`).expect(200)).body.deliveries as Delivery[];

  /** A receipt as the platform sends it (信用中国's, unless another platform is named). */
  const receipt = (
    messageId: string,
    body: object,
    platform = 'credit-china',
    secret = CHINA_SECRET,
    at = t.clock.now(),
  ) => signedReceipt(t, messageId, body, platform, secret, at);

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
    const pdf = await downloadBytes(t, applicant, `/api/v1/repair-applications/${id}/decision.pdf`);
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
          sha256: sha256(pdf),
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
    const doc = await signedDocumentFetch(t, toChina.messageId, 'credit-china', CHINA_SECRET).expect(200);
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
