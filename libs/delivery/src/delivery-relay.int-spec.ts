import { Logger } from '@nestjs/common';
import { ManualClock, uuidv7 } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { CLAIM_SQL } from './delivery-relay';
import { FakeReceiver } from './testing/fake-receiver';
import { openRelay, type OpenedRelay } from './testing/open-relay';

const SECRET = 'relay-int-spec-secret-0123456789abcdef';
const ADMIN = { id: 'admin-1', role: 'admin' };

describe('delivery relay (PostgreSQL)', () => {
  let t: TestDatabase;
  let clock: ManualClock;
  let opened: OpenedRelay;
  let receiver: FakeReceiver;

  /** An outbox row as a reaction writes it (no case: the relay needs none for these topics). */
  async function row(platform: string, caseId = uuidv7(), at = clock.now()): Promise<string> {
    const id = uuidv7(at);
    await t.db.query(
      `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at, platform_code)
       VALUES ($1, $2, $3, 'grade.re-evaluation-requested', '{"subjectCode":"91320830MA1XY0012B"}', $4, $5)`,
      [id, caseId, uuidv7(at), at, platform],
    );
    return id;
  }
  const status = async (id: string) =>
    (
      await t.db.query<{ status: string; attempts: number }>(
        `SELECT status, attempts FROM outbox WHERE id = $1`,
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    Logger.overrideLogger(false);
    t = await createTestDatabase();
    clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
    receiver = await new FakeReceiver(SECRET).start();
    opened = openRelay(t.db, clock, { DELIVERY_MAX_ATTEMPTS: '3', DELIVERY_BACKOFF_BASE_MS: '1000' });
    opened.relay.random = () => 0.5;
    await opened.platforms.put(
      'credit-evaluation',
      { name: '信用评价系统', transport: 'http', endpoint: receiver.url, secret: SECRET },
      ADMIN,
    );
  });
  afterAll(async () => {
    await receiver.stop();
    await t.drop();
  });
  beforeEach(async () => {
    receiver.received.length = 0;
    receiver.answers = [];
    await t.superuser.query(
      `UPDATE outbox SET status = 'confirmed' WHERE status IN ('pending', 'dead', 'delivered')`,
    );
  });

  it('delivers a due row once, signed, under its row id', async () => {
    const id = await row('credit-evaluation');
    const result = await opened.relay.deliverDue();
    expect(result).toMatchObject({ claimed: 1, delivered: 1 });
    expect(receiver.received).toHaveLength(1);
    expect(receiver.received[0]).toMatchObject({
      messageId: id,
      verified: true,
      platform: 'credit-evaluation',
    });
    expect(JSON.parse(receiver.received[0].body)).toMatchObject({
      messageId: id,
      happened: { code: 'grade-re-evaluation' },
      details: { subjectCode: '91320830MA1XY0012B' },
    });
    expect(await status(id)).toEqual({ status: 'delivered', attempts: 1 });
    expect((await opened.relay.deliverDue()).claimed).toBe(0);
  });

  it('backs off after failures, keeps one message id and one body, and dead-letters after the limit', async () => {
    const id = await row('credit-evaluation');
    receiver.answers = [500, 503, 500];
    await opened.relay.deliverDue();
    expect((await opened.relay.deliverDue()).claimed).toBe(0); // not due yet: 1 s × jitter
    clock.advance(1_000);
    await opened.relay.deliverDue();
    clock.advance(2_000);
    const last = await opened.relay.deliverDue();
    expect(last.deadLettered).toBe(1);
    expect(await status(id)).toEqual({ status: 'dead', attempts: 3 });
    expect(new Set(receiver.received.map((r) => r.messageId))).toEqual(new Set([id]));
    expect(new Set(receiver.received.map((r) => r.body)).size).toBe(1);
    const { rows } = await t.db.query<{ outcome: string; attempt: number; http_status: number }>(
      `SELECT outcome, attempt, http_status FROM delivery_attempts WHERE message_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([
      { outcome: 'failed', attempt: 1, http_status: 500 },
      { outcome: 'failed', attempt: 2, http_status: 503 },
      { outcome: 'dead-lettered', attempt: 3, http_status: 500 },
    ]);
    await expect(t.db.query(`DELETE FROM delivery_attempts WHERE message_id = $1`, [id])).rejects.toThrow(
      /append-only|permission denied/,
    );
    await expect(t.superuser.query(`UPDATE delivery_attempts SET outcome = 'received'`)).rejects.toThrow(
      /append-only/,
    );
  });

  it('keeps per-case order: the later row waits while the earlier is undelivered, dead rows included', async () => {
    const caseId = uuidv7();
    const first = await row('credit-evaluation', caseId, new Date(clock.now().getTime() - 2000));
    const second = await row('credit-evaluation', caseId, new Date(clock.now().getTime() - 1000));
    receiver.answers = [500];
    await opened.relay.deliverDue();
    expect(receiver.received.map((r) => r.messageId)).toEqual([first]);
    clock.advance(5_000);
    await opened.relay.deliverDue();
    await opened.relay.deliverDue();
    expect(receiver.received.map((r) => r.messageId)).toEqual([first, first, second]);
  });

  it('never claims one row twice across concurrent workers (SKIP LOCKED), and re-claims a lost lease', async () => {
    const ids = await Promise.all(Array.from({ length: 40 }, () => row('credit-evaluation')));
    const [a, b, c] = await Promise.all([
      opened.relay.claim('credit-evaluation', 20),
      opened.relay.claim('credit-evaluation', 20),
      opened.relay.claim('credit-evaluation', 20),
    ]);
    const claimed = [...a, ...b, ...c].map((r) => r.id);
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed)).toEqual(new Set(ids));
    // The claiming workers "died": nothing is claimable until the lease ends, then the same ids come back.
    expect(await opened.relay.claim('credit-evaluation', 100)).toHaveLength(0);
    clock.advance(opened.env.DELIVERY_LEASE_MS);
    const again = await opened.relay.claim('credit-evaluation', 100);
    expect(new Set(again.map((r) => r.id))).toEqual(new Set(ids));
    expect(again.every((r) => r.attempts === 2)).toBe(true);
  });

  it('leaves rows of an unregistered platform pending and unclaimed', async () => {
    const id = await row('provincial-transport-credit');
    expect((await opened.relay.deliverDue()).claimed).toBe(0);
    expect(await status(id)).toEqual({ status: 'pending', attempts: 0 });
  });

  it('with 100,000 pending rows the claim is an index scan', async () => {
    await t.superuser.query(
      `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at, platform_code)
       SELECT gen_random_uuid(), gen_random_uuid(), gen_random_uuid(), 'grade.re-evaluation-requested', '{}',
              $1::timestamptz - make_interval(secs => g), CASE WHEN g % 3 = 0 THEN 'credit-china' ELSE 'credit-evaluation' END
         FROM generate_series(1, 100000) g`,
      [clock.now()],
    );
    await t.superuser.query(`ANALYZE outbox`);
    const { rows } = await t.superuser.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN ${CLAIM_SQL.replace(/\$1/g, `'credit-evaluation'`)
        .replace(/\$2/g, `'${clock.now().toISOString()}'::timestamptz`)
        .replace(/\$3/g, '16')
        .replace(/\$4/g, `'${clock.now().toISOString()}'::timestamptz`)
        .replace(/\$5/g, `'${uuidv7()}'::uuid`)}`,
    );
    const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
    expect(plan).toMatch(/Index Scan using outbox_due on outbox o/);
    expect(plan).toMatch(/Index (Only )?Scan using outbox_case on outbox e/);
    expect(plan).not.toMatch(/Seq Scan on outbox/);
  });
});
