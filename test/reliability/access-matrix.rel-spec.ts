import { DEMO_SUBJECTS } from '@credence/identity';
import { ReactionRunner } from '@credence/workflow';
import { samplePdf } from '../../libs/materials/src/testing/sample-files';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';
import {
  anonymousProbes,
  type OpenApiDocument,
  type Probe,
  probesAgainst,
  publicProbes,
  type Tenant,
} from './support/access-probes';

/** Tables whose rows any request may touch without being an effect of it: counters, keys and the read log. */
const NOT_EFFECTS = /rate_limit|idempotency|access_log|login|migrations/;

/** Operations that answer one result per case (批量认领 / 批量转办) rather than one status. */
const BULK = /^POST \/api\/v1\/work-items\/(claim|transfer)$/;

function everyItemNotFound(text: string): boolean {
  const results = JSON.parse(text) as { ok: boolean; error?: { status: number } }[];
  return (
    Array.isArray(results) && results.length > 0 && results.every((r) => !r.ok && r.error?.status === 404)
  );
}

interface Leak {
  caller: string;
  probe: string;
  status: number;
  why: string;
}

/**
 * The access matrix (issue 14, "Keep it proven"): every operation of the OpenAPI document × every role × the ids of
 * a tenant the caller has no right over. Two tenants: subject A (applicant-a) with records found by 盱眙 (320830),
 * subject B (applicant-b) with records found by 资阳 (512000), each with a record, a repair application, an
 * objection, a commitment and a file. A forbidden probe must answer 401, 403 or 404 (400 when the body's shape is
 * refused before any id is read) — never 2xx, never 5xx, never a 409 or 422 that tells the case exists; a list
 * filtered to the foreign tenant must show none of its cases; and after all of them, no table holds anything new.
 */
