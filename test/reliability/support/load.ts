import { DEMO_SUBJECTS } from '@credence/identity';

export interface Answer {
  status: number;
  contentType: string;
  retryAfter: string | null;
  body: { code?: string; id?: string; [key: string]: unknown };
}

/** One HTTP call with a bound on its time; a network failure (the process is gone) is status 0. */
export async function call(
  url: string,
  init: { method?: string; token?: string; body?: unknown; timeoutMs?: number } = {},
): Promise<Answer> {
  try {
    const res = await fetch(url, {
      method: init.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        'accept-language': 'en',
        ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: AbortSignal.timeout(init.timeoutMs ?? 15_000),
    });
    const text = await res.text();
    let body: Answer['body'] = {};
    try {
      body = JSON.parse(text) as Answer['body'];
    } catch {
      body = { raw: text };
    }
    return {
      status: res.status,
      contentType: res.headers.get('content-type') ?? '',
      retryAfter: res.headers.get('retry-after'),
      body,
    };
  } catch (error) {
    return { status: 0, contentType: '', retryAfter: null, body: { error: String(error) } };
  }
}

export async function login(baseUrl: string, username: string, password = 'credence-demo'): Promise<string> {
  const res = await call(`${baseUrl}/api/v1/auth/login`, { method: 'POST', body: { username, password } });
  if (res.status !== 200) throw new Error(`login as ${username}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.accessToken as string;
}

const SUBJECT = DEMO_SUBJECTS.xuyiTongda;

/** A credit-record registration by officer-xuyi, unique by its number. */
export function registration(n: number, prefix: string) {
  return {
    subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
    kind: 'administrative_penalty',
    severity: 'general',
    field: 'road_transport',
    decisionNumber: `盱交罚〔2026〕${prefix}${n}号`,
    decisionDate: '2026-05-10',
    facts: '道路运输车辆未按规定进行年度审验。',
    legalBasis: '《道路运输条例》第七十条',
  };
}

/**
 * A few writers registering records and reading them back without pause: what each answer was, which writes were
 * acknowledged (2xx, so they must survive anything), and every answer a client must never see (a 5xx other than
 * 503, a 503 that is not problem+json with Retry-After, a dropped connection).
 */
export class Load {
  readonly statuses = new Map<number, number>();
  readonly acknowledged: string[] = [];
  readonly unexpected: string[] = [];
  private running = false;
  private workers: Promise<void>[] = [];
  private next = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly prefix: string,
    private readonly concurrency = 4,
  ) {}

  start(): void {
    this.running = true;
    this.workers = Array.from({ length: this.concurrency }, () => this.work());
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.workers);
  }

  get requests(): number {
    return [...this.statuses.values()].reduce((a, b) => a + b, 0);
  }

  private async work(): Promise<void> {
    while (this.running) {
      const n = this.next++;
      const write = await call(`${this.baseUrl}/api/v1/credit-records`, {
        method: 'POST',
        token: this.token,
        body: registration(n, this.prefix),
      });
      this.note(`POST #${n}`, write);
      if (write.status >= 200 && write.status < 300 && write.body.id) {
        this.acknowledged.push(write.body.id);
        this.note(
          `GET ${write.body.id}`,
          await call(`${this.baseUrl}/api/v1/credit-records/${write.body.id}`, { token: this.token }),
        );
      }
      if (write.status >= 500 || write.status === 0) await new Promise((r) => setTimeout(r, 50));
    }
  }

  private note(what: string, answer: Answer): void {
    this.statuses.set(answer.status, (this.statuses.get(answer.status) ?? 0) + 1);
    if (answer.status === 503 && !isUnavailableProblem(answer))
      this.unexpected.push(`${what}: 503 without problem+json/Retry-After ${JSON.stringify(answer.body)}`);
    else if (answer.status >= 500 && answer.status !== 503)
      this.unexpected.push(`${what}: ${answer.status} ${JSON.stringify(answer.body)}`);
    else if (answer.status === 0) this.unexpected.push(`${what}: no answer ${JSON.stringify(answer.body)}`);
  }
}

export function isUnavailableProblem(answer: Answer): boolean {
  return (
    answer.status === 503 &&
    answer.contentType.startsWith('application/problem+json') &&
    Number(answer.retryAfter) > 0 &&
    typeof answer.body.code === 'string'
  );
}
