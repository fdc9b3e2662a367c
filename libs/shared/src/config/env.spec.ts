import { InvalidConfigurationError, loadEnv } from './env';
import { TEST_SECRETS_KEY } from './secrets-key';

describe('configuration', () => {
  it('has working defaults for development', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ PORT: 3000, HASH_ALGORITHM: 'sm3', SEED_DEMO: true, RUN_WORKER: true });
  });

  it('reports every bad variable in one message', () => {
    try {
      loadEnv({ PORT: 'eighty', HASH_ALGORITHM: 'md5', LOG_LEVEL: 'loud' });
      throw new Error('expected a configuration error');
    } catch (error) {
      expect(error).toBeInstanceOf(InvalidConfigurationError);
      const problems = (error as InvalidConfigurationError).problems.join('\n');
      expect(problems).toMatch(/PORT/);
      expect(problems).toMatch(/HASH_ALGORITHM/);
      expect(problems).toMatch(/LOG_LEVEL/);
    }
  });

  it('refuses to start in production without a real secret, and never seeds there', () => {
    expect(() => loadEnv({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    const env = loadEnv({
      NODE_ENV: 'production',
      JWT_SECRET: 'a-real-secret-of-at-least-32-characters!',
      SECRETS_KEY: TEST_SECRETS_KEY,
    });
    expect(env.SEED_DEMO).toBe(false);
  });

  it('refuses production without the key sealing stored secrets, and a key of the wrong size anywhere', () => {
    const secret = 'a-real-secret-of-at-least-32-characters!';
    expect(() => loadEnv({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(
      /SECRETS_KEY: production needs/,
    );
    expect(() => loadEnv({ SECRETS_KEY: 'too-short' })).toThrow(/SECRETS_KEY: 32 bytes/);
    expect(() =>
      loadEnv({ SECRETS_KEY: TEST_SECRETS_KEY, SECRETS_KEY_PREVIOUS: `${TEST_SECRETS_KEY},x` }),
    ).toThrow(/SECRETS_KEY_PREVIOUS \(key 2\)/);
    expect(loadEnv({ SECRETS_KEY: 'ab'.repeat(32) }).SECRETS_KEY).toBe('ab'.repeat(32));
  });
});
