import { IdempotencyKeys, type IdempotencyKeyRow } from '@credence/event-store';
import type { Env } from '@credence/shared';
import { withCliDatabase } from './cli-database';

const USAGE = 'usage: credence idempotency list|recover [--older-than <30s|5m|2h|1d>]';
const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `5m` → 300000; null when it is not a duration. */
export function durationMs(text: string): number | null {
  const match = /^(\d{1,6})([smhd])$/.exec(text);
  return match ? Number(match[1]) * UNITS[match[2]] : null;
}

/**
 * `credence idempotency list|recover [--older-than 5m]`: the Idempotency-Keys a crashed request left pending (its
 * owner gone past IDEMPOTENCY_LEASE_MS). `recover` frees each whose command did not commit, so the client's retry
 * runs it, and records on each whose command committed what it committed, so the retry gets the answer rebuilt
 * from the case (ADR 0006). The API does the same by itself on the retry; this is for looking and for keys left by
 * a version without claims.
 */
export async function idempotencyCommand(
  url: string,
  env: Env,
  args: string[],
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  const [sub] = args;
  const olderThanIndex = args.indexOf('--older-than');
  const olderThan = olderThanIndex >= 0 ? durationMs(args[olderThanIndex + 1] ?? '') : durationMs('5m');
  if ((sub !== 'list' && sub !== 'recover') || olderThan === null) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  return withCliDatabase(url, async (db) => {
    const keys = new IdempotencyKeys(db, env.IDEMPOTENCY_LEASE_MS);
    const stuck = await keys.stuck(olderThan);
    let committedCount = 0;
    let released = 0;
    for (const row of stuck) {
      const committed = await keys.committedOf(row);
      let outcome: string;
      if (committed) {
        committedCount++;
        if (sub === 'recover') await keys.markCommitted(row, committed);
        outcome = `已提交 committed ${committed.streamId} v${committed.version}: 重试时按已提交结果应答 / the retry gets its answer`;
      } else if (sub === 'recover') {
        const freed = await keys.releaseStuck(row);
        if (freed) released++;
        outcome = freed
          ? '未提交，已释放 not committed, released: 重试时执行 / the retry runs it'
          : '已变化，未处理 changed meanwhile, left alone';
      } else {
        outcome = '未提交 not committed';
      }
      out(describe(row, outcome));
    }
    out(
      `${stuck.length} 个滞留键（${committedCount} 个已提交，${sub === 'recover' ? `${released} 个已释放` : '未处理'}） / ` +
        `${stuck.length} stuck keys (${committedCount} committed, ${sub === 'recover' ? `${released} released` : 'nothing changed'})`,
    );
    return 0;
  });
}

function describe(row: IdempotencyKeyRow, outcome: string): string {
  return `${row.createdAt.toISOString()}  ${row.scope}  ${row.key}  ${row.method} ${row.path}  ${outcome}`;
}
