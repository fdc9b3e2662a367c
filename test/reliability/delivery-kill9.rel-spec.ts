import { DeliveryPlatforms } from '@credence/delivery';
import { loadEnv, secretBoxOf, SystemClock, uuidv7 } from '@credence/shared';
import { FakeReceiver } from '../../libs/delivery/src/testing/fake-receiver';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { spawnWorker, waitForOutput, type RunningProcess } from './support/processes';
import { until } from './support/until';

/*
 * kill -9 of the worker while deliveries are in flight (issue 17, ADR 0025): a fake 信用中国 that answers slowly
 * holds each delivery open; the worker is killed during one, twice, and a new worker takes over. Afterwards every
 * outbox row is delivered, the receiver saw every row's id at least once and no id that is not a row's (the id is
 * stable across redeliveries), each id always with the same signed body, and each case's rows reached it in order.
 */
const SECRET = 'delivery-kill9-secret-0123456789abcdef';
const CASES = 8;
const ROWS_PER_CASE = 3;
/** The receiver holds each answer this long: long enough to kill the worker mid-delivery, well under the timeout. */
const ANSWER_DELAY_MS = 700;
const TIMEOUT_MS = 120_000;

describe('delivery: kill -9 of the worker mid-delivery (reliability)', () => {
  let t: TestDatabase;
  let receiver: FakeReceiver;
  let worker: RunningProcess | undefined;
  const rowIds: string[] = [];
  const byCase = new Map<string, string[]>();
  const env = {
    WORKER_POLL_MS: '100',
    DELIVERY_TIMEOUT_MS: '3000',
    // A killed worker's claims return to the pool this long after the claim.
    DELIVERY_LEASE_MS: '4000',
    DELIVERY_BACKOFF_BASE_MS: '100',
    DELIVERY_BACKOFF_MAX_MS: '1000',
  };

  const startWorker = async () => {
    worker = spawnWorker(t.url, env);
    await waitForOutput(worker, 'Credence worker is running', TIMEOUT_MS);
  };
  const statuses = async () =>
    (
      await t.superuser.query<{ id: string; status: string; attempts: number }>(
        `SELECT id, status, attempts FROM outbox WHERE platform_code = 'credit-evaluation'`,
      )
    ).rows;

  beforeAll(async () => {
    t = await createTestDatabase();
    receiver = await new FakeReceiver(SECRET).start();
    receiver.delayMs = ANSWER_DELAY_MS;
    await new DeliveryPlatforms(
      t.db,
      new SystemClock(),
      secretBoxOf(loadEnv({ NODE_ENV: 'test' }), () => undefined),
    ).put(
      'credit-evaluation',
      { name: '信用评价系统', transport: 'http', endpoint: receiver.url, secret: SECRET },
      { id: 'admin-1', role: 'admin' },
    );
    // Rows as reactions write them: several cases, each with rows in the order they were decided.
    const start = Date.now() - 60_000;
    for (let c = 0; c < CASES; c++) {
      const caseId = uuidv7();
      const ids: string[] = [];
      for (let r = 0; r < ROWS_PER_CASE; r++) {
        const at = new Date(start + r * 1000 + c);
        const id = uuidv7(at);
        await t.superuser.query(
          `INSERT INTO outbox (id, case_id, event_id, topic, payload, created_at, platform_code)
           VALUES ($1, $2, $3, 'grade.re-evaluation-requested', $4, $5, 'credit-evaluation')`,
          [id, caseId, uuidv7(at), { subjectCode: '91320830MA1XY0012B', step: r }, at],
        );
        ids.push(id);
      }
      rowIds.push(...ids);
      byCase.set(caseId, ids);
    }
  }, TIMEOUT_MS);
  afterAll(async () => {
    await worker?.stop();
    await receiver?.stop();
    await t?.drop();
  });

  it(
    'loses no message and never sends one under a second id',
    async () => {
      const kills: { seen: number; inFlight: number }[] = [];
      for (let kill = 0; kill < 2; kill++) {
        await startWorker();
        const seen = receiver.received.length;
        // A request has arrived and is held open by the receiver: the delivery is in flight now.
        await until(() => receiver.received.length > seen, TIMEOUT_MS, 'a delivery', worker!);
        await worker!.kill9();
        const inFlight = (await statuses()).filter((r) => r.status === 'pending' && r.attempts > 0).length;
        kills.push({ seen: receiver.received.length, inFlight });
      }
      // The kills landed mid-delivery: claimed rows whose answer the worker never recorded.
      expect(kills.every((k) => k.inFlight > 0)).toBe(true);

      await startWorker();
      const deadline = Date.now() + TIMEOUT_MS;
      let rows = await statuses();
      while (rows.some((r) => r.status !== 'delivered')) {
        if (Date.now() > deadline)
          throw new Error(`not all delivered: ${JSON.stringify(rows)}\n${worker!.output()}`);
        if (worker!.child.exitCode !== null) throw new Error(`the worker exited:\n${worker!.output()}`);
        await new Promise((r) => setTimeout(r, 200));
        rows = await statuses();
      }

      // Nothing lost: every row delivered, and the receiver saw each row's id at least once.
      expect(rows).toHaveLength(CASES * ROWS_PER_CASE);
      const seenIds = new Set(receiver.received.map((m) => m.messageId));
      expect([...seenIds].sort()).toEqual([...rowIds].sort());
      // Stable ids: each id always came with the same signed body naming that id; no message under a new id.
      for (const id of rowIds) {
        const copies = receiver.received.filter((m) => m.messageId === id);
        expect(copies.every((m) => m.verified)).toBe(true);
        expect(new Set(copies.map((m) => m.body)).size).toBe(1);
        expect((JSON.parse(copies[0].body) as { messageId: string }).messageId).toBe(id);
      }
      // Order per case: each case's rows were first sent in the order they were written.
      const firstSeen = (id: string) => receiver.received.findIndex((m) => m.messageId === id);
      for (const ids of byCase.values()) {
        const order = ids.map(firstSeen);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }
      // Every row has its receipt of delivery recorded (append-only attempts).
      const { rows: received } = await t.superuser.query<{ n: string }>(
        `SELECT count(DISTINCT message_id) AS n FROM delivery_attempts WHERE outcome = 'received'`,
      );
      expect(Number(received[0].n)).toBe(CASES * ROWS_PER_CASE);
      const duplicates = receiver.received.length - seenIds.size;
      process.stdout.write(
        `delivery kill -9: ${rowIds.length} messages, ${receiver.received.length} requests ` +
          `(${duplicates} redeliveries of the same id), kills ${JSON.stringify(kills)}\n`,
      );
    },
    TIMEOUT_MS * 3,
  );
});
