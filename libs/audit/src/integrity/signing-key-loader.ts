import { readFileSync } from 'node:fs';
import { InvalidConfigurationError, keptSecretFile, keptSecretPath, type Env } from '@credence/shared';
import { SigningKey } from './signing';

/** Seed of the test key: tests get the same key in every run and every process. */
const TEST_KEY_SEED = 'credence test audit signing key';

/**
 * The checkpoint signing key from AUDIT_SIGNING_KEY (PEM text or a file path). Production without one is a
 * configuration error: checkpoints signed by a key nobody kept prove nothing. Elsewhere a key is made once and
 * kept beside the embedded database, with a loud log line, so development restarts keep verifying.
 */
export function loadSigningKey(env: Env, log: (line: string) => void): SigningKey {
  const algorithm = env.AUDIT_SIGNING_ALGORITHM;
  const configured = env.AUDIT_SIGNING_KEY.trim();
  if (configured !== '') {
    const pem = configured.includes('-----BEGIN') ? configured : readKeyFile(configured);
    try {
      return SigningKey.fromPem(algorithm, pem);
    } catch (error) {
      throw new InvalidConfigurationError([`AUDIT_SIGNING_KEY: ${(error as Error).message}`]);
    }
  }
  if (env.isProduction)
    throw new InvalidConfigurationError([
      'AUDIT_SIGNING_KEY: production needs the checkpoint signing key (PKCS#8 PEM or a path to one)',
    ]);
  if (env.NODE_ENV === 'test') {
    return algorithm === 'ed25519'
      ? SigningKey.deterministicEd25519(TEST_KEY_SEED)
      : SigningKey.fromPem(algorithm, SigningKey.generatePem(algorithm));
  }
  const file = keptSecretPath(env, `audit-signing-key-${algorithm}.pem`);
  const kept = keptSecretFile(file, () => SigningKey.generatePem(algorithm));
  if (kept.created)
    log(
      `WARNING 警告: no AUDIT_SIGNING_KEY; audit checkpoints are signed with a development key generated at ${file}. ` +
        'Never use it in production (生产环境必须配置审计签名密钥).',
    );
  const pem = kept.text;
  return SigningKey.fromPem(algorithm, pem);
}

function readKeyFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    throw new InvalidConfigurationError([
      `AUDIT_SIGNING_KEY: cannot read ${path} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
    ]);
  }
}
