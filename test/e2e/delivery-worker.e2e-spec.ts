import { FakeReceiver, type ReceivedMessage } from '../../libs/delivery/src/testing/fake-receiver';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';
import {
  approveRepair,
  downloadBytes,
  registerPlatform,
  registerRecord,
  REPAIR_BASIS as LEGAL,
  sha256,
  signedDocumentFetch,
  uploadPdf,
} from './support/delivery';

const SECRET = 'credit-china-worker-secret-0123456789abcdef';
const OBJECTION_BASIS = '《江苏省社会信用条例》第三十一条';
/** What "within seconds" allows on a shared machine: the loop polls every 50 ms. */
const WITHIN_MS = 5_000;

interface Message {
  messageId: string;
  topic: string;
  happened: { code: string };
  case: { id: string; number: string };
  record: { decisionNumber: string } | null;
  decision: {
    legalBasis: string;
    reasons: string[];
    document: { sha256: string; url: string } | null;
  } | null;
  details: Record<string, unknown>;
}

/**
 * The running worker loop (RUN_WORKER, not hand-driven passes) delivers what the workflows decide to a fake
 * 信用中国, a real HTTP server: a repair approval, and an objection's mark and outcomes (issue #17).
 */
describe('delivery by the running worker loop (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let applicant: string;
  let china: FakeReceiver;
  let serial = 0;
  const as = (token: string) => authed(t, token);

  /** Waits (real time) until the receiver has a message of the case with the topic; returns it and the wait. */
  async function delivered(
    caseId: string,
    topic: string,
  ): Promise<{ got: ReceivedMessage; waitedMs: number }> {
    const started = Date.now();
    for (;;) {
      const got = china.received.find((r) => {
        const m = JSON.parse(r.body) as Message;
        return m.case?.id === caseId && m.topic === topic;
      });
      if (got) return { got, waitedMs: Date.now() - started };
      if (Date.now() - started > WITHIN_MS * 2)
        throw new Error(`no ${topic} of ${caseId} reached the receiver: ${JSON.stringify(china.received)}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }
  const body = (m: ReceivedMessage) => JSON.parse(m.body) as Message;
  const topicsOf = (caseId: string) =>
    china.received
      .map(body)
      .filter((m) => m.case?.id === caseId)
      .map((m) => m.topic);

  async function record(decisionDate: string): Promise<string> {
    serial += 1;
    return registerRecord(t, officer, `盱交罚〔2026〕W${serial}号`, decisionDate);
  }
  async function upload(): Promise<string> {
    serial += 1;
    return uploadPdf(t, applicant, `delivery-worker-${serial}`, '证明材料.pdf');
  }
  const pdf = (url: string) => downloadBytes(t, applicant, url);
  /** The applicant objects that the record is wrong: the objection's id. */
  async function objection(
    recordId: string,
    filed: { statement: string; materials?: object[] },
  ): Promise<string> {
    return (
      await as(applicant)
        .post('/api/v1/objections', {
          recordId,
          ground: 'wrong',
          statement: filed.statement,
          ...(filed.materials ? { materials: filed.materials } : {}),
          commitment: { content: '本单位承诺所提交材料真实有效。', consent: true },
        })
        .expect(201)
    ).body.id as string;
  }

  beforeAll(async () => {
    t = await createTestApp({
      RUN_WORKER: 'true',
      WORKER_POLL_MS: '50',
      PUBLIC_BASE_URL: 'https://credence.example.gov.cn',
    });
    await seedDemoIdentities(t);
    [admin, officer, applicant] = await Promise.all(
      ['admin', 'officer-xuyi', 'applicant-a'].map((u) => loginAs(t, u)),
    );
    china = await new FakeReceiver(SECRET).start();
    await registerPlatform(t, admin, {
      code: 'credit-china',
      name: '信用中国',
      endpoint: china.url,
      secret: SECRET,
    });
  });
  afterAll(async () => {
    await t.close();
    await china.stop();
  });

  it('delivers an approval to 信用中国 within seconds of the decision, signed', async () => {
    const recordId = await record('2026-01-05');
    const id = await approveRepair(t, { officer, applicant }, recordId, await upload());
    const { got, waitedMs } = await delivered(id, 'credit-repair.approved');
    expect(waitedMs).toBeLessThan(WITHIN_MS);
    expect(got).toMatchObject({ verified: true, platform: 'credit-china', answered: 200 });
    expect(body(got)).toMatchObject({ happened: { code: 'repaired' }, decision: { legalBasis: LEGAL } });
    const rows = (await as(officer).get(`/api/v1/cases/${id}/deliveries`).expect(200)).body.deliveries as {
      platform: { code: string };
      status: string;
    }[];
    expect(rows.find((d) => d.platform.code === 'credit-china')?.status).toBe('delivered');
  });

  it('an objection’s mark, correction and the mark’s end reach the platform in order, with the notice', async () => {
    const recordId = await record('2026-05-10');
    const id = await objection(recordId, {
      statement: '处罚决定书载明的车辆号牌与本公司车辆不符。',
      materials: [{ fileId: await upload(), category: 'evidence' }],
    });
    await as(officer).post(`/api/v1/objections/${id}/accept`).expect(200);
    const marked = body((await delivered(id, 'objection.mark-set')).got);
    expect(marked).toMatchObject({
      happened: { code: 'mark-set' },
      record: { decisionNumber: `盱交罚〔2026〕W${serial - 1}号` },
      decision: null,
    });
    expect(marked.case.number).toMatch(/^YY-320830-/);

    await as(officer)
      .post(`/api/v1/objections/${id}/uphold`, {
        outcome: 'correct',
        reasons: ['号牌登记有误'],
        legalBasis: OBJECTION_BASIS,
        correction: { facts: '道路运输车辆（苏H·D1234）未按规定进行年度审验。' },
      })
      .expect(200);
    const corrected = await delivered(id, 'objection.corrected');
    await delivered(id, 'objection.mark-cleared');
    expect(corrected.got.verified).toBe(true);
    expect(topicsOf(id)).toEqual(['objection.mark-set', 'objection.corrected', 'objection.mark-cleared']);

    const notice = await pdf(`/api/v1/objections/${id}/notice.pdf`);
    const message = body(corrected.got);
    expect(message).toMatchObject({
      happened: { code: 'corrected' },
      decision: {
        legalBasis: OBJECTION_BASIS,
        reasons: ['号牌登记有误'],
        document: {
          sha256: sha256(notice),
          url: `https://credence.example.gov.cn/api/v1/deliveries/${message.messageId}/document`,
        },
      },
      details: { outcome: 'corrected', recordId },
    });
    // The platform fetches the notice itself, signed over the message id: the bytes the subject received.
    const doc = await signedDocumentFetch(t, message.messageId, 'credit-china', SECRET).expect(200);
    expect(doc.headers.etag).toBe(`"${sha256(notice)}"`);
    // The platforms not registered wait, visibly, on the objection's case.
    const rows = (await as(officer).get(`/api/v1/cases/${id}/deliveries`).expect(200)).body.deliveries as {
      topic: string;
      platform: { code: string };
      waitingFor: string | null;
    }[];
    expect(
      rows.filter((d) => d.platform.code === 'credit-agencies').map((d) => [d.topic, d.waitingFor]),
    ).toEqual([
      ['objection.mark-set', 'platform-not-registered'],
      ['objection.corrected', 'platform-not-registered'],
      ['objection.mark-cleared', 'platform-not-registered'],
    ]);
  });

  it('a removal and an unverifiable answer reach the platform as what they do to the record', async () => {
    const removedId = await objectionAnswered('remove', { reasons: ['不应公示'] });
    const removed = body((await delivered(removedId, 'objection.removed')).got);
    expect(removed).toMatchObject({
      happened: { code: 'removed' },
      decision: { legalBasis: OBJECTION_BASIS },
    });
    await delivered(removedId, 'objection.mark-cleared');

    const noteId = await objectionAnswered('unverifiable', {
      reasons: ['原始执法卷宗缺失，无法溯源核实。'],
      note: '原始执法卷宗缺失',
    });
    const cleared = body((await delivered(noteId, 'objection.mark-cleared')).got);
    expect(cleared.details).toMatchObject({
      outcome: 'unverifiable',
      note: { zh: expect.stringContaining('原始执法卷宗缺失') },
    });
    expect(topicsOf(noteId)).toEqual(['objection.mark-set', 'objection.mark-cleared']);
  });

  async function objectionAnswered(outcome: string, answer: object): Promise<string> {
    const recordId = await record('2026-05-10');
    const id = await objection(recordId, { statement: '该信息不应公示。' });
    await as(officer).post(`/api/v1/objections/${id}/accept`).expect(200);
    await delivered(id, 'objection.mark-set');
    await as(officer)
      .post(`/api/v1/objections/${id}/uphold`, { outcome, legalBasis: OBJECTION_BASIS, ...answer })
      .expect(200);
    return id;
  }
});
