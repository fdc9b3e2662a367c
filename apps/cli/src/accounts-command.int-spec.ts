import { Readable } from 'node:stream';
import { PasswordHasher } from '@credence/identity';
import { loadEnv, TEST_SECRETS_KEY } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { accountsCommand, type CommandIo } from './accounts-command';

const STRONG = 'Lu7#vQ2m-Ferry-Plank';

function io(stdin: string) {
  const out: string[] = [];
  const err: string[] = [];
  const streams: CommandIo = {
    stdin: Readable.from([stdin]),
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  };
  return { streams, out: () => out.join(''), err: () => err.join('') };
}

describe('credence accounts create-admin', () => {
  let database: TestDatabase;
  const env = loadEnv({
    NODE_ENV: 'production',
    JWT_SECRET: 'vJ3q8Zt0yKc5Lw7NbRr2XhUe9GfPaDs4MiTo1Ek6',
    SECRETS_KEY: TEST_SECRETS_KEY,
  });
  const admins = async () =>
    (
      await database.superuser.query<{
        username: string;
        password_hash: string;
        role: string;
        active: boolean;
      }>(`SELECT username, password_hash, role, active FROM accounts WHERE role = 'admin'`)
    ).rows;

  beforeAll(async () => (database = await createTestDatabase()));
  afterAll(() => database.drop());

  it('creates the first admin of an empty database, the password read from standard input', async () => {
    expect(await admins()).toEqual([]);
    const run = io(`${STRONG}\n`);
    expect(
      await accountsCommand(database.url, env, ['create-admin', '--username', 'ops-root'], run.streams),
    ).toBe(0);
    expect(run.out()).toContain('created admin ops-root');
    const [admin] = await admins();
    expect(admin).toMatchObject({ username: 'ops-root', role: 'admin', active: true });
    expect(await new PasswordHasher().verify(admin.password_hash, STRONG)).toBe(true);
  });

  it('refuses weak passwords, naming why, and creates nothing', async () => {
    for (const weak of ['short1!', 'a'.repeat(20), 'credence-demo-2026', 'ops-second-Zq81x']) {
      const run = io(`${weak}\n`);
      expect(
        await accountsCommand(database.url, env, ['create-admin', '--username', 'ops-second'], run.streams),
      ).toBe(1);
      expect(run.err()).toMatch(/password refused/);
    }
    expect((await admins()).map((a) => a.username)).toEqual(['ops-root']);
  });

  it('never takes the password from the command line, and refuses a taken username', async () => {
    const argv = io('');
    expect(
      await accountsCommand(
        database.url,
        env,
        ['create-admin', '--username', 'ops-third', '--password', STRONG],
        argv.streams,
      ),
    ).toBe(2);
    expect(argv.err()).toMatch(/never taken from the command line/);
    const taken = io(`${STRONG}\n`);
    expect(
      await accountsCommand(database.url, env, ['create-admin', '--username', 'ops-root'], taken.streams),
    ).toBe(1);
    expect((await admins()).map((a) => a.username)).toEqual(['ops-root']);
  });

  it('reads INITIAL_ADMIN_PASSWORD when set', async () => {
    const withPassword = loadEnv({
      NODE_ENV: 'production',
      JWT_SECRET: 'vJ3q8Zt0yKc5Lw7NbRr2XhUe9GfPaDs4MiTo1Ek6',
      SECRETS_KEY: TEST_SECRETS_KEY,
      INITIAL_ADMIN_PASSWORD: STRONG,
    });
    const run = io('');
    expect(
      await accountsCommand(
        database.url,
        withPassword,
        ['create-admin', '--username', 'ops-fourth'],
        run.streams,
      ),
    ).toBe(0);
    expect((await admins()).map((a) => a.username).sort()).toEqual(['ops-fourth', 'ops-root']);
  });
});
