import { AccessLog } from '@credence/audit';
import { DeliveryRelay, SyncClocks } from '@credence/delivery';
import { FakeReceiver } from '../../libs/delivery/src/testing/fake-receiver';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';
import { approvedApplication as approved, registerPlatform, signedReceipt } from './support/delivery';

const CHINA_SECRET = 'credit-china-secret-0123456789abcdefghij';
const AGENCY_SECRET = 'credit-agencies-secret-0123456789abcdefgh';

interface Step {
  source: 'event' | 'delivery';
  kind?: string;
  action?: string | null;
  recordedAt: string;
  platform?: { code: string };
  outcome?: string | null;
  attempt?: number | null;
  httpStatus?: number | null;
  reason?: string | null;
  late?: boolean | null;
  messageId?: string;
  actor: { id: string; displayName: string | null; role: string };
  actionLabel: { zh: string; en: string };
  chain?: unknown;
}

/** Issue #17: every delivery attempt, answer, receipt and retry of a case is in its audit trail, in time order. */
describe('deliveries in the audit trail (e2e)', () => {
  let t: TestApp;
  let admin: string;
  let officer: string;
  let applicant: string;
  let auditor: string;
  let china: FakeReceiver;
  let agencies: FakeReceiver;
  let relay: DeliveryRelay;
  let serial = 0;
  const as = (token: string) => authed(t, token);

  const receipt = (messageId: string, body: object, platform: string, secret: string) =>
    signedReceipt(t, messageId, body, platform, secret).expect(200);

  async function approvedApplication(): Promise<string> {
    serial += 1;
    return approved(t, { officer, applicant }, `盱交罚〔2026〕T${serial}号`, `delivery-trail-${serial}`);
  }

  const register = (code: string, name: string, receiver: FakeReceiver, secret: string) =>
    registerPlatform(t, admin, { code, name, endpoint: receiver.url, secret });

  beforeAll(async () => {
    t = await createTestApp({ DELIVERY_BACKOFF_BASE_MS: '1000' });
    await seedDemoIdentities(t);
    [admin, officer, applicant, auditor] = await Promise.all(
      ['admin', 'officer-xuyi', 'applicant-a', 'auditor-xuyi'].map((u) => loginAs(t, u)),
    );
    china = await new FakeReceiver(CHINA_SECRET).start();
    agencies = await new FakeReceiver(AGENCY_SECRET).start();
    relay = t.app.get(DeliveryRelay);
    relay.random = () => 1;
    await register('credit-china', '信用中国', china, CHINA_SECRET);
    await register('credit-agencies', '信用服务机构', agencies, AGENCY_SECRET);
  });
  afterAll(async () => {
    await china.stop();
    await agencies.stop();
    await t.close();
  });

  it('shows each attempt with its answer, each receipt on time or late, and each retry, after the decision', async () => {
    const id = await approvedApplication();
    // 信用中国 fails once, then takes the message; the agencies take it at once.
    china.answers = [503];
    await relay.deliverDue();
    await t.app.get(SyncClocks).startPending();
    t.clock.advance(1_000);
    await relay.deliverDue();
    const messageOf = (receiver: FakeReceiver) =>
      receiver.received.find((r) => JSON.parse(r.body).case?.id === id)!.messageId;
    const toChina = messageOf(china);
    const toAgencies = messageOf(agencies);
    t.clock.advance(60_000);
    await receipt(toChina, { status: 'done' }, 'credit-china', CHINA_SECRET);
    // The agencies refuse; an admin retries (recorded); the second delivery is confirmed a week later: late.
    t.clock.advance(60_000);
    await receipt(
      toAgencies,
      { status: 'refused', reason: '主体名称与登记不一致' },
      'credit-agencies',
      AGENCY_SECRET,
    );
    t.clock.advance(60_000);
    const retried = await as(admin)
      .post('/api/v1/incidents/retry', { ids: [`delivery:${toAgencies}`] })
      .expect(200);
    expect(retried.body.results).toEqual([
      { id: `delivery:${toAgencies}`, outcome: 'requeued', detail: null },
    ]);
    await relay.deliverDue();
    t.clock.advance(7 * 24 * 3600_000);
    await receipt(toAgencies, { status: 'done' }, 'credit-agencies', AGENCY_SECRET);

    const trail = await as(auditor).get(`/api/v1/audit/cases/${id}/trail`).expect(200);
    expect(trail.body.chainIntact).toBe(true);
    const steps = trail.body.steps as Step[];
    const times = steps.map((s) => Date.parse(s.recordedAt));
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const approval = steps.findIndex((s) => s.source === 'event' && s.action === 'approve');
    expect(approval).toBeGreaterThan(0);
    expect(steps.slice(0, approval).every((s) => s.source === 'event')).toBe(true);
    // Case events keep their hash link; delivery records carry none.
    expect(steps.filter((s) => s.source === 'event').every((s) => s.chain)).toBe(true);
    expect(steps.filter((s) => s.source === 'delivery').every((s) => s.chain === undefined)).toBe(true);

    const of = (platform: string) =>
      steps
        .map((s, i) => ({ ...s, i }))
        .filter((s) => s.source === 'delivery' && s.platform?.code === platform);
    const chinaSteps = of('credit-china');
    expect(chinaSteps.every((s) => s.i > approval && s.messageId === toChina)).toBe(true);
    expect(chinaSteps.map((s) => [s.kind, s.attempt, s.outcome, s.httpStatus, s.late])).toEqual([
      ['attempt', 1, 'failed', 503, null],
      ['attempt', 2, 'received', 200, null],
      ['receipt', null, 'done', null, false],
    ]);
    expect(chinaSteps[0]).toMatchObject({
      actor: { role: 'system' },
      actionLabel: {
        zh: '向「信用中国」推送「信用修复完成，停止公示」（第 1 次）：失败（HTTP 503）',
        en: 'Sent "Repaired: stop publishing" to 信用中国 (attempt 1): failed (HTTP 503)',
      },
    });
    expect(chinaSteps[2]).toMatchObject({
      actor: { id: 'credit-china', displayName: '信用中国', role: 'platform' },
      actionLabel: { zh: '「信用中国」执行反馈：已执行（在同步确认期限内）' },
    });

    const agencySteps = of('credit-agencies');
    expect(agencySteps.every((s) => s.i > approval)).toBe(true);
    expect(agencySteps.map((s) => [s.kind, s.outcome, s.late])).toEqual([
      ['attempt', 'received', null],
      ['receipt', 'refused', false],
      ['retry', 'requeued', null],
      ['attempt', 'received', null],
      ['receipt', 'done', true],
    ]);
    expect(agencySteps[1].reason).toBe('主体名称与登记不一致');
    expect(agencySteps[2].actor).toMatchObject({ displayName: '系统管理员', role: 'admin' });
    expect(agencySteps[4].actionLabel.en).toBe('信用服务机构 answered: done (after the confirmation limit)');

    // The case views keep their own trail: hash-chained events only.
    const view = await as(applicant).get(`/api/v1/repair-applications/${id}`).expect(200);
    const caseTrail = view.body.trail as Step[];
    expect(caseTrail.length).toBeGreaterThan(approval);
    expect(caseTrail.some((s) => s.source === 'delivery' || s.kind !== undefined)).toBe(false);
  });

  it('keeps the trail within the auditor subtree and logs each read, as it logs the platform history', async () => {
    const id = await approvedApplication();
    await as(await loginAs(t, 'officer-ziyang'))
      .get(`/api/v1/audit/cases/${id}/trail`)
      .expect(403);
    await as(auditor).get(`/api/v1/audit/cases/${id}/trail`).expect(200);
    const history = await as(auditor).get('/api/v1/platforms/credit-china/history').expect(200);
    expect(history.body).toHaveLength(1);
    await t.app.get(AccessLog).flush();
    const { rows } = await t.database.db.query<{ kind: string; resource_id: string; authority_code: string }>(
      `SELECT kind, resource_id, authority_code FROM access_log
        WHERE kind IN ('audit-trail', 'platform-history') AND (resource_id = $1 OR resource_id = 'credit-china')
        ORDER BY read_at, id`,
      [id],
    );
    expect(rows).toEqual([
      { kind: 'audit-trail', resource_id: id, authority_code: '320830' },
      { kind: 'platform-history', resource_id: 'credit-china', authority_code: '320830' },
    ]);
  });
});
