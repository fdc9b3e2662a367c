/** Longest wait between two attempts of an outward message. */
export const MAX_BACKOFF_MS = 3_600_000;

/**
 * The wait before attempt `attempts + 1`: the base doubled per failed attempt, at most an hour, and jittered down to
 * half of it so that messages that failed together (a mail server was down) do not all come back at once.
 */
export function backoffMs(attempts: number, baseMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
