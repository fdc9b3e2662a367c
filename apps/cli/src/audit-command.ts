import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import {
  describeFailure,
  IntegrityVerifier,
  keyIdOf,
  loadSigningKey,
  type IntegrityReport,
  type VerifiedPoint,
} from '@credence/audit';
import { APP_ROLE, createDataSource, Database, type Env } from '@credence/shared';

export interface AuditCommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

const DEFAULT_IO: AuditCommandIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
};

/**
 * `credence audit verify [--stream <id>] [--public-key <pem>] [--incremental <state file>] [--threads <n>] [--json]`:
 * exit 0 when everything holds, 1 with each failure named and located. The trusted key is the configured signing
 * key, or the public key given (so the check can run where the private key is not). Whole-ledger chains are
 * recomputed on every core. With --incremental, the file keeps where the last clean run ended (kept outside the
 * database, like the pinned key): a run starts from it and checks only what was sealed since, and a clean run
 * (full when the file does not exist yet) writes the new point.
 */
export async function auditCommand(
  url: string,
  env: Env,
  args: string[],
  usage: string,
  io: AuditCommandIo = DEFAULT_IO,
): Promise<number> {
  if (args[0] !== 'verify') {
    io.err(`unknown command: audit ${args.join(' ')}\n\n${usage}\n`);
    return 2;
  }
  const stateFile = flag(args, '--incremental');
  const streamId = flag(args, '--stream');
  const threads = flag(args, '--threads');
  if ((stateFile && streamId) || (threads !== undefined && !/^[1-9]\d{0,2}$/.test(threads))) {
    io.err(`--incremental covers the whole ledger (not --stream); --threads takes a count\n\n${usage}\n`);
    return 2;
  }
  const since = stateFile && existsSync(stateFile) ? readPoint(stateFile) : undefined;
  if (since === null) {
    io.err(`${stateFile} is not a verified point (不是有效的校验点文件)\n`);
    return 2;
  }
  const pinned = flag(args, '--public-key');
  const trustAnchor = pinned
    ? pinnedKey(readFileSync(pinned, 'utf8'))
    : loadSigningKey(env, (line) => io.err(`${line}\n`));
  const dataSource = createDataSource({
    url,
    appRole: APP_ROLE,
    poolSize: 2,
    applicationName: 'credence-cli',
    // A whole-ledger check may run statements far longer than a request's limit.
    timeouts: {
      connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
      statementMs: env.DATABASE_JOB_STATEMENT_TIMEOUT_MS,
    },
  });
  await dataSource.initialize();
  try {
    const report = await new IntegrityVerifier(new Database(dataSource), {
      streamId,
      trustAnchor,
      // Worker threads open their own connections to the same database.
      connection: url,
      threads: threads === undefined ? undefined : Number(threads),
      since,
      onProgress: (p) => {
        io.err(`\r${p.phase} ${p.checked}/${p.total}, failures ${p.failures}   `);
      },
    }).run();
    io.err('\n');
    if (stateFile && report.verifiedPoint) writePoint(stateFile, report.verifiedPoint);
    io.out(args.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : summary(report));
    return report.ok ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

function pinnedKey(publicKeyPem: string) {
  // Node names Ed25519 keys; an SM2 key parsed from PEM has no type name it knows.
  const ed25519 = createPublicKey(publicKeyPem).asymmetricKeyType === 'ed25519';
  return {
    keyId: keyIdOf(publicKeyPem),
    algorithm: ed25519 ? ('ed25519' as const) : ('sm2' as const),
    publicKeyPem,
  };
}

/** The point file: written whole to a temporary name, then renamed, so a crash never leaves half a point. */
function writePoint(file: string, point: VerifiedPoint): void {
  writeFileSync(`${file}.tmp`, `${JSON.stringify(point, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}

/** The point a clean run wrote, or null when the file is not one (edited, truncated, another format). */
function readPoint(file: string): VerifiedPoint | null {
  const hex = (h: unknown) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h);
  try {
    const point = JSON.parse(readFileSync(file, 'utf8')) as VerifiedPoint;
    const valid =
      Number.isSafeInteger(point.treeSize) &&
      hex(point.rootHash) &&
      Array.isArray(point.frontier) &&
      point.frontier.every(hex);
    return valid ? point : null;
  } catch {
    return null;
  }
}

function summary(report: IntegrityReport): string {
  const c = report.checkpoints;
  const lines = [
    ...(report.since !== null ? [`incremental: from checkpoint ${report.since} (增量校验)`] : []),
    `chains: ${report.chains.eventsChecked} events in ${report.chains.streamsChecked} streams`,
    `ledger: ${report.ledger.leavesChecked} leaves checked, ledger size ${report.ledger.size}`,
    `checkpoints: ${c.checked} (latest tree size ${c.latestTreeSize ?? '-'}), trusted keys ${c.trustedKeyIds.join(', ')}`,
    ...report.failures.map((f) => `FAIL ${describeFailure(f)}`),
  ];
  if (report.failuresFound > report.failures.length)
    lines.push(`… and ${report.failuresFound - report.failures.length} more failures`);
  lines.push(
    report.ok
      ? 'OK: nothing was altered or removed (校验通过)'
      : `FAILED: ${report.failuresFound} failure(s) (校验失败)`,
  );
  return `${lines.join('\n')}\n`;
}

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}
