import { connectionTimeoutSettings } from '../database/data-source';
import { loadEnv } from './env';

describe('database timeouts', () => {
  it('have sane defaults: connect 5 s, statements 30 s, idle transactions 60 s, no limit for CLI jobs', () => {
    expect(loadEnv({})).toMatchObject({
      DATABASE_CONNECT_TIMEOUT_MS: 5000,
      DATABASE_STATEMENT_TIMEOUT_MS: 30_000,
      DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: 60_000,
      DATABASE_JOB_STATEMENT_TIMEOUT_MS: 0,
      DATABASE_BOOT_WAIT_SECONDS: 0,
    });
  });

  it('refuse a connect or statement timeout of zero, which would mean waiting for ever', () => {
    expect(() => loadEnv({ DATABASE_CONNECT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_CONNECT_TIMEOUT_MS/);
    expect(() => loadEnv({ DATABASE_STATEMENT_TIMEOUT_MS: '0' })).toThrow(/DATABASE_STATEMENT_TIMEOUT_MS/);
  });

  it('become server-side limits, with a client-side one a little later for a server that does not answer', () => {
    expect(
      connectionTimeoutSettings({ connectMs: 2000, statementMs: 3000, idleInTransactionMs: 10_000 }),
    ).toMatchObject({
      connectionTimeoutMillis: 2000,
      statement_timeout: 3000,
      query_timeout: 5000,
      idle_in_transaction_session_timeout: 10_000,
    });
    expect(connectionTimeoutSettings({ statementMs: 0 })).not.toHaveProperty('statement_timeout');
  });
});
