import fc, { type Arbitrary } from 'fast-check';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';
import {
  KNOWN_IDS,
  bodyOf,
  resolve,
  urlValueOf,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  type RawJson,
} from './support/openapi-arbitraries';

/*
 * OpenAPI-driven fuzzing (issue 14): every operation of /api/docs-json gets bodies, query and path values generated
 * from its own schema, most of them with one hostile change (NUL, lone surrogates, huge numbers, deep JSON, arrays
 * for objects, missing fields, wrong types, long strings). Whatever a client sends, the answer is never a 5xx.
 * FUZZ_RUNS (per operation) and FUZZ_SEED reproduce or lengthen a run.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 14);
const RUNS_PER_OPERATION = Number(process.env.FUZZ_RUNS ?? 24);
const PARALLEL = 4;
const DATABASE_NET_CODES = [
  'VALUE_NOT_ACCEPTED',
  'REFERENCE_NOT_FOUND',
  'ALREADY_EXISTS',
  'CONSTRAINT_VIOLATED',
];
const USERS = ['admin', 'officer-xuyi', 'applicant-a', 'reviewer-xuyi', 'auditor-xuyi'];

interface FuzzRequest {
  method: string;
  url: string;
  body: RawJson | undefined;
}

interface Outcome {
  request: FuzzRequest;
  user: string;
  status: number;
  answer: string;
}

/** Which part of a request carries the one hostile change: none (a plausible request), a parameter or the body. */
type Target = { kind: 'none' } | { kind: 'path' | 'query'; index: number } | { kind: 'body' };

/** Marks a hostile query value that is a whole `name…=value` pair (arrays, objects, repeats), not a value. */
const QUERY_SHAPE = '\u0000shape:';

/** A hostile value for a query parameter, or a hostile shape of it: `page[]=1`, `page[a]=1`, `page=1&page=2`. */
function hostileQuery(doc: OpenApiDocument, p: OpenApiParameter): Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: urlValueOf(doc, p.schema, true) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom(
          `${p.name}[]=1`,
          `${p.name}[a]=1`,
          `${p.name}=1&${p.name}=2`,
          `${p.name}[__proto__][x]=1`,
        )
        .map((pair) => `${QUERY_SHAPE}${pair}`),
    },
  );
}

function requestsOf(
  doc: OpenApiDocument,
  method: string,
  template: string,
  operation: OpenApiOperation,
  knownIds: string[],
): Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? [];
  const pathParams = parameters.filter((p) => p.in === 'path');
  const queryParams = parameters.filter((p) => p.in === 'query');
  const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
  const hasBody = method !== 'get';

  const targets: Arbitrary<Target>[] = [fc.constant<Target>({ kind: 'none' })];
  if (pathParams.length)
    targets.push(fc.nat(pathParams.length - 1).map((index) => ({ kind: 'path', index })));
  if (queryParams.length)
    targets.push(fc.nat(queryParams.length - 1).map((index) => ({ kind: 'query', index })));
  if (hasBody) targets.push(fc.constant<Target>({ kind: 'body' }));

  // Plausible path values are ids that exist (or could), so requests get past the lookup to the code behind it.
  const plausiblePath = fc.oneof(fc.constantFrom(...knownIds), fc.uuid()).map(encodeURIComponent);
  return fc.oneof(...targets).chain((target) =>
    fc
      .tuple(
        fc.tuple(
          ...pathParams.map((p, i) =>
            target.kind === 'path' && target.index === i ? urlValueOf(doc, p.schema, true) : plausiblePath,
          ),
        ),
        fc.tuple(
          ...queryParams.map((p, i) =>
            target.kind === 'query' && target.index === i
              ? hostileQuery(doc, p)
              : fc.option(urlValueOf(doc, p.schema, false, p.name), { nil: undefined, freq: 2 }),
          ),
        ),
        !hasBody
          ? fc.constant(undefined)
          : bodySchema
            ? bodyOf(doc, resolve(doc, bodySchema), target.kind === 'body')
            : fc.constantFrom('{}', '[]', '{"x":"\\u0000"}'),
      )
      .map(([paths, queries, raw]) => {
        let url = template;
        pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, paths[i] ?? '')));
        const query = queryParams
          .map((p, i) =>
            queries[i] === undefined
              ? undefined
              : queries[i].startsWith(QUERY_SHAPE)
                ? queries[i].slice(QUERY_SHAPE.length)
                : `${p.name}=${queries[i]}`,
          )
          .filter(Boolean)
          .join('&');
        return { method, url: query ? `${url}?${query}` : url, body: raw };
      }),
  );
}

