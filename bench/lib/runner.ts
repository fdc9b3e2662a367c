export interface RunResult {
  workers: number;
  seconds: number;
  ops: number;
  opsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * Closed loop: `workers` async workers each call `op` back to back for `seconds`; every call is timed. A worker's
 * `i` counts its own calls, so it can derive the next version without shared state.
 */
export async function closedLoop(
  workers: number,
  seconds: number,
  op: (worker: number, i: number) => Promise<void>,
): Promise<RunResult> {
  const latencies: number[] = [];
  const started = performance.now();
  await timedLoop(workers, seconds, op, latencies);
  return summarise(workers, [{ seconds: (performance.now() - started) / 1000, latencies }]);
}

/** Several closed-loop runs of one scenario (interleaved with others by the caller) summarised as one. */
export function summarise(workers: number, runs: { seconds: number; latencies: number[] }[]): RunResult {
  const latencies = runs.flatMap((r) => r.latencies).sort((a, b) => a - b);
  const elapsed = runs.reduce((sum, r) => sum + r.seconds, 0);
  return {
    workers,
    seconds: round(elapsed, 2),
    ops: latencies.length,
    opsPerSecond: Math.round(latencies.length / elapsed),
    p50Ms: round(percentile(latencies, 0.5), 2),
    p99Ms: round(percentile(latencies, 0.99), 2),
  };
}

/** Runs the loop, pushing each call's latency (ms) into `latencies`. */
export async function timedLoop(
  workers: number,
  seconds: number,
  op: (worker: number, i: number) => Promise<void>,
  latencies: number[],
): Promise<void> {
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) {
        const t0 = performance.now();
        await op(worker, i);
        latencies.push(performance.now() - t0);
      }
    }),
  );
}

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** `--name value` or env `BENCH_NAME`, else the default. */
export function option(name: string, fallback: string): string {
  const flag = process.argv.indexOf(`--${name}`);
  if (flag >= 0 && process.argv[flag + 1] !== undefined) return process.argv[flag + 1];
  return process.env[`BENCH_${name.toUpperCase()}`] ?? fallback;
}
