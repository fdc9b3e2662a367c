import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  describeFailure,
  IntegrityVerifier,
  keyIdOf,
  loadSigningKey,
  type IntegrityReport,
} from '@credence/audit';
import { APP_ROLE, createDataSource, Database, type Env } from '@credence/shared';

/**
 * `credence audit verify [--stream <id>] [--public-key <pem>] [--json]`: exit 0 when everything holds, 1 with each
 * failure named and located. The trusted key is the configured signing key, or the public key given (so the
 * check can run where the private key is not).
 */
export async function auditCommand(url: string, env: Env, args: string[], usage: string): Promise<number> {
  if (args[0] !== 'verify') {
    process.stderr.write(`unknown command: audit ${args.join(' ')}\n\n${usage}\n`);
    return 2;
  }
  const pinned = flag(args, '--public-key');
  const trustAnchor = pinned
    ? pinnedKey(readFileSync(pinned, 'utf8'))
    : loadSigningKey(env, (line) => process.stderr.write(`${line}\n`));
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
      streamId: flag(args, '--stream'),
      trustAnchor,
      onProgress: (p) => {
        process.stderr.write(`\r${p.phase} ${p.checked}/${p.total}, failures ${p.failures}   `);
      },
    }).run();
    process.stderr.write('\n');
    process.stdout.write(args.includes('--json') ? `${JSON.stringify(report, null, 2)}\n` : summary(report));
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

function summary(report: IntegrityReport): string {
  const c = report.checkpoints;
  const lines = [
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
