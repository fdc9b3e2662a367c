import { createHash, randomUUID } from 'node:crypto';
import { DEMO_SUBJECTS } from '@credence/identity';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda;
const RECORDS = '/api/v1/credit-records';
const body = (decisionNumber: string) => ({
  subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
  kind: 'administrative_penalty',
  severity: 'general',
  field: 'road_transport',
  decisionNumber,
  decisionDate: '2026-05-10',
  facts: '道路运输车辆未按规定进行年度审验，继续从事经营活动。',
});

/**
 * A request that died between claiming its Idempotency-Key and storing its answer (kill -9) leaves the key pending.
 * A retry after the owner's lease answers from what the command committed, or runs it if nothing committed; while
 * the owner lives it is still a 409 (ADR 0006).
 */
describe('Idempotency-Key left pending by a crash (e2e)', () => {
  let t: TestApp;
  let officer: string;
  let scope: string;

  beforeAll(async () => {
    t = await createTestApp({ IDEMPOTENCY_LEASE_MS: '300' });
    await seedDemoIdentities(t);
    officer = await loginAs(t, 'officer-xuyi');
    const { rows } = await t.database.superuser.query<{ id: string }>(
      `SELECT id FROM accounts WHERE username = 'officer-xuyi'`,
    );
    scope = rows[0].id;
  });
  afterAll(() => t.close());

  const post = (path: string, key: string, payload: object, ifMatch?: string) => {
    const request = t.http.post(path).auth(officer, { type: 'bearer' }).set('Idempotency-Key', key);
    return (ifMatch ? request.set('If-Match', ifMatch) : request).send(payload);
  };
  const eventsWithKey = async (key: string) =>
    (
      await t.database.superuser.query(
        `SELECT 1 FROM events WHERE metadata->>'idempotencyKey' = $1 AND metadata->>'actorId' = $2`,
        [key, scope],
      )
    ).rowCount;
  /** What kill -9 after the command's commit leaves: the key pending, no answer, the owner's lease run out. */
  const loseAnswer = (key: string) =>
    t.database.superuser.query(
      `UPDATE idempotency_keys SET state = 'pending', status_code = NULL, response_body = NULL, headers = NULL,
              completed_at = NULL, lease_until = now() - interval '1 second'
        WHERE scope = $1 AND key = $2`,
      [scope, key],
    );
  /** What kill -9 before the command committed leaves: only the claim. */
  const leaveClaim = (key: string, path: string, payload: object, leaseUntil: string) =>
    t.database.superuser.query(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, state, claim, lease_until)
       VALUES ($1, $2, 'POST', $3, $4, 'pending', $5, now() + $6::interval)`,
      [
        scope,
        key,
        path,
        createHash('sha256')
          .update(`POST ${path}\n${JSON.stringify(payload)}`)
          .digest(),
        randomUUID(),
        leaseUntil,
      ],
    );
  const stateOf = async (key: string) =>
    (
      await t.database.superuser.query<{ state: string }>(
        'SELECT state FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      )
    ).rows[0]?.state;

  it('answers a registration that committed as the first request would have, and records nothing again', async () => {
    const payload = body('盱交罚〔2026〕0701号');
    const first = await post(RECORDS, 'crash-after-commit', payload).expect(201);
    await loseAnswer('crash-after-commit');

    const retry = await post(RECORDS, 'crash-after-commit', payload).expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.body).toEqual(first.body);
    expect(await eventsWithKey('crash-after-commit')).toBe(1);
    expect(await stateOf('crash-after-commit')).toBe('done');
  });

  it('rebuilds a case action’s answer as of its own event, not as the case stands now', async () => {
    const created = await post(RECORDS, 'action-base', body('盱交罚〔2026〕0702号')).expect(201);
    const path = `${RECORDS}/${created.body.id}`;
    const shielded = await post(
      `${path}/shield`,
      'crash-shield',
      { reasons: ['法院裁定重整'] },
      '"1"',
    ).expect(200);
    await post(`${path}/lift-shield`, 'lift-after', { reasons: ['重整完毕'] }, '"2"').expect(200);
    await loseAnswer('crash-shield');

    const retry = await post(`${path}/shield`, 'crash-shield', { reasons: ['法院裁定重整'] }, '"1"').expect(
      200,
    );
    expect(retry.headers.etag).toBe('"2"');
    // The case as the shield left it; read models beside the events (its timers rows) are read as they are now.
    const withoutTimers = ({ timers: _, ...view }: Record<string, unknown>) => view;
    expect(withoutTimers(retry.body)).toEqual(withoutTimers(shielded.body));
    expect(retry.body).toMatchObject({ version: 2, publicStatus: 'shielded' });
    expect(await eventsWithKey('crash-shield')).toBe(1);
  });

  it('answers with the route’s own case when the command also signed a commitment (repair application)', async () => {
    // Decided long enough ago to be repairable now (general record: three months).
    const record = await t.http
      .post(RECORDS)
      .auth(officer, { type: 'bearer' })
      .send({ ...body('盱交罚〔2026〕0706号'), decisionDate: '2026-01-05' })
      .expect(201);
    const applicant = await loginAs(t, 'applicant-a');
    const { rows } = await t.database.superuser.query<{ id: string }>(
      `SELECT id FROM accounts WHERE username = 'applicant-a'`,
    );
    const payload = {
      recordId: record.body.id as string,
      commitment: { content: '本单位承诺已纠正失信行为，所提交材料真实有效。', consentToPublish: true },
    };
    const apply = () =>
      t.http
        .post('/api/v1/repair-applications')
        .auth(applicant, { type: 'bearer' })
        .set('Idempotency-Key', 'crash-apply')
        .send(payload);
    const first = await apply().expect(201);
    await t.database.superuser.query(
      `UPDATE idempotency_keys SET state = 'pending', status_code = NULL, response_body = NULL, headers = NULL,
              lease_until = now() - interval '1 second' WHERE scope = $1 AND key = 'crash-apply'`,
      [rows[0].id],
    );

    const retry = await apply().expect(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.headers.location).toBe(first.headers.location);
    expect(retry.headers.etag).toBe(first.headers.etag);
    expect(retry.body).toEqual(first.body);
  });

  it('runs the command once when the dead request committed nothing', async () => {
    const payload = body('盱交罚〔2026〕0703号');
    await leaveClaim('crash-before-commit', RECORDS, payload, '-1 second');

    const retry = await post(RECORDS, 'crash-before-commit', payload).expect(201);
    expect(retry.headers['idempotent-replayed']).toBeUndefined();
    expect(await eventsWithKey('crash-before-commit')).toBe(1);
    expect(await stateOf('crash-before-commit')).toBe('done');
    await post(RECORDS, 'crash-before-commit', payload).expect(201);
    expect(await eventsWithKey('crash-before-commit')).toBe(1);
  });

  it('still answers 409 while the owner holds its lease, and runs nothing', async () => {
    const payload = body('盱交罚〔2026〕0704号');
    await leaveClaim('owner-alive', RECORDS, payload, '1 minute');
    const retry = await post(RECORDS, 'owner-alive', payload).expect(409);
    expect(retry.body.code).toBe('IDEMPOTENCY_REQUEST_IN_PROGRESS');
    expect(await eventsWithKey('owner-alive')).toBe(0);
  });

  it('runs two concurrent requests with one key once: the other is a 409 or the replayed answer', async () => {
    const payload = body('盱交罚〔2026〕0705号');
    const answers = await Promise.all(Array.from({ length: 6 }, () => post(RECORDS, 'concurrent', payload)));
    const executed = answers.filter((a) => a.status === 201 && !a.headers['idempotent-replayed']);
    expect(executed).toHaveLength(1);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    expect(await eventsWithKey('concurrent')).toBe(1);
  });
});
