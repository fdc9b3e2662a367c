import pg from 'pg';
import { DEMO_SUBJECTS } from '@credence/identity';
import { cloneCases } from '../../bench/lib/preload';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

interface Sent {
  text: string;
  values: unknown[];
}

/** Every statement (with its values) any pg client of this process sends while `work` runs. */
async function statementsOf(work: () => Promise<unknown>): Promise<Sent[]> {
  const sent: Sent[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const [q, v] = args as [string | { text: string; values?: unknown[] }, unknown];
    if (typeof q === 'string') sent.push({ text: q, values: Array.isArray(v) ? v : [] });
    else if (q && typeof q.text === 'string') sent.push({ text: q.text, values: q.values ?? [] });
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return sent;
}

const GROWN = /Seq Scan on (events|cases|credit_records|timers)\b/;

/**
 * The plans behind the scale bench's probes (bench/scale.ts), on tables grown past what a sequential scan could
 * hide: every statement a command, a case view, the work queue and the public query send is explained with its
 * own values, and none may scan a growing table from end to end.
 */
describe('scale: the requests of bench/scale use index scans on grown tables', () => {
  let t: TestApp;
  let officer: string;
  let probe: string;
  let n = 0;
  const registration = () => ({
    subject: {
      type: 'legal_person',
      code: DEMO_SUBJECTS.xuyiTongda.code,
      name: DEMO_SUBJECTS.xuyiTongda.name,
    },
    kind: 'administrative_penalty',
    severity: 'general',
    field: 'road_transport',
    decisionNumber: `盱交罚〔2026〕P${++n}号`,
    decisionDate: '2026-05-10',
    facts: '货运车辆超限运输。',
  });
  const as = (path: string) => t.http.get(path).auth(officer, { type: 'bearer' }).expect(200);

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    officer = await loginAs(t, 'officer-xuyi');
    const post = () =>
      t.http.post('/api/v1/credit-records').auth(officer, { type: 'bearer' }).send(registration());
    const template = (await post().expect(201)).body.id as string;
    probe = (await post().expect(201)).body.id as string;
    // Transactions of 5,000 events: the test files running beside this one share the cluster's xmin horizon.
    const clone = { caseId: template, eventsPerCase: 5, eventsPerTransaction: 5_000 };
    await cloneCases(t.database.url, clone, 2, 12_000);
  }, 180_000);
  afterAll(() => t.close());

  it('the tables are grown enough that a query without an index shows as a sequential scan', async () => {
    const { rows } = await t.database.superuser.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN SELECT * FROM events WHERE data->>'facts' = $1`,
      ['货运车辆超限运输。'],
    );
    expect(rows.map((r) => r['QUERY PLAN']).join('\n')).toMatch(GROWN);
  });

  it.each([
    [
      'command',
      () => t.http.post('/api/v1/credit-records').auth(officer, { type: 'bearer' }).send(registration()),
    ],
    ['case view', () => as(`/api/v1/credit-records/${probe}`)],
    ['work queue', () => as('/api/v1/work-items')],
    ['public query', () => t.http.get(`/api/v1/public/subjects/${DEMO_SUBJECTS.xuyiTongda.code}/records`)],
  ])('%s', async (_name, request) => {
    const sent = await statementsOf(async () => expect((await request()).status).toBeLessThan(300));
    const explained = sent.filter((s) => /^\s*(WITH|SELECT|INSERT|UPDATE|DELETE)/i.test(s.text));
    expect(explained.length).toBeGreaterThan(0);
    for (const s of explained) {
      const { rows } = await t.database.superuser.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN ${s.text}`,
        s.values,
      );
      const plan = rows.map((r) => r['QUERY PLAN']).join('\n');
      if (process.env.SHOW_PLANS) console.log(`${s.text}\n${plan}`);
      if (GROWN.test(plan)) throw new Error(`sequential scan of a grown table:\n${s.text}\n${plan}`);
    }
  });
});
