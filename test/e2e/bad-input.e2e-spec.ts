import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/** Whatever a client sends, the answer is a 4xx problem with a stable code — never a 500, never HTML. */
describe('bad input never breaks the server', () => {
  let t: TestApp;
  let officer: string;
  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    officer = await loginAs(t, 'officer-xuyi');
  });
  afterAll(() => t.close());

  const expectProblem = (
    res: { status: number; headers: Record<string, string>; body: { code?: unknown } },
    status: number,
  ) => {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(typeof res.body.code).toBe('string');
  };

  it.each([
    ['a JSON array', '[]'],
    ['a bare string', '"text"'],
    ['null', 'null'],
    ['a number', '42'],
  ])('POST /credit-records with %s as the body', async (_name, raw) => {
    const res = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .set('Content-Type', 'application/json')
      .send(raw);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers['content-type']).toContain('application/problem+json');
  });

  it('a body that is not JSON at all', async () => {
    const res = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .set('Content-Type', 'text/plain')
      .send('hello');
    expectProblem(res, 400);
  });

  it('nested objects where strings belong, and deep garbage', async () => {
    const res = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send({ subject: 'x', kind: { $ne: 1 }, severity: ['general'], decisionDate: 20260510, facts: null });
    expectProblem(res, 400);
    expect(res.body.errors.length).toBeGreaterThan(3);
  });

  it('query parameters of the wrong type or out of range', async () => {
    expectProblem(
      await t.http.get('/api/v1/credit-records?page=0&pageSize=100000').auth(officer, { type: 'bearer' }),
      400,
    );
    expectProblem(
      await t.http
        .get('/api/v1/credit-records?status=published&status=expired')
        .auth(officer, { type: 'bearer' }),
      400,
    );
    expectProblem(
      await t.http.get('/api/v1/credit-records?objectionMarked=maybe').auth(officer, { type: 'bearer' }),
      400,
    );
    expectProblem(
      await t.http.get('/api/v1/credit-records?unknown=1').auth(officer, { type: 'bearer' }),
      400,
    );
  });

  it('ids that are not ids, and actions that do not exist', async () => {
    expectProblem(
      await t.http.get('/api/v1/credit-records/not-a-uuid').auth(officer, { type: 'bearer' }),
      404,
    );
    expectProblem(
      await t.http
        .get('/api/v1/cases/00000000-0000-7000-8000-000000000000/history')
        .auth(officer, { type: 'bearer' }),
      404,
    );
    expectProblem(
      await t.http
        .post('/api/v1/credit-records/00000000-0000-7000-8000-000000000000/explode')
        .auth(officer, { type: 'bearer' })
        .send({ reasons: ['x'] }),
      404,
    );
    expectProblem(
      await t.http.get('/api/v1/case-types/nothing/diagram').auth(officer, { type: 'bearer' }),
      404,
    );
    expectProblem(await t.http.get('/api/v1/public/subjects/not-a-code/records'), 400);
  });

  it('malformed headers: If-Match, Idempotency-Key, Authorization', async () => {
    const id = '00000000-0000-7000-8000-000000000000';
    expectProblem(
      await t.http
        .post(`/api/v1/credit-records/${id}/shield`)
        .auth(officer, { type: 'bearer' })
        .set('If-Match', 'yesterday')
        .send({ reasons: ['x'] }),
      400,
    );
    expectProblem(
      await t.http
        .post('/api/v1/credit-records')
        .auth(officer, { type: 'bearer' })
        .set('Idempotency-Key', 'key with spaces')
        .send({}),
      400,
    );
    expectProblem(await t.http.get('/api/v1/credit-records').set('Authorization', 'Bearer not.a.jwt'), 401);
    expectProblem(await t.http.get('/api/v1/credit-records').set('Authorization', 'Basic abc'), 401);
  });

  it('a wrong method on a known path', async () => {
    const res = await t.http.delete('/api/v1/credit-records').auth(officer, { type: 'bearer' });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});
