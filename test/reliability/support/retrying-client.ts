/** What one command finally got, after as many retries with its Idempotency-Key as it took. */
export interface CommandOutcome {
  key: string;
  path: string;
  status: number;
  body: Record<string, unknown>;
  /** The answer was a stored or rebuilt one (Idempotent-Replayed), not this attempt's own execution. */
  replayed: boolean;
  /** Attempts that got no answer (connection refused or reset), a 5xx, or a 409 while the key was in progress. */
  retries: number;
}

const IN_PROGRESS = 'IDEMPOTENCY_REQUEST_IN_PROGRESS';

/**
 * A client that behaves as a careful integrator should: every POST carries an Idempotency-Key, and a request that
 * got no answer, a 5xx or "still in progress" is sent again with the same key and body until it gets a real answer
 * (or `deadlineMs` passes). The base URL is read on each attempt, so a restarted process is found again.
 */
export class RetryingClient {
  constructor(
    private readonly baseUrl: () => string,
    private readonly deadlineMs = 45_000,
  ) {}

  private readonly tokens = new Map<string, string>();

  /** Logs in once per username (tokens outlive a restart: JWT_SECRET is fixed), keeping clear of the login throttle. */
  async login(username: string, password: string): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached) return cached;
    const res = await this.post(
      '',
      `/api/v1/auth/login`,
      { username, password },
      `login-${username}-${Date.now()}`,
    );
    if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
    const token = res.body.accessToken as string;
    this.tokens.set(username, token);
    return token;
  }

  async post(
    token: string,
    path: string,
    body: object,
    key: string,
    ifMatch?: string,
  ): Promise<CommandOutcome> {
    const deadline = Date.now() + this.deadlineMs;
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'idempotency-key': key,
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(ifMatch ? { 'if-match': ifMatch } : {}),
    };
    let retries = 0;
    for (;;) {
      try {
        const res = await fetch(`${this.baseUrl()}${path}`, {
          method: 'POST',
          headers,
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        const parsed = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
        const retry = res.status >= 500 || (res.status === 409 && parsed.code === IN_PROGRESS);
        if (!retry)
          return {
            key,
            path,
            status: res.status,
            body: parsed,
            replayed: res.headers.get('idempotent-replayed') === 'true',
            retries,
          };
      } catch {
        /* no answer: the process died under the request, or is not back yet */
      }
      retries++;
      if (Date.now() > deadline)
        throw new Error(`no answer for ${key} (${path}) within ${this.deadlineMs} ms`);
      await new Promise((r) => setTimeout(r, 150));
    }
  }
}
