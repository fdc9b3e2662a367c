import { chmodSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readPostmasterPid } from '@credence/shared';
import { spawnApi, waitForHealth, type RunningApi } from './support/processes';

/*
 * Issue 14, item 14: `npm start` without DATABASE_URL runs an embedded PostgreSQL. After kill -9 of that process
 * the server used to live on holding postmaster.pid, and the next start printed `undefined` and exited 1. Now the
 * server is stopped with its parent, and a start that still finds it running reclaims the directory.
 */
describe('the embedded PostgreSQL after kill -9 of its process (reliability)', () => {
  let parent: string;
  let dataDir: string;
  let api: RunningApi | undefined;
  const figures: string[] = [];

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'credence-orphan-'));
    chmodSync(parent, 0o755); // the server runs as its own OS user and must reach its data directory
    dataDir = join(parent, 'postgres');
  });
  afterAll(async () => {
    await api?.stop(20_000);
    const left = readPostmasterPid(dataDir);
    if (left) {
      try {
        process.kill(left.pid, 'SIGINT');
      } catch {
        /* already gone */
      }
    }
    rmSync(parent, { recursive: true, force: true });
    process.stdout.write(`embedded orphan figures:\n${figures.join('\n')}\n`);
  });

  /** `npm start` as a user runs it: no DATABASE_URL, the data under EMBEDDED_PG_DIR. */
  async function start(): Promise<RunningApi> {
    const started = Date.now();
    const proc = await spawnApi(
      '',
      { EMBEDDED_PG_DIR: dataDir, SEED_DEMO: 'false' },
      { waitForHealth: false },
    );
    await waitForHealth(proc, 120_000);
    figures.push(`  start: healthy in ${Date.now() - started} ms`);
    return proc;
  }

  function alive(pid: number): boolean {
    try {
      process.kill(pid, 0);
      return true;
    } catch {
      return false;
    }
  }

  /** The shell loop that stops the server when `pid` dies. */
  function watcherOf(pid: number): number | undefined {
    for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
        if (cmdline.startsWith('/bin/sh') && cmdline.includes(`kill -0 ${pid} `)) return Number(entry);
      } catch {
        /* gone meanwhile */
      }
    }
    return undefined;
  }

  it('stops the server when its process is killed, so the next start comes up', async () => {
    api = await start();
    const server = readPostmasterPid(dataDir)!.pid;
    await api.kill9();
    const deadline = Date.now() + 15_000;
    while (alive(server) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(alive(server)).toBe(false);
    figures.push(`  kill -9: the server stopped within ${15_000 - (deadline - Date.now())} ms`);
    api = await start();
    expect(api.output()).not.toMatch(/undefined/);
  }, 300_000);

  it('reclaims a server still running from a killed start, and comes up', async () => {
    api ??= await start();
    const server = readPostmasterPid(dataDir)!.pid;
    const watcher = watcherOf(api.child.pid!);
    expect(watcher).toBeDefined();
    process.kill(watcher!, 'SIGKILL'); // as if nothing had watched it: a true orphan
    await api.kill9();
    await new Promise((r) => setTimeout(r, 500));
    expect(alive(server)).toBe(true);
    expect(existsSync(join(dataDir, 'postmaster.pid'))).toBe(true);

    api = await start();
    expect(api.output()).toMatch(new RegExp(`embedded PostgreSQL \\(pid ${server}\\) left running`));
    expect(alive(server)).toBe(false);
  }, 300_000);
});