function reproduction(o: Outcome): string {
  const body = o.request.body ?? '';
  const shown = body.length > 400 ? `${body.slice(0, 400)}… (${body.length} chars)` : body;
  return `${o.status} ${o.request.method.toUpperCase()} ${o.request.url} as ${o.user}\n  body: ${shown}\n  answer: ${o.answer.slice(0, 300)}`;
}

describe('OpenAPI-driven fuzzing: no 5xx for anything a client sends', () => {
  let t: TestApp;
  const tokens = new Map<string, string>();
  const knownIds: string[] = [];

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_RATE_LIMIT: '1000000' });
    await seedDemoIdentities(t);
    for (const user of USERS) tokens.set(user, await loginAs(t, user));
    const record = await authed(t, tokens.get('officer-xuyi')!)
      .post('/api/v1/credit-records', {
        subject: { type: 'legal_person', code: '91320830MA1XY0012B', name: '盱眙通达道路运输有限公司' },
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        decisionNumber: '盱交罚〔2026〕0099号',
        decisionDate: '2026-05-10',
        facts: '道路运输车辆未按规定进行年度审验。',
      })
      .expect(201);
    knownIds.push((record.body as { id: string }).id);
    const accounts = await authed(t, tokens.get('admin')!).get('/api/v1/accounts').expect(200);
    knownIds.push(...(accounts.body as { id: string }[]).map((a) => a.id));
    KNOWN_IDS.push(...knownIds);
    knownIds.push('2026', '91320830MA1XY0012B', 'credit-record');
  });
  afterAll(() => t.close());

  async function send(request: FuzzRequest, user: string | undefined): Promise<Outcome> {
    const method = request.method as 'get' | 'post' | 'put' | 'patch' | 'delete';
    let call = t.http[method](request.url);
    if (user) call = call.auth(tokens.get(user)!, { type: 'bearer' });
    if (request.body !== undefined) call = call.set('Content-Type', 'application/json').send(request.body);
    const res = await call;
    return { request, user: user ?? 'anonymous', status: res.status, answer: res.text ?? '' };
  }

  /** The first demo user the route lets in (403 and 401 mean the fuzz would only test the guard). */
  async function fittingUser(sample: FuzzRequest): Promise<string> {
    for (const user of USERS) {
      const { status } = await send({ ...sample, body: sample.body === undefined ? undefined : '{}' }, user);
      if (status !== 401 && status !== 403) return user;
    }
    return 'admin';
  }

  it(
    'sends a few thousand generated requests across every operation',
    async () => {
      const doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
      const outcomes: Outcome[] = [];
      let operations = 0;
      for (const [template, methods] of Object.entries(doc.paths)) {
        for (const [method, operation] of Object.entries(methods)) {
          operations++;
          const requests = fc.sample(requestsOf(doc, method, template, operation, knownIds), {
            seed: SEED + operations,
            numRuns: RUNS_PER_OPERATION,
          });
          const user = await fittingUser(requests[0]);
          for (let i = 0; i < requests.length; i += PARALLEL) {
            const batch = requests.slice(i, i + PARALLEL);
            outcomes.push(
              ...(await Promise.all(batch.map((r, j) => send(r, (i + j) % 8 === 7 ? undefined : user)))),
            );
          }
        }
      }
      const failures = outcomes.filter((o) => o.status >= 500);
      // Answers the database's own refusal produced (the net under edge validation): 4xx, but worth knowing.
      const caughtLate = outcomes.filter((o) =>
        DATABASE_NET_CODES.some((code) => o.answer.includes(`"code":"${code}"`)),
      );
      const statuses = new Map<number, number>();
      for (const o of outcomes) statuses.set(o.status, (statuses.get(o.status) ?? 0) + 1);
      process.stdout.write(
        `fuzz: ${operations} operations, ${outcomes.length} requests, ${failures.length} × 5xx (seed ${SEED}, ${RUNS_PER_OPERATION} per operation)\n` +
          `  statuses: ${[...statuses]
            .sort(([a], [b]) => a - b)
            .map(([status, n]) => `${status}×${n}`)
            .join(' ')}\n` +
          `  refused by the database rather than at the edge: ${caughtLate.length}\n` +
          caughtLate
            .slice(0, 5)
            .map((o) => `  ${reproduction(o)}\n`)
            .join(''),
      );
      if (failures.length > 0) {
        const byRoute = new Map<string, Outcome>();
        for (const f of failures) byRoute.set(`${f.request.method} ${f.request.url.split('?')[0]}`, f);
        throw new Error(
          `${failures.length} of ${outcomes.length} requests answered 5xx; one per route:\n\n${[...byRoute.values()].map(reproduction).join('\n\n')}`,
        );
      }
      expect(outcomes.length).toBeGreaterThan(1000);
    },
    60_000 + RUNS_PER_OPERATION * 4_000,
  );
});
