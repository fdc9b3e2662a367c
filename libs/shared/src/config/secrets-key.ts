import { createHash, randomBytes } from 'node:crypto';
import { parseSecretsKey, SecretBox } from '../crypto/secret-box';
import type { Env } from './env';
import { keptSecretFile, keptSecretPath } from './kept-secret-file';

/** Tests in every process (the jest run and the API and worker processes it starts) seal with this one key. */
export const TEST_SECRETS_KEY = createHash('sha256').update('credence test secrets key').digest('base64');

const previousKeys = (env: Pick<Env, 'SECRETS_KEY_PREVIOUS'>) =>
  env.SECRETS_KEY_PREVIOUS.split(',')
    .map((k) => k.trim())
    .filter(Boolean);

/** What is wrong with the configured keys (loadEnv reports it with the rest of the configuration). */
export function secretsKeyProblems(env: Pick<Env, 'SECRETS_KEY' | 'SECRETS_KEY_PREVIOUS'>): string[] {
  const advice = '32 bytes as base64 (44 characters) or hex (64), e.g. `openssl rand -base64 32`';
  const problems: string[] = [];
  if (env.SECRETS_KEY !== '' && !parseSecretsKey(env.SECRETS_KEY)) problems.push(`SECRETS_KEY: ${advice}`);
  previousKeys(env).forEach((k, i) => {
    if (!parseSecretsKey(k)) problems.push(`SECRETS_KEY_PREVIOUS (key ${i + 1}): ${advice}`);
  });
  return problems;
}

/**
 * The box sealing stored secrets. Configured (SECRETS_KEY, and SECRETS_KEY_PREVIOUS while rotating), it is used as
 * is; production refuses to start without (loadEnv). Otherwise a key is generated once into `.data/secrets-key`
 * beside the embedded database's data — outside the database, so a dump does not carry what opens it. Tests use a
 * fixed key so that every process of a test run opens what another sealed.
 */
export function secretBoxOf(env: Env, log: (line: string) => void): SecretBox {
  const previous = previousKeys(env).map((k) => parseSecretsKey(k)!);
  if (env.SECRETS_KEY !== '') return new SecretBox(parseSecretsKey(env.SECRETS_KEY)!, previous);
  if (env.isProduction)
    throw new Error('SECRETS_KEY: production needs a key (loadEnv refuses to start without)');
  if (env.NODE_ENV === 'test') return new SecretBox(parseSecretsKey(TEST_SECRETS_KEY)!, previous);
  const file = keptSecretPath(env, 'secrets-key');
  const kept = keptSecretFile(file, () => `${randomBytes(32).toString('base64')}\n`);
  if (kept.created)
    log(
      `No SECRETS_KEY: stored secrets are sealed with a key generated at ${file} (未配置 SECRETS_KEY，已生成随机密钥). ` +
        'Production needs SECRETS_KEY.',
    );
  const key = parseSecretsKey(kept.text);
  if (!key)
    throw new Error(`${file} holds no usable secrets key: restore it (deleting it loses the sealed secrets)`);
  return new SecretBox(key, previous);
}
