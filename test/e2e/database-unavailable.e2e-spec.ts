import { Client } from 'pg';
import { DatabaseAvailability } from '@credence/shared';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/*
 * Issue 14, items 12 and 13 at the HTTP edge: whatever route meets a database that is away or does not answer in
 * time, the answer is a coded 503 problem with Retry-After, in the client's language, never a 500.
 */
describe('the database unavailable (e2e)', () => {
  let t: TestApp;
  let officer: string;

  beforeAll(async () => {
    t = await createTestApp({ DATABASE_STATEMENT_TIMEOUT_MS: '300' });
    await seedDemoIdentities(t);
    officer = await loginAs(t, 'officer-xuyi');
  });
  afterAll(() => t.close());

  it('answers a statement that runs past statement_timeout with 503, not 500', async () => {
    // A lock held elsewhere makes the read wait until the server cancels it (57014).
    const holder = new Client({ connectionString: t.database.url });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('LOCK TABLE credit_records IN ACCESS EXCLUSIVE MODE');
      const started = Date.now();
      const res = await t.http.get('/api/v1/credit-records').auth(officer, { type: 'bearer' });
      expect(res.status).toBe(503);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body).toMatchObject({ code: 'DATABASE_UNAVAILABLE', title: '数据库暂不可用，请稍后重试' });
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    await t.http.get('/health').expect(200); // a timeout alone is not an outage: nothing stays refused
    await t.http.get('/api/v1/credit-records').auth(officer, { type: 'bearer' }).expect(200);
  });

  it('refuses every route at once while the database is known to be away, and serves again once it answers', async () => {
    const availability = t.app.get(DatabaseAvailability);
    availability.report(
      Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }),
    );
    for (const res of [
      await t.http.get('/api/v1/credit-records').auth(officer, { type: 'bearer' }),
      await t.http.post('/api/v1/auth/login').send({ username: 'admin', password: 'whatever-it-is' }),
      await t.http.get('/api/v1/calendar/working-day?date=2026-10-10').auth(officer, { type: 'bearer' }),
      await t.http.get('/api/v1/public/subjects/91320830MA1XY0012B/records').set('Accept-Language', 'en'),
    ]) {
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('5');
      expect(res.body.code).toBe('DATABASE_UNAVAILABLE');
    }
    // /health looks for itself; the database answers, so everything is served again.
    await t.http.get('/health').expect(200);
    expect(availability.isAvailable).toBe(true);
    await t.http.get('/api/v1/credit-records').auth(officer, { type: 'bearer' }).expect(200);
  });

  it('finds a database that cannot be reached down within a second (what /health then names)', async () => {
    const unreachable = new DatabaseAvailability('postgres://nobody@127.0.0.1:1/none');
    const started = Date.now();
    expect(await unreachable.probe()).toBe('down');
    expect(Date.now() - started).toBeLessThan(1000);
    unreachable.onApplicationShutdown();
  });
});