describe('access matrix (reliability)', () => {
  let t: TestApp;
  let doc: OpenApiDocument;
  let A: Tenant;
  let Z: Tenant;

  const drain = () => t.app.get(ReactionRunner).drain();

  async function tenant(
    name: string,
    subject: (typeof DEMO_SUBJECTS)[keyof typeof DEMO_SUBJECTS],
    officerName: string,
    applicantName: string,
  ): Promise<Tenant> {
    const officer = authed(t, await loginAs(t, officerName));
    const applicant = authed(t, await loginAs(t, applicantName));
    const record = async (n: number) =>
      (
        await officer
          .post('/api/v1/credit-records', {
            subject: { type: subject.type, code: subject.code, name: subject.name },
            kind: 'administrative_penalty',
            severity: 'general',
            field: 'road_transport',
            decisionNumber: `${name}罚〔2026〕M${n}号`,
            decisionDate: '2026-01-05',
            facts: '超限运输。',
            legalBasis: '《公路安全保护条例》第六十六条',
          })
          .expect(201)
      ).body.id as string;
    const [recordId, objectedRecordId] = [await record(1), await record(2)];
    const fileId = (
      await t.http
        .post('/api/v1/files')
        .auth(await loginAs(t, applicantName), { type: 'bearer' })
        .attach('file', samplePdf(`matrix-${name}`), '证明.pdf')
        .expect(201)
    ).body.id as string;
    const applicationId = (
      await applicant
        .post('/api/v1/repair-applications', {
          recordId,
          materials: [{ fileId, category: 'correction_proof' }],
          commitment: { content: '本单位承诺已纠正失信行为。', consentToPublish: true },
        })
        .expect(201)
    ).body.id as string;
    await applicant.post(`/api/v1/repair-applications/${applicationId}/submit`).expect(200);
    const objectionId = (
      await applicant
        .post('/api/v1/objections', {
          recordId: objectedRecordId,
          ground: 'wrong',
          statement: '处罚决定书载明的车辆号牌与本公司车辆不符。',
          materials: [{ fileId, category: 'evidence' }],
          commitment: { content: '本单位承诺所提交的异议材料真实有效。', consent: true },
        })
        .expect(201)
    ).body.id as string;
    await officer.post(`/api/v1/objections/${objectionId}/accept`).expect(200);
    const commitmentId = (
      await applicant
        .post('/api/v1/commitments', {
          type: 'voluntary',
          authorityCode: subject.authorityCode,
          consentToPublish: true,
        })
        .expect(201)
    ).body.id as string;
    const ids = await t.database.superuser.query<{ username: string; id: string }>(
      `SELECT username, id::text FROM accounts WHERE username = ANY($1)`,
      [[officerName, applicantName]],
    );
    const idOf = (u: string) => ids.rows.find((r) => r.username === u)!.id;
    const path = await t.database.superuser.query<{ path: string }>(
      `SELECT path FROM authorities WHERE code = $1`,
      [subject.authorityCode],
    );
    const event = await t.database.superuser.query<{ event_id: string }>(
      `SELECT event_id::text FROM events WHERE stream_id = $1 AND stream_version = 1`,
      [`creditRecord-${recordId}`],
    );
    return {
      name,
      eventId: event.rows[0].event_id,
      subject: { type: subject.type, code: subject.code, name: subject.name },
      authorityCode: subject.authorityCode,
      authorityPath: path.rows[0].path,
      recordId,
      applicationId,
      objectionId,
      objectedRecordId,
      commitmentId,
      fileId,
      applicantAccountId: idOf(applicantName),
      officerAccountId: idOf(officerName),
      decisionNumbers: [`${name}罚〔2026〕M1号`, `${name}罚〔2026〕M2号`],
    };
  }

  /** A digest of every table that holds effects, so that "nothing changed" is checked, not assumed. */
  async function effects(): Promise<Map<string, string>> {
    const { rows } = await t.database.superuser.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
    );
    const digests = new Map<string, string>();
    for (const { table_name: table } of rows) {
      if (NOT_EFFECTS.test(table)) continue;
      const digest = await t.database.superuser.query<{ d: string }>(
        `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS d FROM "${table}" t`,
      );
      digests.set(table, digest.rows[0].d);
    }
    return digests;
  }

  async function send(token: string | null, probe: Probe) {
    const query = new URLSearchParams(probe.query).toString();
    const url = `${probe.path}${query ? `?${query}` : ''}`;
    const req =
      probe.method === 'get' || probe.method === 'delete'
        ? t.http[probe.method](url)
        : t.http[probe.method](url).send(probe.body ?? {});
    const res = await (token ? req.auth(token, { type: 'bearer' }) : req).buffer(true);
    return { url, status: res.status, text: typeof res.text === 'string' ? res.text : '' };
  }

  /** What of the tenant a response must not show: its cases, files, decision numbers and subject name. */
  function markers(tenant: Tenant, asked: string): string[] {
    return [
      tenant.recordId,
      tenant.objectedRecordId,
      tenant.applicationId,
      tenant.objectionId,
      tenant.commitmentId,
      tenant.fileId,
      ...tenant.decisionNumbers,
      tenant.subject.name,
    ].filter((m) => !asked.includes(m) && !asked.includes(encodeURIComponent(m)));
  }

  function judge(
    caller: string,
    probe: Probe,
    tenant: Tenant,
    res: { url: string; status: number; text: string },
  ) {
    const name = `${probe.method.toUpperCase()} ${res.url}`;
    const leak = (why: string): Leak => ({ caller, probe: name, status: res.status, why });
    if (res.status >= 500) return leak('server error');
    if (probe.kind === 'public') return null;
    if (probe.kind === 'filter') {
      if (res.status >= 300) return null;
      const asked = `${res.url} ${JSON.stringify(probe.body ?? '')}`;
      const shown = markers(tenant, asked).filter((m) => res.text.includes(m));
      return shown.length > 0 ? leak(`shows ${tenant.name}'s ${shown.join(', ')}`) : null;
    }
    // Someone else's id, in the path or the body, is answered like an unknown one: 404 (or refused before looking).
    if ([400, 401, 403, 404].includes(res.status)) return null;
    // A bulk operation answers per case: every foreign case must be 404 there.
    if (res.status === 200 && BULK.test(probe.operation) && everyItemNotFound(res.text)) return null;
    return leak(res.status < 300 ? 'answered' : `tells the case exists (${res.status})`);
  }

  beforeAll(async () => {
    t = await createTestApp({ PUBLIC_RATE_LIMIT: '100000' });
    await seedDemoIdentities(t);
    doc = (await t.http.get('/api/docs-json').expect(200)).body as OpenApiDocument;
    A = await tenant('盱', DEMO_SUBJECTS.xuyiTongda, 'officer-xuyi', 'applicant-a');
    Z = await tenant('资', DEMO_SUBJECTS.ziyangAnshun, 'officer-ziyang', 'applicant-b');
    // The approval path too, so decision routes have something to refuse.
    await authed(t, await loginAs(t, 'officer-xuyi'))
      .post(`/api/v1/repair-applications/${A.applicationId}/accept`)
      .expect(200);
    await drain();
  });
  afterAll(() => t.close());

  it('refuses every foreign probe with 401/403/404, shows nothing and changes nothing', async () => {
    const callers: { user: string | null; foreign: Tenant; subjectBound: boolean }[] = [
      { user: null, foreign: A, subjectBound: true },
      { user: 'applicant-a', foreign: Z, subjectBound: true },
      { user: 'applicant-b', foreign: A, subjectBound: true },
      { user: 'officer-ziyang', foreign: A, subjectBound: false },
      { user: 'reviewer-ziyang', foreign: A, subjectBound: false },
      { user: 'officer-xuyi', foreign: Z, subjectBound: false },
      { user: 'reviewer-xuyi', foreign: Z, subjectBound: false },
      { user: 'auditor-xuyi', foreign: Z, subjectBound: false },
    ];
    const eventCount = async () =>
      Number((await t.database.superuser.query<{ n: string }>(`SELECT count(*) AS n FROM events`)).rows[0].n);
    const [before, eventsBefore] = [await effects(), await eventCount()];
    const leaks: Leak[] = [];
    const statuses = new Map<number, number>();
    let probes = 0;
    for (const { user, foreign, subjectBound } of callers) {
      const token = user ? await loginAs(t, user) : null;
      const list = user ? probesAgainst(doc, foreign, subjectBound) : anonymousProbes(doc, foreign);
      for (const probe of [...list, ...publicProbes(doc, foreign)]) {
        const res = await send(token, probe);
        probes += 1;
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        // ACCESS_MATRIX_TRACE=1 prints every probe and its answer, to see what the matrix actually asked.
        if (process.env.ACCESS_MATRIX_TRACE)
          console.log(user, res.status, probe.method, res.url, res.text.slice(0, 160));
        if (!user && probe.kind !== 'public' && res.status !== 401)
          leaks.push({
            caller: 'anonymous',
            probe: `${probe.operation}`,
            status: res.status,
            why: 'not 401',
          });
        else {
          const leak = judge(user ?? 'anonymous', probe, foreign, res);
          if (leak) leaks.push(leak);
        }
      }
    }
    await drain();
    const [after, eventsAfter] = [await effects(), await eventCount()];
    const changed = [...before.keys()].filter((table) => before.get(table) !== after.get(table));
    // Printed for docs/reliability.md: the size of the matrix and what it found.
    console.log(
      `access matrix: ${probes} probes by ${callers.length} callers over ${Object.keys(doc.paths).length} paths; ` +
        `${leaks.length} leaks; events ${eventsBefore} → ${eventsAfter}; tables changed: ${changed.length} of ${before.size}; statuses ${JSON.stringify(Object.fromEntries(statuses))}`,
    );
    expect(leaks).toEqual([]);
    expect(changed).toEqual([]);
    expect(eventsAfter).toBe(eventsBefore);
  });

  it('an administrator reads every tenant’s cases without a server error', async () => {
    const admin = await loginAs(t, 'admin');
    const errors: string[] = [];
    for (const probe of probesAgainst(doc, A, true).filter((p) => p.method === 'get')) {
      const res = await send(admin, probe);
      if (res.status >= 500) errors.push(`${res.status} GET ${res.url}`);
    }
    expect(errors).toEqual([]);
  });

  it('the owners still reach their own cases (the matrix would pass vacuously otherwise)', async () => {
    const own = [
      ['applicant-a', `/api/v1/repair-applications/${A.applicationId}`],
      ['applicant-a', `/api/v1/objections/${A.objectionId}`],
      ['applicant-a', `/api/v1/commitments/${A.commitmentId}`],
      ['applicant-a', `/api/v1/files/${A.fileId}`],
      ['officer-xuyi', `/api/v1/credit-records/${A.recordId}`],
      ['auditor-xuyi', `/api/v1/audit/cases/${A.applicationId}/trail`],
      ['applicant-b', `/api/v1/repair-applications/${Z.applicationId}`],
      ['officer-ziyang', `/api/v1/objections/${Z.objectionId}`],
    ];
    for (const [user, url] of own)
      await authed(t, await loginAs(t, user))
        .get(url)
        .expect(200);
  });
});
