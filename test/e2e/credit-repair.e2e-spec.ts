import { DEMO_SUBJECTS } from '@credence/identity';
import { samplePdf } from '../../libs/materials/src/testing/sample-files';
import { ReactionRunner, TimerWorker } from '@credence/workflow';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda;
const COMMITMENT = {
  content: '本单位承诺已纠正失信行为，所提交材料真实有效，自愿接受社会监督，如违反承诺愿承担相应责任。',
  consentToPublish: true,
};
const LEGAL = '《信用修复管理办法》（国家发展和改革委员会令第36号）第十二条';

/** Credit repair (issue #4) through HTTP: the legal happy path, each refusal, four eyes, clocks, revocation. */
describe('credit repair (e2e)', () => {
  let t: TestApp;
  let officer: string;
  let reviewer: string;
  let reviewer2: string;
  let applicant: string;
  let otherApplicant: string;
  let admin: string;
  let serial = 0;

  const as = (token: string) => authed(t, token);

  /** Registers a record of the demo subject decided on `decisionDate`, as the finding authority's officer. */
  async function record(decisionDate: string, severity = 'general', kind = 'administrative_penalty') {
    serial += 1;
    const res = await as(officer)
      .post('/api/v1/credit-records', {
        subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
        kind,
        severity,
        field: 'road_transport',
        decisionNumber: `盱交罚〔2026〕R${serial}号`,
        decisionDate,
        facts: '未按规定进行车辆年度审验。',
        legalBasis: '《道路运输条例》第七十条',
      })
      .expect(201);
    return res.body.id as string;
  }

  async function upload(token: string, name = '罚款缴纳凭证.pdf') {
    serial += 1;
    const res = await t.http
      .post('/api/v1/files')
      .auth(token, { type: 'bearer' })
      .attach('file', samplePdf(`proof-${serial}`), name)
      .expect(201);
    return res.body as { id: string; sha256: string };
  }

  /** Applies for the record as applicant-a, with a proof of correction unless `withProof` is false. */
  async function apply(recordId: string, withProof = true) {
    const materials = withProof
      ? [{ fileId: (await upload(applicant)).id, category: 'correction_proof' }]
      : [];
    return as(applicant).post('/api/v1/repair-applications', { recordId, materials, commitment: COMMITMENT });
  }
  const applied = async (recordId: string, status: number, withProof = true) => {
    const res = await apply(recordId, withProof);
    expect(res.status).toBe(status);
    return res;
  };

  const publicView = async () =>
    (await t.http.get(`/api/v1/public/subjects/${SUBJECT.code}/records`).expect(200)).body.records as {
      decisionNumber: string;
    }[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    [officer, reviewer, applicant, otherApplicant, admin] = await Promise.all(
      ['officer-xuyi', 'reviewer-xuyi', 'applicant-a', 'applicant-b', 'admin'].map((u) => loginAs(t, u)),
    );
    await as(admin)
      .post('/api/v1/accounts', {
        username: 'reviewer-xuyi-2',
        password: t.env.DEMO_PASSWORD,
        displayName: '盱眙复核员二',
        role: 'senior_reviewer',
        authorityCode: '320830',
      })
      .expect(201);
    reviewer2 = await loginAs(t, 'reviewer-xuyi-2');
  });
  afterAll(() => t.close());

  it('refuses too early, naming the date repair becomes possible', async () => {
    const recordId = await record('2026-05-10'); // general: minimum 3 months → from 2026-08-11
    const res = await applied(recordId, 422);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.body.code).toBe('REPAIR.NOT_ELIGIBLE');
    expect(res.body.refusals).toEqual([
      expect.objectContaining({ rule: 'MINIMUM_PERIOD_NOT_REACHED', metOn: '2026-08-11' }),
    ]);
  });

  it("refuses another subject's record as absent (404)", async () => {
    const recordId = await record('2026-01-05');
    const res = await as(otherApplicant)
      .post('/api/v1/repair-applications', { recordId, commitment: COMMITMENT })
      .expect(404);
    expect(res.body.code).toBe('NOT_FOUND');
  });

  it('refuses a second open application for the same record', async () => {
    const recordId = await record('2026-01-05');
    await applied(recordId, 201);
    const res = await applied(recordId, 422);
    expect(res.body.refusals.map((r: { rule: string }) => r.rule)).toEqual(['OPEN_APPLICATION_EXISTS']);
  });

  it('two applications for one record filed at the same instant: exactly one is opened', async () => {
    const recordId = await record('2026-01-05');
    const results = await Promise.all([apply(recordId, false), apply(recordId, false)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, expect.any(Number)]);
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect([409, 422]).toContain(results.find((r) => r.status !== 201)!.status);
  });

  it('missing materials → supplement → accept → recommend → approve by a second person → record repaired', async () => {
    const recordId = await record('2025-05-06', 'serious'); // Order 58 in force at the decision
    const created = await applied(recordId, 201, false);
    const id = created.body.id as string;
    expect(created.body.state).toEqual(['draft']);
    const submitted = await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    expect(submitted.body.data.caseNumber).toMatch(/^XF-320830-2026-\d{6}$/);
    expect(submitted.body.data.fourEyes).toBe(true);
    expect(submitted.body.clocks.map((c: { name: string }) => c.name).sort()).toEqual([
      'acceptance',
      'result',
    ]);

    const asked = await as(officer)
      .post(`/api/v1/repair-applications/${id}/request-supplement`, {
        items: ['罚款缴纳凭证', '整改报告'],
        reasons: ['缺少罚款缴纳凭证和整改报告，无法判断是否已履行处罚决定'],
      })
      .expect(200);
    expect(asked.body.state).toEqual(['open.awaitingSupplement']);
    // The applicant reads what was asked for and why in the application itself, not only in the trail.
    const seen = await as(applicant).get(`/api/v1/repair-applications/${id}`).expect(200);
    expect(seen.body.data.supplementRequest).toMatchObject({
      items: ['罚款缴纳凭证', '整改报告'],
      reasons: ['缺少罚款缴纳凭证和整改报告，无法判断是否已履行处罚决定'],
      from: 'acceptance',
    });
    expect(asked.body.clocks.find((c: { name: string }) => c.name === 'result').status).toBe('paused');

    const proof = await upload(applicant);
    await as(applicant)
      .post(`/api/v1/repair-applications/${id}/supplement`, {
        materials: [{ fileId: proof.id, category: 'correction_proof' }],
      })
      .expect(200);
    // The finding authority's staff may now download the material; another authority's may not.
    await as(officer).get(`/api/v1/files/${proof.id}/content`).expect(200);
    await as(await loginAs(t, 'officer-ziyang'))
      .get(`/api/v1/files/${proof.id}/content`)
      .expect(404);
    const accepted = await as(officer).post(`/api/v1/repair-applications/${id}/accept`).expect(200);
    expect(accepted.body.state).toEqual(['open.review.reviewing']);
    // Accepting it again: the case is past acceptance, and the answer says so in labels, never internal names.
    const again = await as(officer).post(`/api/v1/repair-applications/${id}/accept`).expect(409);
    expect(again.body).toMatchObject({
      code: 'WORKFLOW.NOT_IN_THIS_STATE',
      title: '本案当前为「审查中」，不能受理；受理只能在案件处于「待受理」时办理',
      action: 'accept',
      possibleIn: [{ zh: '待受理', en: 'Awaiting acceptance' }],
    });
    // The view lists what the officer may not do now, each with the reason a console shows on a disabled button.
    expect(accepted.body.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'recommend', available: true }),
        expect.objectContaining({
          action: 'approve',
          available: false,
          refusal: expect.objectContaining({ code: 'REPAIR.SECOND_REVIEWER_REQUIRED' }),
        }),
      ]),
    );

    // Four eyes: the officer cannot approve a serious record alone; the answer says who can, after what.
    const alone = await as(officer)
      .post(`/api/v1/repair-applications/${id}/approve`, { legalBasis: LEGAL })
      .expect(403);
    expect(alone.body).toMatchObject({
      code: 'REPAIR.SECOND_REVIEWER_REQUIRED',
      title:
        '严重失信信息的修复须双人办理：先提出审查意见，再由盱眙县交通运输局另一位审核负责人作出决定；请先提出审查意见',
      refusal: 'REPAIR.SECOND_REVIEWER_REQUIRED',
      action: 'approve',
    });
    const inEnglish = await as(officer)
      .post(`/api/v1/repair-applications/${id}/approve`, { legalBasis: LEGAL })
      .set('Accept-Language', 'en')
      .expect(403);
    expect(inEnglish.body.title).toBe(
      'A serious record needs a recommendation and then the decision of a different senior reviewer of 盱眙县交通运输局: recommend first',
    );
    await as(reviewer)
      .post(`/api/v1/repair-applications/${id}/recommend`, {
        recommendation: 'approve',
        opinion: '已缴清罚款并完成整改，建议准予修复。',
        reasons: ['罚款已缴纳', '整改已完成'],
      })
      .expect(200);
    // The reviewer who recommended cannot decide: another senior reviewer of the authority does.
    const own = await as(reviewer)
      .post(`/api/v1/repair-applications/${id}/approve`, { legalBasis: LEGAL })
      .expect(403);
    expect(own.body.code).toBe('REPAIR.RECOMMENDER_MAY_NOT_DECIDE');
    expect(own.body.title).toMatch(
      /^您已于\d{4}-\d{2}-\d{2}对本案提出审查意见，不能再作决定；须由盱眙县交通运输局另一位审核负责人作出决定$/,
    );
    const approved = await as(reviewer2)
      .post(`/api/v1/repair-applications/${id}/approve`, { opinion: '同意', legalBasis: LEGAL })
      .expect(200);
    expect(approved.body.state).toEqual(['approved']);
    expect(approved.body.data.commitment.inForceFrom).toBeTruthy();
    expect(approved.body.data.materials[0].sha256).toBe(proof.sha256);

    expect((await publicView()).some((r) => r.decisionNumber.endsWith(`R${serial - 1}号`))).toBe(true);
    await t.app.get(ReactionRunner).drain();
    const recordView = await as(officer).get(`/api/v1/credit-records/${recordId}`).expect(200);
    expect(recordView.body.publicStatus).toBe('repaired');
    const decisionNumber = recordView.body.record.decisionNumber as string;
    expect((await publicView()).map((r) => r.decisionNumber)).not.toContain(decisionNumber);

    const view = await as(applicant).get(`/api/v1/repair-applications/${id}`).expect(200);
    expect(view.body.deliveries.map((d: { platform: { code: string } }) => d.platform.code).sort()).toEqual([
      'credit-agencies',
      'credit-china',
      'provincial-transport-credit',
    ]);
    expect(view.body.deliveries.every((d: { status: string }) => d.status === 'pending')).toBe(true);
    expect(view.body.trail.map((s: { eventType: string }) => s.eventType)).toEqual(
      expect.arrayContaining(['RepairRecommended', 'RepairApproved']),
    );
    const approval = view.body.trail.find((s: { eventType: string }) => s.eventType === 'RepairApproved');
    expect(approval.legalBasis).toBe(LEGAL);
    expect(approval.materials.map((m: { sha256: string }) => m.sha256)).toContain(proof.sha256);

    for (const token of [applicant, officer]) {
      const pdf = await t.http
        .get(`/api/v1/repair-applications/${id}/decision.pdf`)
        .auth(token, { type: 'bearer' })
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
    }
    await as(otherApplicant).get(`/api/v1/repair-applications/${id}/decision.pdf`).expect(404);

    // A reaction replayed is not a second repair: the record has exactly one repair event.
    await t.app.get(ReactionRunner).drain();
    const history = await as(officer).get(`/api/v1/cases/${recordId}/history`).expect(200);
    expect(
      history.body.events.filter((e: { type: string }) => e.type === 'CreditRecordRepaired'),
    ).toHaveLength(1);
  });

  it('a general record may be decided by one officer (the authority’s default setting)', async () => {
    const recordId = await record('2026-01-05');
    const id = (await applied(recordId, 201)).body.id;
    await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    await as(officer).post(`/api/v1/repair-applications/${id}/accept`).expect(200);
    const res = await as(officer)
      .post(`/api/v1/repair-applications/${id}/approve`, { legalBasis: LEGAL })
      .expect(200);
    expect(res.body.state).toEqual(['approved']);
  });

  it('refusals need reason codes, reasons and a legal basis, and produce a notice', async () => {
    const recordId = await record('2026-01-05');
    const id = (await applied(recordId, 201)).body.id;
    await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    const bad = await as(officer)
      .post(`/api/v1/repair-applications/${id}/refuse`, { reasons: ['x'] })
      .expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const refused = await as(officer)
      .post(`/api/v1/repair-applications/${id}/refuse`, {
        reasonCodes: ['DUTIES_NOT_FULFILLED'],
        reasons: ['罚款尚未缴纳'],
        legalBasis: LEGAL,
      })
      .expect(200);
    expect(refused.body.state).toEqual(['notAccepted']);
    await as(applicant).get(`/api/v1/repair-applications/${id}/decision.pdf`).expect(200);
  });

  it('a reviewer who declared a relation to the subject must abstain (回避)', async () => {
    const recordId = await record('2026-01-05');
    const id = (await applied(recordId, 201)).body.id;
    await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    const accounts = await as(admin).get('/api/v1/accounts?limit=500').expect(200);
    const list = (accounts.body.items ?? accounts.body) as { id: string; username: string }[];
    const account = list.find((a) => a.username === 'reviewer-xuyi-2')!;
    await as(admin)
      .post(`/api/v1/accounts/${account.id}/related-subjects`, {
        subjectCode: SUBJECT.code,
        reason: '亲属任职',
      })
      .expect(204);
    const res = await as(reviewer2).post(`/api/v1/repair-applications/${id}/accept`).expect(403);
    expect(res.body.code).toBe('REPAIR.REVIEWER_RELATED');
  });

  it('the supplement window elapsing closes the case automatically', async () => {
    const recordId = await record('2026-01-05');
    const id = (await applied(recordId, 201)).body.id;
    await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    await as(officer)
      .post(`/api/v1/repair-applications/${id}/request-supplement`, { items: ['罚款缴纳凭证'] })
      .expect(200);
    const now = t.clock.now();
    t.clock.set(new Date('2026-06-20T02:00:00Z')); // 10 working days after 06-01 end on 06-15 (端午 06-19)
    await t.app.get(TimerWorker).fireDue();
    const view = await as(applicant).get(`/api/v1/repair-applications/${id}`).expect(200);
    expect(view.body.state).toEqual(['closedUnsupplemented']);
    expect(view.body.status).toBe('done');
    t.clock.set(now);
  });

  it('an acceptance left overdue shows in the authority’s queue and to the province above it', async () => {
    const recordId = await record('2026-01-05');
    const id = (await applied(recordId, 201)).body.id;
    await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    const now = t.clock.now();
    t.clock.set(new Date('2026-06-05T02:00:00Z')); // 3 working days after Mon 06-01 ended Thu 24:00
    await t.app.get(TimerWorker).fireDue();
    const queue = await as(officer).get('/api/v1/repair-applications?due=overdue').expect(200);
    expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(id);
    const province = await loginAs(t, 'auditor-province');
    const deadlines = await as(province).get('/api/v1/deadlines?status=overdue').expect(200);
    expect(deadlines.body.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ caseId: id, clock: 'acceptance' })]),
    );
    t.clock.set(now);
  });

  it('concurrent approve and withdraw: exactly one wins', async () => {
    const recordId = await record('2026-01-05');
    const id = (await applied(recordId, 201)).body.id;
    await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    await as(officer).post(`/api/v1/repair-applications/${id}/accept`).expect(200);
    const [approve, withdraw] = await Promise.all([
      as(officer).post(`/api/v1/repair-applications/${id}/approve`, { legalBasis: LEGAL }),
      as(applicant).post(`/api/v1/repair-applications/${id}/withdraw`, { reasons: ['不再申请'] }),
    ]);
    expect([approve.status, withdraw.status].filter((s) => s === 200)).toHaveLength(1);
    expect([approve.status, withdraw.status].filter((s) => s === 409)).toHaveLength(1);
    const view = await as(officer).get(`/api/v1/repair-applications/${id}`).expect(200);
    expect(view.body.state).toEqual([approve.status === 200 ? 'approved' : 'withdrawn']);
  });

  it('revocation re-publishes the record with a restarted period and bars new applications', async () => {
    const recordId = await record('2026-01-05');
    const id = (await applied(recordId, 201)).body.id;
    await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    await as(officer).post(`/api/v1/repair-applications/${id}/accept`).expect(200);
    await as(officer).post(`/api/v1/repair-applications/${id}/approve`, { legalBasis: LEGAL }).expect(200);
    await t.app.get(ReactionRunner).drain();
    const revoked = await as(reviewer)
      .post(`/api/v1/repair-applications/${id}/revoke`, {
        ground: 'false_materials',
        reasons: ['缴款凭证系伪造'],
        legalBasis: LEGAL,
      })
      .expect(200);
    expect(revoked.body.state).toEqual(['revoked']);
    expect(revoked.body.data.revocation.banUntil).toBe('2029-06-01'); // default 36 months
    await t.app.get(ReactionRunner).drain();
    const recordView = await as(officer).get(`/api/v1/credit-records/${recordId}`).expect(200);
    expect(recordView.body.publicStatus).toBe('published');
    expect(recordView.body.repairableFrom).toBe('2026-09-02'); // restarted: 3 months from 2026-06-01
    expect((await publicView()).map((r) => r.decisionNumber)).toContain(
      recordView.body.record.decisionNumber,
    );
    const history = await as(officer).get(`/api/v1/cases/${recordId}/history`).expect(200);
    const event = history.body.events.find((e: { type: string }) => e.type === 'RepairRevoked');
    expect(event.data).toMatchObject({ ground: 'false_materials', reasons: ['缴款凭证系伪造'] });

    const other = await record('2026-01-06');
    const res = await applied(other, 422);
    expect(res.body.refusals).toEqual([
      expect.objectContaining({ rule: 'REVOCATION_BAN', metOn: '2029-06-02' }),
    ]);
  });

  it('the authority queue filters by state and assignee; the applicant sees only its own', async () => {
    const queue = await as(officer).get('/api/v1/repair-applications?state=open&assignee=me').expect(200);
    expect(queue.body.items.every((i: { state: string[] }) => i.state[0].startsWith('open'))).toBe(true);
    const mine = await as(otherApplicant).get('/api/v1/repair-applications').expect(200);
    expect(mine.body.total).toBe(0);
  });
});
