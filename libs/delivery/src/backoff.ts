/**
 * The delay before attempt `attempt + 1` after `attempt` failures: exponential from `baseMs`, capped at `maxMs`, with
 * "equal jitter" (half fixed, half random) so receivers coming back after an outage are not hit by every worker at
 * once, yet no retry comes sooner than half its step.
 */
export function retryDelayMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const step = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
