import { buildUscc } from '@credence/shared';
import { DEMO_SUBJECTS } from '@credence/identity';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda;
const body = (overrides: Record<string, unknown> = {}) => ({
  subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
  kind: 'administrative_penalty',
  severity: 'general',
  field: 'road_transport',
  decisionNumber: '盱交罚〔2026〕0510号',
  decisionDate: '2026-05-10',
  facts: '道路运输车辆未按规定进行年度审验，继续从事经营活动。',
  legalBasis: '《道路运输条例》第七十条',
  ...overrides,
});

describe('credit-record registry (e2e)', () => {
  let t: TestApp;
  let officer: string;
  let recordId: string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    officer = await loginAs(t, 'officer-xuyi');
    const res = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send(body())
      .expect(201);
    recordId = res.body.id;
  });
  afterAll(() => t.close());

  it('registers a record under the rule set in force and publishes it', async () => {
    const res = await t.http
      .get(`/api/v1/credit-records/${recordId}`)
      .auth(officer, { type: 'bearer' })
      .expect(200);
    expect(res.headers.etag).toBe('"1"');
    expect(res.body).toMatchObject({
      type: 'creditRecord',
      version: 1,
      publicStatus: 'published',
      publicStatusLabel: { zh: '公示中', en: 'Published' },
      objectionMarked: false,
      ruleSet: 'ndrc-order-36-2026',
      repairableFrom: '2026-08-11', // Order 36: general records, 3 months after the decision
      publicityEndsAfter: '2027-05-10',
      // 双公示: 7 working days after the 05-10 decision is 05-19; registered 06-01, so late
      publication: { workingDays: 7, dueDate: '2026-05-19', publishedOn: '2026-06-01', onTime: false },
      record: {
        authorityCode: '320830',
        authorityName: '盱眙县交通运输局',
        decisionNumber: '盱交罚〔2026〕0510号',
      },
    });
    expect(res.body.timers.map((x: { name: string }) => x.name).sort()).toEqual([
      'minimum-reached',
      'publicity-end',
    ]);
    expect(res.body.availableActions.map((a: { action: string }) => a.action)).toContain('shield');
  });

  it('shows the public what is published now, without logging in', async () => {
    const res = await t.http.get(`/api/v1/public/subjects/${SUBJECT.code}/records`).expect(200);
    expect(res.body.records).toHaveLength(1);
    expect(res.body.records[0]).toMatchObject({
      status: 'published',
      objectionMarked: false,
      decisionNumber: '盱交罚〔2026〕0510号',
    });
  });

  it('keeps the audited history with an intact hash chain', async () => {
    const res = await t.http
      .get(`/api/v1/cases/${recordId}/history`)
      .auth(officer, { type: 'bearer' })
      .expect(200);
    expect(res.body.chainIntact).toBe(true);
    expect(res.body.events[0]).toMatchObject({
      version: 1,
      type: 'CreditRecordRegistered',
      actor: { role: 'officer', authorityCode: '320830' },
      ruleSet: 'ndrc-order-36-2026',
      machine: { id: 'creditRecord', version: '1' },
      hashAlgorithm: 'sm3',
      hashVerified: true,
    });
    expect(res.body.events[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers a retry with the same Idempotency-Key with the first answer and records nothing twice', async () => {
    const send = () =>
      t.http
        .post('/api/v1/credit-records')
        .auth(officer, { type: 'bearer' })
        .set('Idempotency-Key', 'retry-1')
        .send(body({ decisionNumber: '盱交罚〔2026〕0511号' }));
    const first = await send().expect(201);
    const second = await send().expect(201);
    expect(second.headers['idempotent-replayed']).toBe('true');
    expect(second.body.id).toBe(first.body.id);
    const other = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .set('Idempotency-Key', 'retry-1')
      .send(body({ decisionNumber: 'X' }));
    expect(other.status).toBe(422);
    expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('is idempotent on (authority, decision number): same content returns the record, different content conflicts', async () => {
    const same = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send(body())
      .expect(200);
    expect(same.body.id).toBe(recordId);
    const different = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send(body({ facts: '另一事实' }))
      .expect(409);
    expect(different.body.code).toBe('CREDIT_RECORD.DECISION_NUMBER_TAKEN');
  });

  it('refuses a stale If-Match with 412 (RFC 9110) and accepts the current one', async () => {
    const fresh = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send(body({ decisionNumber: '盱交罚〔2026〕0512号' }))
      .expect(201);
    const ok = await t.http
      .post(`/api/v1/credit-records/${fresh.body.id}/shield`)
      .auth(officer, { type: 'bearer' })
      .set('If-Match', '"1"')
      .send({ reasons: ['法院裁定批准重整计划', '管理人申请暂停公示'] })
      .expect(200);
    expect(ok.headers.etag).toBe('"2"');
    expect(ok.body.publicStatus).toBe('shielded');
    // Reasons are a list, as for every case action; the event keeps the one `reason` it always carried, joined,
    // so old and new shields read alike.
    const shielded = await t.http
      .get(`/api/v1/cases/${fresh.body.id}/history`)
      .auth(officer, { type: 'bearer' })
      .expect(200);
    expect(shielded.body.events[1]).toMatchObject({
      type: 'CreditRecordShielded',
      data: {
        reason: '法院裁定批准重整计划；管理人申请暂停公示',
        reasons: ['法院裁定批准重整计划', '管理人申请暂停公示'],
      },
    });
    // The shield is work for the authority's staff until lifted (a work item from the machine's state meta).
    const queue = await t.http.get('/api/v1/work-items').auth(officer, { type: 'bearer' }).expect(200);
    expect(queue.body.items.map((i: { caseId: string }) => i.caseId)).toContain(fresh.body.id);
    const elsewhere = await t.http
      .get('/api/v1/work-items')
      .auth(await loginAs(t, 'officer-ziyang'), { type: 'bearer' })
      .expect(200);
    expect(elsewhere.body.total).toBe(0);
    const stale = await t.http
      .post(`/api/v1/credit-records/${fresh.body.id}/lift-shield`)
      .auth(officer, { type: 'bearer' })
      .set('If-Match', '"1"')
      .send({ reasons: ['重整计划执行完毕'] });
    expect(stale.status).toBe(412);
    expect(stale.body.code).toBe('PRECONDITION_FAILED');
    // A shielded record leaves the public view.
    const pub = await t.http.get(`/api/v1/public/subjects/${SUBJECT.code}/records`).expect(200);
    expect(pub.body.records.map((r: { decisionNumber: string }) => r.decisionNumber)).not.toContain(
      '盱交罚〔2026〕0512号',
    );
  });

  it('lets exactly one of many concurrent writers holding the same version win; the others get 412', async () => {
    const fresh = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send(body({ decisionNumber: '盱交罚〔2026〕0513号' }))
      .expect(201);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        t.http
          .post(`/api/v1/credit-records/${fresh.body.id}/shield`)
          .auth(officer, { type: 'bearer' })
          .set('If-Match', '"1"')
          .send({ reasons: ['法院裁定批准重整计划'] }),
      ),
    );
    const statuses = attempts.map((r) => r.status).sort();
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 412)).toHaveLength(7);
    const history = await t.http
      .get(`/api/v1/cases/${fresh.body.id}/history`)
      .auth(officer, { type: 'bearer' })
      .expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).toEqual([
      'CreditRecordRegistered',
      'CreditRecordShielded',
    ]);
    expect(history.body.chainIntact).toBe(true);
  });

  it('refuses an action the state does not allow with a coded 409', async () => {
    const res = await t.http
      .post(`/api/v1/credit-records/${recordId}/lift-shield`)
      .auth(officer, { type: 'bearer' })
      .send({ reasons: ['x'] });
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ code: 'WORKFLOW.NOT_IN_THIS_STATE', action: 'lift-shield' });
    expect(res.body.title).toMatch(
      /^本案当前为「.+」，不能解除屏蔽；解除屏蔽只能在案件处于「暂时屏蔽」时办理$/,
    );
  });

  describe('bad input: a clear 4xx problem, nothing written', () => {
    const post = (payload: unknown, lang = 'zh-CN') =>
      t.http
        .post('/api/v1/credit-records')
        .auth(officer, { type: 'bearer' })
        .set('Accept-Language', lang)
        .send(payload as object);

    it('a USCC with a wrong check character', async () => {
      const bad = `${SUBJECT.code.slice(0, 17)}${SUBJECT.code[17] === '0' ? '1' : '0'}`;
      const res = await post(body({ subject: { type: 'legal_person', code: bad, name: 'x' } }), 'en').expect(
        400,
      );
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('VALIDATION_FAILED');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'subject.code', code: 'isSubjectCode' }),
      ]);
    });

    it('a natural person with an ID number whose check digit is wrong', async () => {
      const res = await post(
        body({ subject: { type: 'natural_person', code: '11010519491231002Y', name: '张三' } }),
      ).expect(400);
      expect(res.body.errors[0].field).toBe('subject.code');
    });

    it('unknown fields and wrong types, all reported at once', async () => {
      const res = await post({ ...body(), severity: 'catastrophic', facts: 42, extra: true }).expect(400);
      const fields = res.body.errors.map((e: { field: string }) => e.field).sort();
      expect(fields).toEqual(expect.arrayContaining(['extra', 'facts', 'severity']));
      expect(res.body.title).toBe('请求参数校验失败');
    });

    it('an impossible date and a decision dated in the future', async () => {
      expect((await post(body({ decisionDate: '2026-02-30' })).expect(400)).body.errors[0].field).toBe(
        'decisionDate',
      );
      const future = await post(body({ decisionDate: '2026-06-02', decisionNumber: 'F-1' })).expect(422);
      expect(future.body.code).toBe('CREDIT_RECORD.DECISION_DATE_IN_FUTURE');
    });

    it('a decision older than every rule set', async () => {
      const res = await post(body({ decisionDate: '2018-01-01', decisionNumber: 'OLD-1' })).expect(422);
      expect(res.body.code).toBe('CREDIT_RECORD.NO_RULE_SET');
    });

    it('another authority’s finding, and a role that may not register', async () => {
      expect(
        (await post(body({ authorityCode: '512000', decisionNumber: 'Z-1' })).expect(403)).body.code,
      ).toBe('CREDIT_RECORD.NOT_FINDING_AUTHORITY');
      const applicant = await loginAs(t, 'applicant-a');
      const res = await t.http
        .post('/api/v1/credit-records')
        .auth(applicant, { type: 'bearer' })
        .send(body({ decisionNumber: 'A-1' }));
      expect(res.status).toBe(403);
    });

    it('left nothing half-written', async () => {
      const { rows } = await t.database.superuser.query(
        `SELECT count(*)::int AS n FROM credit_records WHERE decision_number IN ('F-1','OLD-1','Z-1','A-1')`,
      );
      expect(rows[0].n).toBe(0);
    });
  });

  describe('isolation: nobody reads another authority’s or subject’s cases', () => {
    it('an officer of another authority gets 404 and an empty list', async () => {
      const other = await loginAs(t, 'officer-ziyang');
      const res = await t.http
        .get(`/api/v1/credit-records/${recordId}`)
        .auth(other, { type: 'bearer' })
        .expect(404);
      expect(res.body.code).toBe('NOT_FOUND');
      await t.http.get(`/api/v1/cases/${recordId}/history`).auth(other, { type: 'bearer' }).expect(404);
      const list = await t.http.get('/api/v1/credit-records').auth(other, { type: 'bearer' }).expect(200);
      expect(list.body.total).toBe(0);
    });

    it('the subject sees its own record; another enterprise does not', async () => {
      const own = await loginAs(t, 'applicant-a');
      await t.http.get(`/api/v1/credit-records/${recordId}`).auth(own, { type: 'bearer' }).expect(200);
      const mine = await t.http.get('/api/v1/credit-records').auth(own, { type: 'bearer' }).expect(200);
      expect(
        mine.body.items.every((r: { subject: { code: string } }) => r.subject.code === SUBJECT.code),
      ).toBe(true);
      expect(mine.body.total).toBeGreaterThan(0);
      const stranger = await loginAs(t, 'applicant-b');
      await t.http.get(`/api/v1/credit-records/${recordId}`).auth(stranger, { type: 'bearer' }).expect(404);
    });

    it('the provincial auditor sees its subtree; the county auditor of 盱眙 does not see 资阳', async () => {
      const province = await loginAs(t, 'auditor-province');
      await t.http.get(`/api/v1/credit-records/${recordId}`).auth(province, { type: 'bearer' }).expect(200);
      const list = await t.http
        .get('/api/v1/credit-records?authorityCode=320830')
        .auth(province, { type: 'bearer' })
        .expect(200);
      expect(list.body.total).toBeGreaterThanOrEqual(1);
      const ziyangOfficer = await loginAs(t, 'officer-ziyang');
      const code = buildUscc('91', '512000', 'YA000001');
      const zy = await t.http
        .post('/api/v1/credit-records')
        .auth(ziyangOfficer, { type: 'bearer' })
        .send(
          body({
            subject: { type: 'legal_person', code, name: '资阳某运输公司' },
            decisionNumber: '资交罚〔2026〕1号',
          }),
        )
        .expect(201);
      const county = await loginAs(t, 'auditor-xuyi');
      await t.http.get(`/api/v1/credit-records/${zy.body.id}`).auth(county, { type: 'bearer' }).expect(404);
    });
  });

  it('lets an admin add an effective-dated rule set, never overwrite one', async () => {
    const admin = await loginAs(t, 'admin');
    const ruleSet = {
      code: 'province-test-2027',
      nameZh: '测试规则',
      nameEn: 'Test rules',
      legalBasis: '测试',
      effectiveFrom: '2027-01-01',
      periods: {
        minor: { minimumMonths: 0, maximumMonths: 3 },
        general: { minimumMonths: 3, maximumMonths: 12 },
        serious: { minimumMonths: 12, maximumMonths: 36 },
      },
      fieldMinimums: {},
    };
    await t.http.post('/api/v1/rule-sets').auth(admin, { type: 'bearer' }).send(ruleSet).expect(201);
    expect(
      (await t.http.post('/api/v1/rule-sets').auth(admin, { type: 'bearer' }).send(ruleSet).expect(409)).body
        .code,
    ).toBe('RULE_SET.EXISTS');
    await t.http
      .post('/api/v1/rule-sets')
      .auth(officer, { type: 'bearer' })
      .send({ ...ruleSet, code: 'x-officer' })
      .expect(403);
    const list = await t.http.get('/api/v1/rule-sets').auth(officer, { type: 'bearer' }).expect(200);
    expect(list.body.map((r: { code: string }) => r.code)).toEqual([
      'ndrc-527-2019',
      'ndrc-order-58-2023',
      'ndrc-order-36-2026',
      'province-test-2027',
    ]);
  });

  it('draws the machine, and a case with its current state highlighted', async () => {
    const type = await t.http
      .get('/api/v1/case-types/creditRecord/diagram')
      .auth(officer, { type: 'bearer' })
      .expect(200);
    expect(type.body.diagram).toMatch(/^stateDiagram-v2/);
    const one = await t.http
      .get(`/api/v1/cases/${recordId}/diagram`)
      .auth(officer, { type: 'bearer' })
      .expect(200);
    expect(one.body.diagram).toContain(
      'class creditRecord_registered_publicity_live_shown_published current',
    );
  });
});
