import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { freePort, TEST_SECRETS_KEY } from '@credence/shared';

const ROOT = resolve(import.meta.dirname, '../../..');
const API_MAIN = `${ROOT}/dist/apps/api/src/main.js`;
const WORKER_MAIN = `${ROOT}/dist/apps/worker/src/main.js`;

export interface RunningProcess {
  child: ChildProcess;
  /** Everything the process wrote, for assertions and for the failure message. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<void>;
  /** kill -9: no shutdown hooks, no flush. */
  kill9(): Promise<void>;
}

export interface RunningApi extends RunningProcess {
  port: number;
  baseUrl: string;
}

function built(): void {
  if (!existsSync(API_MAIN) || !existsSync(WORKER_MAIN))
    throw new Error(
      'dist/ is missing: the reliability suites run the built product (`npm test` builds first)',
    );
}

function launch(main: string, env: Record<string, string>): RunningProcess {
  built();
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    // The test run's secrets key: what the jest process seals (a platform's secret), the processes it starts open.
    env: { ...process.env, NODE_OPTIONS: '', LOG_LEVEL: 'warn', SECRETS_KEY: TEST_SECRETS_KEY, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | string>((ok) =>
    child.once('exit', (code, signal) => ok(code ?? signal ?? 'unknown')),
  );
  const ended = () => child.exitCode !== null || child.signalCode !== null;
  return {
    child,
    output: () => output,
    exited,
    stop: async (graceMs = 5000) => {
      if (ended()) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
    kill9: async () => {
      if (ended()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Waits until GET {baseUrl}/health answers 200, or fails with the process's output. */
export async function waitForHealth(api: RunningApi, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (api.child.exitCode !== null || api.child.signalCode !== null)
      throw new Error(`the API exited before it was healthy:\n${api.output()}`);
    try {
      const res = await fetch(`${api.baseUrl}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`the API was not healthy within ${timeoutMs} ms:\n${api.output()}`);
}

/** Waits until the process has written `text` (e.g. the worker's start line), or fails with its output. */
export async function waitForOutput(proc: RunningProcess, text: string, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!proc.output().includes(text)) {
    if (proc.child.exitCode !== null || proc.child.signalCode !== null)
      throw new Error(`the process exited before writing "${text}":\n${proc.output()}`);
    if (Date.now() > deadline)
      throw new Error(`the process did not write "${text}" within ${timeoutMs} ms:\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts the built API (`node dist/apps/api/src/main.js`) as its own process on a free port, as in production,
 * and waits for /health. `env` overrides the defaults (development, worker off, demo seed on).
 */
export async function spawnApi(
  databaseUrl: string,
  env: Record<string, string> = {},
  options: { waitForHealth?: boolean; port?: number } = {},
): Promise<RunningApi> {
  const port = options.port ?? (await freePort());
  const proc = launch(API_MAIN, {
    NODE_ENV: 'development',
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    HOST: '127.0.0.1',
    RUN_WORKER: 'false',
    SEED_DEMO: 'true',
    ...env,
  });
  const api = { ...proc, port, baseUrl: `http://127.0.0.1:${port}` };
  if (options.waitForHealth !== false) await waitForHealth(api);
  return api;
}

/** Starts the built worker (`node dist/apps/worker/src/main.js`) as its own process. */
export function spawnWorker(databaseUrl: string, env: Record<string, string> = {}): RunningProcess {
  return launch(WORKER_MAIN, { NODE_ENV: 'development', DATABASE_URL: databaseUrl, ...env });
}
