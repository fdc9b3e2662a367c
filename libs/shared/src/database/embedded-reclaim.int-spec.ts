import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort, startEmbeddedPostgres } from './embedded-postgres';
import { embeddedPostgresBinary, reclaimDataDirectory } from './embedded-reclaim';

/*
 * After kill -9 of `npm start`, its embedded PostgreSQL lives on and keeps postmaster.pid; the next start used to
 * print `undefined` and exit 1. Each case below is one thing a postmaster.pid can mean.
 */
describe('reclaiming an embedded data directory', () => {
  let parent: string;
  const lines: string[] = [];
  const log = (line: string) => lines.push(line);

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'credence-reclaim-'));
    chmodSync(parent, 0o755); // the server runs as its own OS user when this runs as root
  });
  afterAll(() => rmSync(parent, { recursive: true, force: true }));
  beforeEach(() => (lines.length = 0));

  function dataDirWithPid(name: string, pid: number): string {
    const dir = join(parent, name);
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'postmaster.pid'), `${pid}\n${dir}\n0\n5432\n`);
    return dir;
  }

  it('removes a postmaster.pid whose process is gone', async () => {
    const gone = spawn('true');
    await new Promise((r) => gone.once('exit', r));
    const dir = dataDirWithPid('stale', gone.pid!);
    await reclaimDataDirectory(dir, await embeddedPostgresBinary(), log);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
    expect(lines.join('\n')).toMatch(/stale/);
  });

  it('removes a postmaster.pid whose pid now belongs to another program', async () => {
    const dir = dataDirWithPid('recycled', process.pid);
    await reclaimDataDirectory(dir, await embeddedPostgresBinary(), log);
    expect(existsSync(join(dir, 'postmaster.pid'))).toBe(false);
  });

  it('refuses, naming the process, a directory that another PostgreSQL process holds', async () => {
    // A backend of the test server: a live postgres that this data directory's start did not launch.
    const other = new Client({ connectionString: process.env.CREDENCE_TEST_SERVER_URL });
    await other.connect();
    try {
      const { rows } = await other.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const dir = dataDirWithPid('foreign', rows[0].pid);
      await expect(reclaimDataDirectory(dir, await embeddedPostgresBinary(), log)).rejects.toThrow(
        new RegExp(`in use by PostgreSQL process ${rows[0].pid}.*EMBEDDED_PG_DIR`, 's'),
      );
      expect(existsSync(join(dir, 'postmaster.pid'))).toBe(true);
    } finally {
      await other.end();
    }
  });

  it('stops an orphaned embedded server of the same directory and starts cleanly', async () => {
    const dir = join(parent, 'orphan');
    const first = await startEmbeddedPostgres(dir, { persistent: true });
    await first.stop(); // initialised; now run it the way a killed parent leaves it: on its own
    const port = await freePort();
    const root = userInfo().uid === 0;
    const ids = root
      ? {
          uid: Number(execFileSync('id', ['-u', 'postgres']).toString()),
          gid: Number(execFileSync('id', ['-g', 'postgres']).toString()),
        }
      : {};
    const orphan: ChildProcess = spawn(
      await embeddedPostgresBinary(),
      [
        '-D',
        dir,
        '-p',
        String(port),
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        `unix_socket_directories=${dir}`,
      ],
      { ...ids, detached: true, stdio: 'ignore' },
    );
    orphan.unref();
    const deadline = Date.now() + 20_000;
    while (!existsSync(join(dir, 'postmaster.pid')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 500));

    const second = await startEmbeddedPostgres(dir, { persistent: true, log });
    try {
      expect(lines.join('\n')).toMatch(new RegExp(`pid ${orphan.pid}.*stopping it`));
      expect(() => process.kill(orphan.pid!, 0)).toThrow();
      const client = new Client({ connectionString: second.serverUrl });
      await client.connect();
      expect((await client.query('SELECT 1 AS one')).rows[0]).toEqual({ one: 1 });
      await client.end();
    } finally {
      await second.stop();
    }
  });

  it('explains a failed start instead of rejecting with nothing', async () => {
    const dir = join(parent, 'broken');
    const server = await startEmbeddedPostgres(dir, { persistent: true });
    await server.stop();
    writeFileSync(join(dir, 'postgresql.conf'), 'this is not a setting\n', { flag: 'a' });
    await expect(startEmbeddedPostgres(dir, { persistent: true })).rejects.toThrow(
      /embedded PostgreSQL in .* did not start[\s\S]*postgresql\.conf/,
    );
  });
});
