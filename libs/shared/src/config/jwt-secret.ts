import { createHash, randomBytes } from 'node:crypto';
import type { Env } from './env';
import { keptSecretFile, keptSecretPath } from './kept-secret-file';

/** A secret signing tokens must hold at least this many characters … */
export const JWT_SECRET_MIN_LENGTH = 32;
/** … of at least this many different ones … */
const MIN_DISTINCT_CHARACTERS = 10;
/** … and about this much entropy by its character frequencies (32 random base64 characters hold ~150 bits). */
const MIN_ESTIMATED_BITS = 96;
/** SHA-256 of secrets published with earlier versions: anyone could sign tokens with them. */
const PUBLISHED_SECRET_DIGESTS = new Set([
  '2db579b34f619f28f086b4315f6bc3fae54b16d9b1742be77849d8f9d8a7db5f',
]);

/** Shannon entropy of the secret's characters times its length: a ceiling on the guessing work, not a proof. */
function estimatedBits(secret: string): number {
  const counts = new Map<string, number>();
  for (const ch of secret) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  const length = [...secret].length;
  let perCharacter = 0;
  for (const n of counts.values()) perCharacter -= (n / length) * Math.log2(n / length);
  return perCharacter * length;
}

/** Why a configured token secret is too weak to sign production tokens; empty when it will do. */
export function weakJwtSecretProblems(secret: string): string[] {
  const advice = 'use e.g. `openssl rand -base64 48` (请使用随机生成的密钥)';
  if (PUBLISHED_SECRET_DIGESTS.has(createHash('sha256').update(secret).digest('hex')))
    return [`JWT_SECRET: this secret was published with the source code; ${advice}`];
  const problems: string[] = [];
  if (secret.length < JWT_SECRET_MIN_LENGTH)
    problems.push(`JWT_SECRET: at least ${JWT_SECRET_MIN_LENGTH} characters; ${advice}`);
  else if (new Set(secret).size < MIN_DISTINCT_CHARACTERS)
    problems.push(`JWT_SECRET: too few distinct characters (at least ${MIN_DISTINCT_CHARACTERS}); ${advice}`);
  else if (estimatedBits(secret) < MIN_ESTIMATED_BITS)
    problems.push(`JWT_SECRET: too predictable (about ${Math.floor(estimatedBits(secret))} bits); ${advice}`);
  return problems;
}

/** Where a generated secret is kept: beside the embedded database's data, as the audit signing key is. */
export function generatedJwtSecretFile(env: Pick<Env, 'EMBEDDED_PG_DIR'>): string {
  return keptSecretPath(env, 'jwt-secret');
}

/** One per test process: tokens of a test app are only ever read back by the same process. */
let testSecret: string | undefined;

/**
 * The secret signing access tokens. Configured (JWT_SECRET), it is used as is (production refuses to start without a
 * strong one, see loadEnv). Otherwise one is generated once and kept in `.data/jwt-secret` beside the embedded
 * database's data (also with an external DATABASE_URL: not in the database, so a dump does not carry it), so
 * `npm start` needs no configuration, tokens survive a restart, and every API process started from this directory
 * signs and accepts the same ones. Tests get a random secret per process. The result is kept on `env` so every
 * reader of this process agrees.
 */
export function jwtSecretOf(env: Env, log: (line: string) => void): string {
  if (env.JWT_SECRET !== '') return env.JWT_SECRET;
  if (env.isProduction)
    throw new Error('JWT_SECRET: production needs a secret (loadEnv refuses to start without)');
  if (env.NODE_ENV === 'test') {
    testSecret ??= randomBytes(48).toString('base64');
    return (env.JWT_SECRET = testSecret);
  }
  const file = generatedJwtSecretFile(env);
  const kept = keptSecretFile(file, () => `${randomBytes(48).toString('base64')}\n`);
  if (kept.created)
    log(
      `No JWT_SECRET: tokens are signed with a secret generated at ${file} (未配置 JWT_SECRET，已生成随机密钥). ` +
        'Production needs JWT_SECRET.',
    );
  const secret = kept.text.trim();
  if (secret.length < JWT_SECRET_MIN_LENGTH)
    throw new Error(`${file} holds no usable token secret: delete it to generate a new one`);
  return (env.JWT_SECRET = secret);
}
