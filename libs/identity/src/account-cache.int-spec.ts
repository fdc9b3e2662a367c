import { loadEnv, ManualClock } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { AccountCache, updateAccountsAnnounced } from './account-cache';
import { accountById } from './account.store';
import { SYSTEM_CHANGES } from './account-changes';
import { seedIdentityDemo } from './demo-seed';
import { PolicyService } from './policy.service';

/** Polls until `done` (a notification is asynchronous); fails after a generous bound. */
async function until(done: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await done()); i++) await new Promise((r) => setTimeout(r, 10));
  expect(await done()).toBe(true);
}

describe('AccountCache: kept between requests, dropped the moment a change is announced', () => {
  let t: TestDatabase;
  let clock: ManualClock;
  let here: AccountCache;
  let elsewhere: AccountCache; // another process on the same database
  let id: string;

  /** What the guard does: the cached row, or a read kept under a ticket. */
  async function authenticate(cache: AccountCache) {
    const cached = cache.get(id);
    if (cached) return { row: cached, read: false };
    const ticket = cache.ticket();
    const row = await accountById(t.db, id);
    if (row?.active) cache.put(row, ticket);
    return { row: row?.active ? row : null, read: true };
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    await seedIdentityDemo(t.db, loadEnv({ NODE_ENV: 'test' }), () => undefined);
    const { rows } = await t.db.query<{ id: string }>(
      `SELECT id FROM accounts WHERE username = 'officer-xuyi'`,
    );
    id = rows[0].id;
    clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
    here = new AccountCache(t.db, clock);
    elsewhere = new AccountCache(t.db, clock);
  });
  afterAll(async () => {
    await here.onApplicationShutdown();
    await elsewhere.onApplicationShutdown();
    await t.drop();
  });

  it('reads until its listener is up, then serves the account without a query', async () => {
    expect((await authenticate(here)).read).toBe(true); // starts the listener; nothing kept yet
    expect((await authenticate(elsewhere)).read).toBe(true);
    await until(() => here.active && elsewhere.active);
    expect((await authenticate(here)).read).toBe(true);
    expect(await authenticate(here)).toMatchObject({ read: false, row: { id, role: 'officer' } });
    await authenticate(elsewhere);
    expect((await authenticate(elsewhere)).read).toBe(false);
  });

  it('a deactivation drops the account here at once and in the other process when it hears it', async () => {
    await updateAccountsAnnounced(t.db, `UPDATE accounts SET active = false WHERE id = $1 RETURNING id`, [
      id,
    ]);
    here.invalidate(id); // what AccountService.setActive does before answering
    expect(await authenticate(here)).toEqual({ read: true, row: null });
    await until(() => elsewhere.get(id) === null);
    expect(await authenticate(elsewhere)).toEqual({ read: true, row: null });
    // Reactivated: read again, then kept again.
    await updateAccountsAnnounced(t.db, `UPDATE accounts SET active = true WHERE id = $1 RETURNING id`, [id]);
    expect((await authenticate(elsewhere)).row).toMatchObject({ id, active: true });
    // The reactivation's own notification may arrive after that read and drop what it kept: kept again once heard.
    let kept = false;
    for (let i = 0; i < 200 && !kept; i++) {
      const answer = await authenticate(elsewhere);
      expect(answer.row).toMatchObject({ id, active: true });
      kept = !answer.read;
      if (!kept) await new Promise((r) => setTimeout(r, 10));
    }
    expect(kept).toBe(true);
  });

  it('a 回避 declaration and its withdrawal reach the cached account here at once and elsewhere when heard', async () => {
    const subject = '91320830MA1XY0012B';
    const policyHere = new PolicyService(t.db, clock, here);
    const policyElsewhere = new PolicyService(t.db, clock, elsewhere);
    for (const cache of [here, elsewhere]) {
      await until(async () => !(await authenticate(cache)).read);
      expect(cache.get(id)?.related_subjects).toEqual([]);
    }
    await policyHere.declareRelated(id, subject, '近亲属任该公司法定代表人', SYSTEM_CHANGES.cli);
    expect(await policyHere.isRelated(id, subject)).toBe(true);
    await until(() => elsewhere.get(id) === null);
    expect(await policyElsewhere.isRelated(id, subject)).toBe(true);
    await until(async () => !(await authenticate(elsewhere)).read);
    expect(elsewhere.get(id)?.related_subjects).toEqual([subject]); // kept with the account now
    expect(await policyElsewhere.isRelated(id, subject)).toBe(true);

    await policyElsewhere.withdrawRelated(id, subject, '亲属已离职', SYSTEM_CHANGES.cli);
    expect(await policyElsewhere.isRelated(id, subject)).toBe(false);
    await until(() => here.get(id) === null);
    expect(await policyHere.isRelated(id, subject)).toBe(false);
  });

  it('a read that overlapped a change is not kept (it may have seen the old row)', async () => {
    here.invalidate();
    const ticket = here.ticket();
    const stale = (await accountById(t.db, id))!;
    here.invalidate(id); // the change lands between the read and the put
    here.put(stale, ticket);
    expect(here.get(id)).toBeNull();
  });

  it('entries expire after a minute (a change made by hand, without the announcement)', async () => {
    await authenticate(here);
    expect((await authenticate(here)).read).toBe(false);
    clock.advance(61_000);
    expect((await authenticate(here)).read).toBe(true);
  });

  it('keeps nothing while its listener is gone, and reconnects', async () => {
    await authenticate(elsewhere);
    expect((await authenticate(elsewhere)).read).toBe(false);
    await t.superuser.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'credence-account-cache'`,
    );
    await until(() => !elsewhere.active && !here.active);
    expect((await authenticate(elsewhere)).read).toBe(true);
    expect((await authenticate(elsewhere)).read).toBe(true);
    await new Promise((r) => setTimeout(r, 1100)); // the reconnect pause
    await authenticate(elsewhere);
    await until(() => elsewhere.active);
    await authenticate(elsewhere);
    expect((await authenticate(elsewhere)).read).toBe(false);
  });
});
