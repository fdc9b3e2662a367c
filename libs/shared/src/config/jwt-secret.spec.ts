import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidConfigurationError, loadEnv } from './env';
import { generatedJwtSecretFile, jwtSecretOf, weakJwtSecretProblems } from './jwt-secret';

const STRONG = 'vJ3q8Zt0yKc5Lw7NbRr2XhUe9GfPaDs4MiTo1Ek6';

/** The production refusal message for a secret, or null when production starts with it. */
function refusal(secret: string | undefined): string | null {
  try {
    loadEnv({ NODE_ENV: 'production', ...(secret === undefined ? {} : { JWT_SECRET: secret }) });
    return null;
  } catch (error) {
    if (!(error instanceof InvalidConfigurationError)) throw error;
    return error.problems.filter((p) => p.startsWith('JWT_SECRET')).join('\n') || null;
  }
}

describe('the token secret', () => {
  it('production refuses to start without one, with a weak one, or with the one once published', () => {
    expect(refusal(undefined)).toMatch(/production needs a secret/);
    expect(refusal('a'.repeat(32))).toMatch(/too few distinct characters/);
    expect(refusal('short-but-random-Zx81')).toMatch(/at least 32 characters/);
    expect(refusal(`${'a'.repeat(23)}bcdefghijk`)).toMatch(/too predictable/);
    expect(refusal('credence-development-secret-not-for-production')).toMatch(/published with the source/);
    expect(refusal(STRONG)).toBeNull();
  });

  it('accepts what `openssl rand -base64 48` makes', () => {
    for (let i = 0; i < 20; i += 1)
      expect(weakJwtSecretProblems(randomBytes(48).toString('base64'))).toEqual([]);
  });

  it('outside production, one is generated once beside the data and read back by every later start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-jwt-'));
    try {
      const envOf = () => loadEnv({ NODE_ENV: 'development', EMBEDDED_PG_DIR: join(dir, 'postgres') });
      const logged: string[] = [];
      const first = jwtSecretOf(envOf(), (line) => logged.push(line));
      const file = generatedJwtSecretFile(envOf());
      expect(file).toBe(join(dir, 'jwt-secret'));
      expect(readFileSync(file, 'utf8').trim()).toBe(first);
      expect(statSync(file).mode & 0o777).toBe(0o600);
      expect(weakJwtSecretProblems(first)).toEqual([]);
      expect(logged).toHaveLength(1);
      // A restart, or a second API process started from the same directory, signs with the same secret.
      expect(jwtSecretOf(envOf(), (line) => logged.push(line))).toBe(first);
      expect(logged).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a configured secret is used as is; the source holds no default', () => {
    const env = loadEnv({ NODE_ENV: 'development', JWT_SECRET: STRONG });
    expect(jwtSecretOf(env, () => undefined)).toBe(STRONG);
    expect(
      new (Object.getPrototypeOf(env).constructor as new () => { JWT_SECRET: string })().JWT_SECRET,
    ).toBe('');
  });
});
