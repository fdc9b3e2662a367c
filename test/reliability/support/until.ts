import type { RunningProcess } from './processes';

/** Waits until `condition` holds, failing with the process's output if it exits or the time runs out. */
export async function until(
  condition: () => boolean,
  timeoutMs: number,
  what: string,
  proc: RunningProcess,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline)
      throw new Error(`${what} did not happen within ${timeoutMs} ms:\n${proc.output()}`);
    if (proc.child.exitCode !== null)
      throw new Error(`the process exited (${proc.child.exitCode}):\n${proc.output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
