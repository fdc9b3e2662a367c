import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '../config/env';
import { secretBoxOf } from '../config/secrets-key';
import { parseSecretsKey, SecretBox, SecretKeyUnknownError } from './secret-box';

const keyA = Buffer.alloc(32, 1);
const keyB = Buffer.alloc(32, 2);

describe('the secret box', () => {
  it('seals so that the stored value does not hold the secret, and opens it again for the same context', () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal('hmac-secret-信用中国', 'credit-china');
    expect(sealed).toMatch(/^sealed:v1:[0-9a-f]{8}:/);
    expect(sealed).not.toContain('hmac-secret');
    expect(box.open(sealed, 'credit-china')).toBe('hmac-secret-信用中国');
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c')); // a fresh nonce each time
  });

  it('refuses a value moved to another context or altered by one bit', () => {
    const box = new SecretBox(keyA);
    const sealed = box.seal('s3cret', 'credit-china');
    expect(() => box.open(sealed, 'credit-evaluation')).toThrow();
    const bytes = Buffer.from(sealed.split(':')[3], 'base64url');
    bytes[bytes.length - 1] ^= 1;
    const altered = `${sealed.split(':').slice(0, 3).join(':')}:${bytes.toString('base64url')}`;
    expect(() => box.open(altered, 'credit-china')).toThrow();
  });

  it('reads values kept in clear before sealing existed, and says they need sealing', () => {
    const box = new SecretBox(keyA);
    expect(box.open('plain-old-secret', 'x')).toBe('plain-old-secret');
    expect(box.isCurrent('plain-old-secret')).toBe(false);
  });

  it('opens what a previous key sealed while rotating, and names a key it does not hold', () => {
    const old = new SecretBox(keyA).seal('rotate-me', 'p');
    const rotated = new SecretBox(keyB, [keyA]);
    expect(rotated.open(old, 'p')).toBe('rotate-me');
    expect(rotated.isCurrent(old)).toBe(false);
    expect(rotated.isCurrent(rotated.seal('rotate-me', 'p'))).toBe(true);
    expect(() => new SecretBox(keyB).open(old, 'p')).toThrow(SecretKeyUnknownError);
  });

  it('takes keys of 32 bytes as base64 or hex, nothing else', () => {
    expect(parseSecretsKey(keyA.toString('base64'))).toEqual(keyA);
    expect(parseSecretsKey(keyA.toString('hex'))).toEqual(keyA);
    expect(parseSecretsKey(Buffer.alloc(16).toString('base64'))).toBeUndefined();
    expect(parseSecretsKey('not a key')).toBeUndefined();
  });

  it('outside production and tests, generates a key once beside the data and reads it back on every later start', () => {
    const dir = mkdtempSync(join(tmpdir(), 'credence-secrets-'));
    const env = () => loadEnv({ NODE_ENV: 'development', EMBEDDED_PG_DIR: join(dir, 'pg') });
    const lines: string[] = [];
    const first = secretBoxOf(env(), (l) => lines.push(l));
    const second = secretBoxOf(env(), (l) => lines.push(l));
    expect(second.currentKeyId).toBe(first.currentKeyId);
    expect(second.open(first.seal('x', 'c'), 'c')).toBe('x');
    expect(lines).toHaveLength(1);
    expect(parseSecretsKey(readFileSync(join(dir, 'secrets-key'), 'utf8'))).toBeDefined();
  });
});
