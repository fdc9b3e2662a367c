/**
 * bench/http-adapter: the product's authenticated floor (`GET /api/v1/auth/me`: JWT, the cached account, the global
 * guards and interceptors, a small JSON answer) on Nest's Express adapter against its Fastify adapter, in the same
 * run, alternating. Commands are not compared: their controllers write Express responses (status, headers, files),
 * which Fastify's reply does not take as they are (docs/performance.md, lever 6).
 *
 *   npm run build && npx tsx bench/http-adapter.ts [--seconds 6] [--rounds 3] [--concurrency 16]
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { freePort } from '@credence/shared';
import { startBenchDatabase } from './lib/database';
import { BenchClient } from './lib/http-client';
import { closedLoop, option, type RunResult } from './lib/runner';

const seconds = Number(option('seconds', '6'));
const rounds = Number(option('rounds', '3'));
const concurrency = Number(option('concurrency', '16'));
const ADAPTERS = ['express', 'fastify'] as const;

async function startServer(adapter: string, databaseUrl: string, port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/lib/adapter-api.ts', adapter, databaseUrl, String(port)],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('ready') && resolve());
    child.on('exit', (code) => reject(new Error(`the ${adapter} API exited (${code})`)));
  });
  return child;
}

// Logged in once, on Express (the login route's rate limit writes Express headers); both servers sign with the same
// development secret (.data/jwt-secret) over the same database, so the token serves both.
let token: string | undefined;

async function floorOn(adapter: string, databaseUrl: string): Promise<RunResult> {
  const port = await freePort();
  const server = await startServer(adapter, databaseUrl, port);
  const client = new BenchClient(port, concurrency);
  try {
    token ??= await client.login('officer-xuyi');
    const me = () =>
      client.send('GET', '/api/v1/auth/me', token!).then((r) => {
        if (r.status !== 200) throw new Error(`${adapter}: GET /auth/me answered ${r.status}: ${r.body}`);
      });
    await closedLoop(concurrency, 2, me); // warm-up
    return await closedLoop(concurrency, seconds, me);
  } finally {
    client.close();
    server.kill();
  }
}

async function main(): Promise<void> {
  const database = await startBenchDatabase(4);
  console.log(
    `\nbench/http-adapter — GET /api/v1/auth/me, concurrency ${concurrency}, ${seconds}s per run\n`,
  );
  console.log('| round | adapter | req/s | p50 ms | p99 ms |\n| ---: | --- | ---: | ---: | ---: |');
  const ratios: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      // Alternate which goes first, so a drift of the machine does not favour one side.
      const order = round % 2 === 1 ? ADAPTERS : [...ADAPTERS].reverse();
      const results: Record<string, RunResult> = {};
      for (const adapter of order) {
        const r = (results[adapter] = await floorOn(adapter, database.url));
        console.log(`| ${round} | ${adapter} | ${r.opsPerSecond} | ${r.p50Ms} | ${r.p99Ms} |`);
      }
      ratios.push(results.fastify.opsPerSecond / results.express.opsPerSecond);
    }
  } finally {
    await database.stop();
  }
  console.log(`\nfastify / express per round: ${ratios.map((r) => r.toFixed(2)).join(', ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
