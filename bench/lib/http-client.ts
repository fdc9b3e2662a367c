import { spawn, type ChildProcess } from 'node:child_process';
import { Agent, request } from 'node:http';

/** Starts the built API as its own process (node dist/...), as in production, and waits for /health. */
export async function startApi(databaseUrl: string, port: number, processes: string): Promise<ChildProcess> {
  const nodeArgs = (process.env.BENCH_API_NODE_ARGS ?? '').split(' ').filter(Boolean); // e.g. --cpu-prof
  const child = spawn(process.execPath, [...nodeArgs, 'dist/apps/api/src/main.js'], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      RUN_WORKER: 'false',
      API_PROCESSES: processes,
      NODE_ENV: 'development',
      SEED_DEMO: 'true',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health`)).ok) return child;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill();
  throw new Error('the API did not start');
}

export interface Reply {
  status: number;
  body: string;
}

/**
 * A plain keep-alive node:http client: lighter than fetch, so less of the shared two cores goes to the client.
 */
export class BenchClient {
  private readonly agent: Agent;

  constructor(
    private readonly port: number,
    concurrency: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets: concurrency });
  }

  send(method: string, path: string, token: string, body?: string): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { authorization: `Bearer ${token}` };
      if (body !== undefined)
        Object.assign(headers, {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        });
      const req = request(
        { host: '127.0.0.1', port: this.port, method, path, agent: this.agent, headers },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  async login(username: string): Promise<string> {
    const res = await fetch(`http://127.0.0.1:${this.port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password: process.env.DEMO_PASSWORD ?? 'credence-demo' }),
    });
    if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { accessToken: string }).accessToken;
  }

  close(): void {
    this.agent.destroy();
  }
}
