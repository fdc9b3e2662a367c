import { randomBytes } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nanos, type NatsConnection } from '@nats-io/transport-node';
import { ManualClock, uuidv7 } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { DeliveryQueries } from '../delivery-queries';
import { signatureMatches } from '../signature';
import { openRelay, type OpenedRelay } from '../testing/open-relay';

/** The local NATS with JetStream these tests publish to; NATS_TEST_URL points them elsewhere. */
const NATS_URL = process.env.NATS_TEST_URL ?? 'nats://127.0.0.1:4222';
const SECRET = 'nats-int-spec-secret-0123456789abcdef';
const ADMIN = { id: 'admin-1', role: 'admin' };
const RUN = randomBytes(4).toString('hex');
const STREAM = `CREDENCE_TEST_${RUN}`;
const SUBJECT = `credence-test.${RUN}.credit-china`;

/** Whether a NATS server with JetStream answers at `url` (a short probe, so an absent server costs a second). */
async function jetStreamAnswers(url: string): Promise<string | null> {
  let nc: NatsConnection | undefined;
  try {
    nc = await connect({ servers: url, timeout: 1000, reconnect: false });
    await (await jetstreamManager(nc, { timeout: 1000 })).getAccountInfo();
    return null;
  } catch (error) {
    return `no NATS JetStream answers at ${url} (${(error as Error).message})`;
  } finally {
    await nc?.close().catch(() => undefined);
  }
}

const absent = await jetStreamAnswers(NATS_URL);
if (absent) process.stdout.write(`delivery NATS tests skipped: ${absent}\n`);
const describeWithNats = absent ? describe.skip : describe;

async function outboxRow(t: TestDatabase, clock: ManualClock, platform: string): Promise<string> {
  const at = clock.now();
  const id = uuidv7(at);
  await t.db.query(
    `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at, platform_code)
     VALUES ($1, $2, $3, 'grade.re-evaluation-requested', '{"subjectCode":"91320830MA1XY0012B"}', $4, $5)`,
    [id, uuidv7(at), uuidv7(at), at, platform],
  );
  return id;
}

describe('NATS transport without NATS_URL (PostgreSQL)', () => {
  let t: TestDatabase;
  let clock: ManualClock;
  let opened: OpenedRelay;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    t = await createTestDatabase();
    clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
    opened = openRelay(t.db, clock);
    await opened.platforms.put(
      'credit-china',
      { name: '信用中国', transport: 'nats', endpoint: SUBJECT, secret: SECRET },
      ADMIN,
    );
  });
  afterAll(async () => {
    await opened.nats.onModuleDestroy();
    await t.drop();
  });

  it('leaves a NATS platform’s rows pending, unclaimed, and says why', async () => {
    const id = await outboxRow(t, clock, 'credit-china');
    expect((await opened.relay.deliverDue()).claimed).toBe(0);
    const { rows } = await t.db.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM outbox WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toEqual({ status: 'pending', attempts: 0 });
    const caseId = (await t.db.query<{ case_id: string }>(`SELECT case_id FROM outbox WHERE id = $1`, [id]))
      .rows[0].case_id;
    const [view] = await new DeliveryQueries(t.db, clock, opened.env).forCase(caseId);
    expect(view).toMatchObject({ messageId: id, waitingFor: 'transport-unavailable' });
  });
});

describeWithNats(`NATS JetStream transport (${absent ?? NATS_URL})`, () => {
  let t: TestDatabase;
  let clock: ManualClock;
  let opened: OpenedRelay;
  let admin: NatsConnection;
  let jsm: JetStreamManager;

  const stored = async () => (await jsm.streams.info(STREAM)).state.messages;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    t = await createTestDatabase();
    clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
    admin = await connect({ servers: NATS_URL, timeout: 2000 });
    jsm = await jetstreamManager(admin);
    // The deployment's stream (docs/integration.md): it covers the platforms' subjects and dedupes on Nats-Msg-Id.
    await jsm.streams.add({
      name: STREAM,
      subjects: [`credence-test.${RUN}.>`],
      duplicate_window: nanos(120_000),
    });
    opened = openRelay(t.db, clock, { NATS_URL });
    await opened.platforms.put(
      'credit-china',
      { name: '信用中国', transport: 'nats', endpoint: SUBJECT, secret: SECRET },
      ADMIN,
    );
  });
  afterAll(async () => {
    await opened?.nats.onModuleDestroy();
    await jsm?.streams.delete(STREAM).catch(() => undefined);
    await admin?.close();
    await t?.drop();
  });

  it('publishes a row under Nats-Msg-Id = its message id, signed like an HTTP delivery', async () => {
    const id = await outboxRow(t, clock, 'credit-china');
    expect(await opened.relay.deliverDue()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await stored()).toBe(1);
    const message = (await jsm.streams.getMessage(STREAM, { last_by_subj: SUBJECT }))!;
    expect(message.header.get('Nats-Msg-Id')).toBe(id);
    expect(message.header.get('X-Credence-Message-Id')).toBe(id);
    expect(message.header.get('X-Credence-Platform')).toBe('credit-china');
    const body = message.string();
    expect(
      signatureMatches(
        SECRET,
        message.header.get('X-Credence-Timestamp'),
        body,
        message.header.get('X-Credence-Signature'),
      ),
    ).toBe(true);
    expect(JSON.parse(body)).toMatchObject({ messageId: id, happened: { code: 'grade-re-evaluation' } });
    const { rows } = await t.db.query<{ status: string }>(`SELECT status FROM outbox WHERE id = $1`, [id]);
    expect(rows[0].status).toBe('delivered');
  });

  it('a second publish of the same id is deduped by the stream (a redelivery after a lost answer)', async () => {
    const id = await outboxRow(t, clock, 'credit-china');
    await opened.relay.deliverDue();
    const before = await stored();
    // The relay's record of the first publish was lost (e.g. the worker died before writing it): the row is
    // pending again and goes out again under the same id.
    await t.superuser.query(
      `UPDATE outbox SET status = 'pending', delivered_at = NULL, next_attempt_at = $2 WHERE id = $1`,
      [id, clock.now()],
    );
    expect(await opened.relay.deliverDue()).toMatchObject({ claimed: 1, delivered: 1 });
    expect(await stored()).toBe(before);
    const { rows } = await t.db.query<{ detail: string }>(
      `SELECT detail FROM delivery_attempts WHERE message_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows.map((r) => r.detail)).toEqual([
      expect.not.stringContaining('duplicate'),
      expect.stringContaining('duplicate, already stored'),
    ]);
  });

  it('a NATS server that stops answering fails the attempt and backs off; the row is not lost', async () => {
    const broken = openRelay(t.db, clock, { NATS_URL: 'nats://127.0.0.1:1', DELIVERY_TIMEOUT_MS: '500' });
    const id = await outboxRow(t, clock, 'credit-china');
    try {
      expect(await broken.relay.deliverDue()).toMatchObject({ claimed: 1, failed: 1 });
    } finally {
      await broken.nats.onModuleDestroy();
    }
    const { rows } = await t.db.query<{ status: string; attempts: number; last_error: string }>(
      `SELECT status, attempts, last_error FROM outbox WHERE id = $1`,
      [id],
    );
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 1 });
    expect(rows[0].last_error).toMatch(/^not published/);
  });
});
