import { percentile } from './runner';

export interface LifecycleResult {
  workers: number;
  seconds: number;
  lifecycles: number;
  lifecyclesPerSecond: number;
  /** Commands per second over all steps, comparable with the raw baseline's single-row transactions. */
  commandsPerSecond: number;
  steps: { name: string; count: number; p50Ms: number; p99Ms: number }[];
  failures: number;
}

/** Times one step of a lifecycle; a step that does not answer as expected counts as a failure and ends it. */
export type Step = (name: string, run: () => Promise<boolean>) => Promise<boolean>;

/**
 * Closed loop over whole case lifecycles: each worker runs `lifecycle` back to back for `seconds`; every step is
 * timed on its own (per-action p50/p99), and a lifecycle counts only when all its steps succeeded.
 */
export async function lifecycleLoop(
  workers: number,
  seconds: number,
  lifecycle: (worker: number, i: number, step: Step) => Promise<boolean>,
): Promise<LifecycleResult> {
  const latencies = new Map<string, number[]>();
  let completed = 0;
  let failures = 0;
  const step: Step = async (name, run) => {
    const t0 = performance.now();
    const ok = await run();
    const list = latencies.get(name) ?? [];
    list.push(performance.now() - t0);
    latencies.set(name, list);
    if (!ok) failures++;
    return ok;
  };
  const started = performance.now();
  const deadline = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: workers }, async (_, worker) => {
      for (let i = 0; performance.now() < deadline; i++) if (await lifecycle(worker, i, step)) completed++;
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  const commands = [...latencies.values()].reduce((n, l) => n + l.length, 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  return {
    workers,
    seconds: round(elapsed),
    lifecycles: completed,
    lifecyclesPerSecond: round(completed / elapsed),
    commandsPerSecond: Math.round(commands / elapsed),
    steps: [...latencies].map(([name, list]) => {
      const sorted = list.sort((a, b) => a - b);
      return {
        name,
        count: sorted.length,
        p50Ms: round(percentile(sorted, 0.5)),
        p99Ms: round(percentile(sorted, 0.99)),
      };
    }),
    failures,
  };
}
