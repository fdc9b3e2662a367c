import { InvalidConfigurationError, loadEnv } from './env';

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
    const env = loadEnv({ NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-of-at-least-32-characters!' });
    expect(env.SEED_DEMO).toBe(false);
  });
});
