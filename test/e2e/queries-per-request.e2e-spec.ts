import pg from 'pg';
import { AccountCache, DEMO_SUBJECTS } from '@credence/identity';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/** Every statement any pg client of this process sends while `work` runs. */
async function statementsOf(work: () => Promise<unknown>): Promise<string[]> {
  const sent: string[] = [];
  const proto = pg.Client.prototype as unknown as { query: (...args: unknown[]) => unknown };
  const original = proto.query;
  proto.query = function (this: unknown, ...args: unknown[]) {
    const q = args[0];
    sent.push(typeof q === 'string' ? q : String((q as { text?: string; name?: string })?.text ?? q));
    return original.apply(this, args);
  };
  try {
    await work();
  } finally {
    proto.query = original;
  }
  return sent.map((s) => s.replace(/\s+/g, ' ').trim().slice(0, 90));
}

describe('queries per request', () => {
  let t: TestApp;
  let officer: string;
  let n = 0;
  const register = () =>
    t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send({
        subject: {
          type: 'legal_person',
          code: DEMO_SUBJECTS.xuyiTongda.code,
          name: DEMO_SUBJECTS.xuyiTongda.name,
        },
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        decisionNumber: `盱交罚〔2026〕Q${++n}号`,
        decisionDate: '2026-05-10',
        facts: '道路运输车辆未按规定进行年度审验。',
      })
      .expect(201);

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    officer = await loginAs(t, 'officer-xuyi');
    // Warm: the account cache's listener connects on the first request; rule sets, authorities and prepared
    // statements are loaded once.
    const cache = t.app.get(AccountCache);
    for (let i = 0; i < 200 && !cache.active; i++) {
      await t.http.get('/api/v1/auth/me').auth(officer, { type: 'bearer' }).expect(200);
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(cache.active).toBe(true);
    await register();
  });
  afterAll(() => t.close());

  // Round trips are what a request costs the database and the API's socket writes (docs/performance.md): each
  // one here is named, so a new query on these paths is a decision, not an accident.
  it('an authenticated request reads no account: the cached one serves until a change is announced', async () => {
    const me = await statementsOf(() =>
      t.http.get('/api/v1/auth/me').auth(officer, { type: 'bearer' }).expect(200),
    );
    expect(me).toEqual([]);
  });

  it('a registration is one statement: the answer shows the timers the command scheduled without reading them', async () => {
    let answer: { id: string; timers: unknown[] } | undefined;
    const statements = await statementsOf(async () => (answer = (await register()).body));
    expect(statements).toEqual([expect.stringMatching(/^WITH appended AS \( INSERT INTO events/)]);
    // What the answer says it scheduled is what was written (read from the table: a GET would be an audited read,
    // whose buffered access-log write would land in a later test's count).
    expect(answer!.timers.length).toBeGreaterThan(0);
    const { rows } = await t.database.db.query<{ name: string; eventType: string; dueAt: Date }>(
      `SELECT name, event_type AS "eventType", due_at AS "dueAt" FROM timers
        WHERE case_id = $1 AND status = 'pending' ORDER BY due_at, name COLLATE "C"`,
      [answer!.id],
    );
    expect(answer!.timers).toEqual(rows.map((r) => ({ ...r, dueAt: r.dueAt.toISOString() })));
  });

  describe('workflow actions', () => {
    // The statements each action of a lifecycle sends (docs/performance.md, "The command path and the workbench"):
    // the fold's one read of the stream, the checks the action table declares, the one append statement that
    // carries every write (case row, read model, timers, outbox, who holds the step), then what the answer shows.
    // The workbench gate folds who holds the step from the events already read: it adds no statement.
    const SQL = {
      stream: /^SELECT global_position, transaction_id::text AS transaction_id, stream_id/,
      append: /^WITH appended AS \( INSERT INTO events/,
      timers: /^SELECT name, event_type, due_at FROM timers/,
      caseNumber: /^INSERT INTO case_numbers/,
      // The objection's answer: its record as it is now (who acted: names of cached accounts are not read).
      actorNames: /^SELECT id::text AS id, display_name FROM accounts WHERE id = ANY/,
      recordNow: /^SELECT decision_number, kind, facts, legal_basis, subject_name, status, objection_marked/,
      openObjection: /^SELECT id, case_number FROM objections WHERE record_id = \$1 AND open/,
      // The repair's answer: its outbox rows, reactions refused, and the state of its commitment case.
      outbox: /^SELECT topic, payload, status, attempts, created_at, delivered_at, last_error FROM outbox/,
      refusedReactions: /^SELECT reaction, cause_event_id AS "causeEventId"/,
      commitment: /^SELECT state, state_label_zh, state_label_en FROM commitments WHERE id = \$1/,
      // Repair conditions, judged at create and submit: the record, then (one statement) an open application, a ban
      // and earlier repairs.
      recordRow: /^SELECT r\.id::text, r\.subject_code, r\.subject_type/,
      conditions: /^SELECT \(SELECT json_build_object\('id', id::text, 'caseNumber', case_number\)/,
    };
    const shaped = (patterns: RegExp[]) => patterns.map((p) => expect.stringMatching(p));
    const tokens: Record<string, string> = {};
    const as = (user: string) => ({
      post: (url: string, body: object = {}) =>
        t.http.post(`/api/v1${url}`).auth(tokens[user], { type: 'bearer' }).send(body),
    });
    /** A record old enough to repair (decided 2026-01-05; the test clock stands at 2026-06-01). */
    async function repairableRecord(): Promise<string> {
      const res = await as('officer-xuyi')
        .post('/credit-records', {
          subject: {
            type: 'legal_person',
            code: DEMO_SUBJECTS.xuyiTongda.code,
            name: DEMO_SUBJECTS.xuyiTongda.name,
          },
          kind: 'administrative_penalty',
          severity: 'general',
          field: 'road_transport',
          decisionNumber: `盱交罚〔2026〕QL${++n}号`,
          decisionDate: '2026-01-05',
          facts: '货运车辆超限运输。',
        })
        .expect(201);
      return res.body.id;
    }
    /** Sends one action and returns the statements it cost, failing on any other answer than `status`. */
    async function cost(user: string, url: string, body: object, status: number): Promise<string[]> {
      let answer: { status: number; body: unknown } | undefined;
      const statements = await statementsOf(async () => {
        answer = await as(user).post(url, body);
      });
      expect({ url, status: answer?.status, body: answer?.status === status ? null : answer?.body }).toEqual({
        url,
        status,
        body: null,
      });
      return statements;
    }
    const fileObjection = (recordId: string) =>
      cost(
        'applicant-a',
        '/objections',
        {
          recordId,
          ground: 'wrong',
          statement: '处罚决定书载明的车辆号牌与本单位车辆不符。',
          commitment: { content: '本单位承诺所提交的异议材料真实有效。', consent: true },
        },
        201,
      );
    const REPAIR_COMMITMENT = {
      content: '本单位承诺已纠正失信行为，所提交材料真实有效。',
      consentToPublish: true,
    };
    const UPHOLD = {
      outcome: 'maintain',
      reasons: ['经溯源核实，原记录无误'],
      legalBasis: '《道路运输条例》第七十条',
    };

    beforeAll(async () => {
      for (const user of ['officer-xuyi', 'reviewer-xuyi', 'applicant-a']) {
        tokens[user] = await loginAs(t, user);
        await t.http.get('/api/v1/auth/me').auth(tokens[user], { type: 'bearer' }).expect(200);
      }
      // Warm each account's cache entry and every prepared statement of the paths below.
      const warm = await repairableRecord();
      const filed = await as('applicant-a')
        .post('/objections', {
          recordId: warm,
          ground: 'wrong',
          statement: '处罚决定书载明的车辆号牌与本单位车辆不符。',
          commitment: { content: '本单位承诺所提交的异议材料真实有效。', consent: true },
        })
        .expect(201);
      await as('officer-xuyi').post(`/objections/${filed.body.id}/accept`).expect(200);
      await as('officer-xuyi').post(`/objections/${filed.body.id}/uphold`, UPHOLD).expect(200);
      // The repair conditions read the authority's settings once (the policy cache).
      await as('applicant-a')
        .post('/repair-applications', { recordId: await repairableRecord(), commitment: REPAIR_COMMITMENT })
        .expect(201);
    });

    it('an objection lifecycle (file → accept → uphold) costs 5, 4 and 4 statements, one append each', async () => {
      const recordId = await repairableRecord();
      const file = await fileObjection(recordId);
      // The view's own reads (timers) follow the workbench gate, after the reads beside it.
      const answer = [SQL.recordNow, SQL.timers];
      // A case its command created has only the timers that command scheduled: its answer reads none.
      const created = [SQL.recordNow];
      expect(file).toEqual(shaped([SQL.stream, SQL.openObjection, SQL.caseNumber, SQL.append, ...created]));
      const id = await objectionOf(recordId);
      const accept = await cost('officer-xuyi', `/objections/${id}/accept`, {}, 200);
      expect(accept).toEqual(shaped([SQL.stream, SQL.append, ...answer]));
      const uphold = await cost('officer-xuyi', `/objections/${id}/uphold`, UPHOLD, 200);
      expect(uphold).toEqual(shaped([SQL.stream, SQL.append, ...answer]));
    });

    it('names an actor the process does not hold from the database, and the same name either way', async () => {
      const recordId = await repairableRecord();
      await fileObjection(recordId);
      const id = await objectionOf(recordId);
      await as('officer-xuyi').post(`/objections/${id}/accept`).expect(200);
      const officerId = (
        await t.http.get('/api/v1/auth/me').auth(tokens['officer-xuyi'], { type: 'bearer' }).expect(200)
      ).body.id as string;
      type Trail = { trail: { steps: { actor: { id: string; displayName: string | null } }[] } };
      const officerNames = (body: Trail) =>
        body.trail.steps.filter((s) => s.actor.id === officerId).map((s) => s.actor.displayName);
      // Dropped from this process's cache (as a change announced by another process does), it is read again.
      t.app.get(AccountCache).invalidate();
      let upheld: Trail | undefined;
      const statements = await statementsOf(async () => {
        upheld = (await as('officer-xuyi').post(`/objections/${id}/uphold`, UPHOLD).expect(200)).body;
      });
      expect(statements).toEqual(expect.arrayContaining([expect.stringMatching(SQL.actorNames)]));
      expect(officerNames(upheld!)).toEqual(['盱眙县经办人', '盱眙县经办人']);
      // Cached again (the lifecycles here show a cached actor's name costs no read).
      for (const user of Object.keys(tokens))
        await t.http.get('/api/v1/auth/me').auth(tokens[user], { type: 'bearer' }).expect(200);
    });

    it('a 回避 declaration stops the cached account at its very next action, and its withdrawal frees it', async () => {
      const recordId = await repairableRecord();
      await fileObjection(recordId);
      const id = await objectionOf(recordId);
      const admin = await loginAs(t, 'admin');
      const me = await t.http.get('/api/v1/auth/me').auth(tokens['officer-xuyi'], { type: 'bearer' });
      const declarations = `/api/v1/accounts/${me.body.id}/related-subjects`;
      const subjectCode = DEMO_SUBJECTS.xuyiTongda.code;
      await t.http
        .post(declarations)
        .auth(admin, { type: 'bearer' })
        .send({ subjectCode, reason: '近亲属任该公司法定代表人' })
        .expect(204);
      const refused = await as('officer-xuyi').post(`/objections/${id}/accept`);
      expect({ status: refused.status, code: refused.body.code }).toEqual({
        status: 403,
        code: 'OBJECTION.RELATED_PARTY',
      });
      await t.http
        .post(`${declarations}/withdraw`)
        .auth(admin, { type: 'bearer' })
        .send({ subjectCode, reason: '亲属已离职' })
        .expect(204);
      await as('officer-xuyi').post(`/objections/${id}/accept`).expect(200);
    });

    it('a claimed step costs its holder no more: the gate reads who holds it from the events already folded', async () => {
      const recordId = await repairableRecord();
      await fileObjection(recordId);
      const id = await objectionOf(recordId);
      await t.http
        .post(`/api/v1/cases/${id}/claim`)
        .auth(tokens['officer-xuyi'], { type: 'bearer' })
        .send({})
        .expect(200);
      const accept = await cost('officer-xuyi', `/objections/${id}/accept`, {}, 200);
      expect(accept).toEqual(shaped([SQL.stream, SQL.append, SQL.recordNow, SQL.timers]));
    });

    it('a repair lifecycle (create → submit → accept → recommend → approve) costs 12, 10, 6, 6 and 6', async () => {
      const recordId = await repairableRecord();
      const conditions = [SQL.recordRow, SQL.conditions];
      const answer = [SQL.outbox, SQL.refusedReactions, SQL.commitment, SQL.timers];
      const create = await cost(
        'applicant-a',
        '/repair-applications',
        {
          recordId,
          commitment: { content: '本单位承诺已纠正失信行为，所提交材料真实有效。', consentToPublish: true },
        },
        201,
      );
      // The application and its repair commitment (a case of its own) are created in one transaction.
      expect(create).toEqual(
        shaped([
          ...conditions,
          /^BEGIN/,
          /^SELECT subject_type, subject_code, subject_name FROM accounts WHERE id::text = \$1/,
          /^SELECT name_zh, path FROM authorities WHERE code = \$1/,
          SQL.caseNumber,
          SQL.append,
          SQL.append,
          /^COMMIT/,
          ...answer.filter((statement) => statement !== SQL.timers),
        ]),
      );
      const { rows } = await t.database.db.query<{ id: string }>(
        `SELECT id::text FROM repair_applications WHERE record_id = $1`,
        [recordId],
      );
      const base = `/repair-applications/${rows[0].id}`;
      const submit = await cost('applicant-a', `${base}/submit`, {}, 200);
      expect(submit).toEqual(
        shaped([SQL.stream, SQL.commitment, ...conditions, SQL.caseNumber, SQL.append, ...answer]),
      );
      const staffStep = shaped([SQL.stream, SQL.append, ...answer]);
      expect(await cost('officer-xuyi', `${base}/accept`, {}, 200)).toEqual(staffStep);
      const recommendation = {
        recommendation: 'approve',
        opinion: '已履行义务，建议准予修复。',
        reasons: ['罚款已缴纳'],
      };
      expect(await cost('officer-xuyi', `${base}/recommend`, recommendation, 200)).toEqual(staffStep);
      // The decision step is a senior reviewer's: the collective-review setting (会签) comes from the policy cache.
      const approve = await cost(
        'reviewer-xuyi',
        `${base}/approve`,
        { legalBasis: '《信用修复管理办法》第十二条' },
        200,
      );
      expect(approve).toEqual(staffStep);
    });

    /** The objection filed against a record (read outside the counted request, so `cost` keeps one shape). */
    async function objectionOf(recordId: string): Promise<string> {
      const { rows } = await t.database.db.query<{ id: string }>(
        `SELECT id::text FROM objections WHERE record_id = $1`,
        [recordId],
      );
      return rows[0].id;
    }
  });

  it('a deactivated account is refused on its very next request, and its cached entry is gone', async () => {
    const admin = await loginAs(t, 'admin');
    const { body } = await t.http.get('/api/v1/auth/me').auth(officer, { type: 'bearer' }).expect(200);
    await t.http.post(`/api/v1/accounts/${body.id}/deactivate`).auth(admin, { type: 'bearer' }).expect(200);
    await t.http.get('/api/v1/auth/me').auth(officer, { type: 'bearer' }).expect(401);
  });
});
