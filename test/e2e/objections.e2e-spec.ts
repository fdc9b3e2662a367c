import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { AuthorityPolicies } from '@credence/authority-policies';
import { DEMO_SUBJECTS } from '@credence/identity';
import { ReactionRunner, TimerWorker } from '@credence/workflow';
import { samplePdf } from '../../libs/materials/src/testing/sample-files';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda;
const FACTS = '苏H·54321 道路运输车辆未按规定进行年度审验，继续从事经营活动。';
const CORRECTED = '苏H·12345 道路运输车辆未按规定进行年度审验，继续从事经营活动。';
const LEGAL = '《江苏省社会信用条例》第三十四条';
const COMMITMENT = {
  content: '本单位承诺所提交的异议申请及证明材料真实、合法、有效，如有虚假，愿承担相应法律责任。',
  consent: true,
};

/** RFC 9457 problem: the stable code, and the error's details as extension members. */
interface Problem {
  code: string;
  [extension: string]: unknown;
}

/** The objection workflow (issue #5) through HTTP, with the reactions on the record carried out by hand. */
describe('objections (e2e)', () => {
  let t: TestApp;
  const token: Record<string, string> = {};
  let serial = 0;

  const get = (url: string, user: string) =>
    t.http.get(`/api/v1${url}`).auth(token[user], { type: 'bearer' });
  const post = (url: string, user: string, body: object = {}) =>
    t.http.post(`/api/v1${url}`).auth(token[user], { type: 'bearer' }).send(body);
  const act = (id: string, action: string, user: string, body: object = {}) =>
    post(`/objections/${id}/${action}`, user, body);

  /** A general penalty of the demo subject, registered by 盱眙 (320830); returns its id and decision number. */
  async function record(): Promise<{ id: string; decisionNumber: string }> {
    serial += 1;
    const decisionNumber = `盱交罚〔2026〕Y${serial}号`;
    const res = await post('/credit-records', 'officer-xuyi', {
      subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
      kind: 'administrative_penalty',
      severity: 'general',
      field: 'road_transport',
      decisionNumber,
      decisionDate: '2026-05-10',
      facts: FACTS,
      legalBasis: '《道路运输条例》第七十条',
    });
    expect(res.status).toBe(201);
    return { id: res.body.id, decisionNumber };
  }

  async function upload(user = 'applicant-a'): Promise<{ id: string; sha256: string }> {
    serial += 1;
    const res = await t.http
      .post('/api/v1/files')
      .auth(token[user], { type: 'bearer' })
      .attach('file', samplePdf(`objection-${serial}`), '车辆行驶证.pdf');
    expect(res.status).toBe(201);
    return res.body;
  }

  // Materials are optional (a record published twice needs no proof); most filings here come without.
  const evidence = (fileId: string) => ({ fileId, category: 'evidence' });
  const fileBody = (recordId: string, materials?: string[]) => ({
    recordId,
    ground: 'wrong',
    statement: '处罚决定书载明的车辆号牌与本公司车辆不符。',
    ...(materials ? { materials: materials.map(evidence) } : {}),
    commitment: COMMITMENT,
  });

  /** Files an objection as applicant-a and returns its id. */
  async function file(recordId: string): Promise<string> {
    const res = await post('/objections', 'applicant-a', fileBody(recordId));
    expect(res.status).toBe(201);
    return res.body.id;
  }

  /** Files and accepts (officer-xuyi), with the mark set on the record. */
  async function accepted(recordId: string): Promise<string> {
    const id = await file(recordId);
    expect((await act(id, 'accept', 'officer-xuyi')).status).toBe(200);
    await settle();
    return id;
  }

  /**
   * Carries out the reactions (the test app runs no worker loop) until the objection events are all handled: the
   * subscription reads below the xmin horizon, which parallel test files share, so it may need another pass.
   */
  async function settle(): Promise<void> {
    const runner = t.app.get(ReactionRunner);
    for (let i = 0; i < 500; i++) {
      await runner.drain();
      const { rows } = await t.database.db.query<{ behind: boolean }>(
        `SELECT EXISTS (
           SELECT 1 FROM events e
            WHERE e.stream_type = 'objection'
              AND (e.transaction_id, e.global_position) > COALESCE(
                    (SELECT (c.transaction_id, c.global_position) FROM subscription_checkpoints c
                      WHERE c.name = 'reaction:objection-record-effects'), ('0'::xid8, 0::bigint))) AS behind`,
      );
      if (!rows[0].behind) return;
      await sleep(20);
    }
    throw new Error('the objection reactions did not catch up');
  }

  async function publicRecord(decisionNumber: string) {
    const res = await t.http.get(`/api/v1/public/subjects/${SUBJECT.code}/records`).expect(200);
    return (res.body.records as { decisionNumber: string }[]).find(
      (r) => r.decisionNumber === decisionNumber,
    ) as Record<string, unknown> | undefined;
  }

  async function createAccount(username: string, role: string, authorityCode: string): Promise<string> {
    const res = await post('/accounts', 'admin', {
      username,
      password: t.env.DEMO_PASSWORD,
      displayName: username,
      role,
      authorityCode,
    });
    expect(res.status).toBe(201);
    token[username] = await loginAs(t, username);
    return res.body.id;
  }

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    for (const user of [
      'admin',
      'officer-xuyi',
      'reviewer-xuyi',
      'officer-ziyang',
      'auditor-xuyi',
      'auditor-province',
      'applicant-a',
      'applicant-b',
    ])
      token[user] = await loginAs(t, user);
    // A city (320800, the parent of 盱眙) officer and senior reviewer, and a second reviewer at 盱眙.
    await createAccount('officer-huaian', 'officer', '320800');
    await createAccount('reviewer-huaian', 'senior_reviewer', '320800');
    await createAccount('reviewer-xuyi-2', 'senior_reviewer', '320830');
  });
  afterAll(() => t.close());

  describe('filing and answering', () => {
    it('file → accept → the public view shows the mark → correct → corrected content, both versions, mark gone', async () => {
      const { id: recordId, decisionNumber } = await record();
      const proof = await upload();
      const filed = await post('/objections', 'applicant-a', fileBody(recordId, [proof.id]));
      expect(filed.status).toBe(201);
      expect(filed.headers.location).toBe(`/api/v1/objections/${filed.body.id}`);
      expect(filed.headers.etag).toBe('"2"'); // the filing and its acceptance clock's start
      expect(filed.body).toMatchObject({
        type: 'objection',
        state: ['admission.received'],
        stateLabel: { zh: '待受理' },
        caseNumber: expect.stringMatching(/^YY-320830-2026-\d{6}$/),
        authorityCode: '320830',
        subjectCode: SUBJECT.code,
        data: {
          ground: 'wrong',
          groundLabel: { zh: '信息错误' },
          commitment: { content: COMMITMENT.content, consent: true },
          materials: [
            {
              id: proof.id,
              sha256: proof.sha256,
              fileName: '车辆行驶证.pdf',
              stage: 'filing',
              category: 'evidence',
            },
          ],
          record: { id: recordId, decisionNumber, contentVersion: 1 },
        },
        recordNow: { publicStatus: 'published', objectionMarked: false },
        notice: null,
      });
      expect(filed.body.availableActions.map((a: { action: string }) => a.action)).toEqual(['withdraw']);
      expect(filed.body.clocks).toEqual([
        expect.objectContaining({
          name: 'acceptance',
          kind: 'objection.acceptance',
          status: 'running',
          workingDays: 2,
        }),
      ]);
      const id = filed.body.id as string;

      // The finding authority's officer sees the case, what it may do, and may download the materials.
      const seen = await get(`/objections/${id}`, 'officer-xuyi').expect(200);
      expect(seen.body.availableActions.map((a: { action: string }) => a.action).sort()).toEqual([
        'accept',
        'refuse',
        'request-supplement',
      ]);
      await get(`/files/${proof.id}/content`, 'officer-xuyi').expect(200);

      const accept = await act(id, 'accept', 'officer-xuyi', { opinion: '材料齐全，予以受理' }).set(
        'If-Match',
        '"2"',
      );
      expect(accept.status).toBe(200);
      expect(accept.body.state).toEqual(['verification.checking']);
      expect(accept.body.clocks.find((c: { name: string }) => c.name === 'verification')).toMatchObject({
        status: 'running',
        workingDays: 10,
      });
      await settle();
      expect(await publicRecord(decisionNumber)).toMatchObject({
        objectionMarked: true,
        objectionLabel: { zh: '异议处理中', en: 'Objection in progress' },
        facts: FACTS,
      });
      const marked = await get(`/credit-records/${recordId}`, 'auditor-xuyi').expect(200);
      expect(marked.body).toMatchObject({
        objectionMarked: true,
        dispute: { objectionCaseId: id, caseNumber: filed.body.caseNumber },
      });

      const answer = await act(id, 'uphold', 'officer-xuyi', {
        outcome: 'correct',
        reasons: ['经调取执法记录，处罚决定书所载车辆号牌登记有误。'],
        legalBasis: LEGAL,
        correction: { facts: CORRECTED },
      });
      expect(answer.status).toBe(200);
      expect(answer.body).toMatchObject({
        state: ['answered'],
        data: {
          outcome: 'correct',
          answer: {
            outcome: 'correct',
            by: expect.any(String),
            correction: { changes: [{ field: 'facts', from: FACTS, to: CORRECTED }] },
          },
        },
        appealWindow: { open: true, closesOn: expect.any(String) },
        notice: { kind: 'objection-answer', href: `/api/v1/objections/${id}/notice.pdf` },
      });
      await settle();

      expect(await publicRecord(decisionNumber)).toMatchObject({
        facts: CORRECTED,
        objectionMarked: false,
        corrected: true,
        correctionLabel: { zh: '已更正', en: 'Corrected' },
      });
      const history = await get(`/cases/${recordId}/history`, 'auditor-xuyi').expect(200);
      expect(history.body.chainIntact).toBe(true);
      const events = history.body.events as { type: string; data: Record<string, unknown> }[];
      expect(events.map((e) => e.type)).toEqual([
        'CreditRecordRegistered',
        'ObjectionMarked',
        'CreditRecordCorrected',
        'ObjectionMarkCleared',
      ]);
      // Both versions: the registered content and the corrected one, with the change between them.
      expect(events[0].data).toMatchObject({ record: { facts: FACTS } });
      expect(events[2].data).toMatchObject({
        objectionCaseId: id,
        caseNumber: filed.body.caseNumber,
        technicalError: false,
        outcome: 'corrected',
        record: { facts: CORRECTED },
        changes: [{ field: 'facts', from: FACTS, to: CORRECTED }],
        legalBasis: LEGAL,
      });
      const now = await get(`/credit-records/${recordId}`, 'officer-xuyi').expect(200);
      expect(now.body).toMatchObject({ contentVersion: 2, objectionMarked: false, dispute: null });

      // The notice: the subject and the authority's staff may download it; nobody else learns it exists.
      const pdf = await get(`/objections/${id}/notice.pdf`, 'applicant-a')
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(pdf.headers['content-type']).toBe('application/pdf');
      expect((pdf.body as Buffer).subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.headers['x-content-digest']).toMatch(/^sha256:[0-9a-f]{64}$/);
      await get(`/objections/${id}/notice.pdf`, 'officer-xuyi').expect(200);
      await get(`/objections/${id}/notice.pdf`, 'applicant-b').expect(404);
      await get(`/objections/${id}/notice.pdf`, 'officer-ziyang').expect(404);
    });

    it('maintain → mark gone, record unchanged', async () => {
      const { id: recordId, decisionNumber } = await record();
      const id = await accepted(recordId);
      expect(await publicRecord(decisionNumber)).toMatchObject({ objectionMarked: true });
      await act(id, 'uphold', 'officer-xuyi', {
        outcome: 'maintain',
        reasons: ['经向执法支队核实，该信息准确。'],
        legalBasis: LEGAL,
      }).expect(200);
      await settle();
      expect(await publicRecord(decisionNumber)).toMatchObject({
        facts: FACTS,
        objectionMarked: false,
        corrected: false,
        notes: [],
      });
      const view = await get(`/credit-records/${recordId}`, 'officer-xuyi').expect(200);
      expect(view.body).toMatchObject({ contentVersion: 1, objectionMarked: false });
    });

    it('records an unverifiable objection next to the record, in every view', async () => {
      const { id: recordId, decisionNumber } = await record();
      const id = await accepted(recordId);
      await act(id, 'uphold', 'officer-xuyi', {
        outcome: 'unverifiable',
        reasons: ['原始执法卷宗缺失，无法溯源核实。'],
        legalBasis: LEGAL,
        note: '原始执法卷宗缺失',
      }).expect(200);
      await settle();
      const shown = await publicRecord(decisionNumber);
      expect(shown).toMatchObject({ objectionMarked: false, facts: FACTS });
      expect(shown!.notes).toEqual([
        {
          text: { zh: expect.stringContaining('原始执法卷宗缺失'), en: expect.any(String) },
          at: expect.any(String),
        },
      ]);
      const staff = await get(`/credit-records/${recordId}`, 'auditor-province').expect(200);
      expect(staff.body.notes).toEqual([
        expect.objectContaining({ kind: 'objection-unverifiable', objectionCaseId: id }),
      ]);
    });

    it('refuses an objection as not admissible, with a notice and no mark', async () => {
      const { id: recordId, decisionNumber } = await record();
      const id = await file(recordId);
      const missing = await act(id, 'refuse', 'officer-xuyi', { reasons: ['未提出具体异议事项'] });
      expect(missing.status).toBe(400);
      const refused = await act(id, 'refuse', 'officer-xuyi', {
        reasonCodes: ['NO_GROUND'],
        reasons: ['未提出具体异议事项和理由。'],
      }).expect(200);
      expect(refused.body).toMatchObject({
        state: ['notAccepted'],
        status: 'done',
        notice: { kind: 'objection-refusal' },
        data: { refusal: { reasonCodes: ['NO_GROUND'] }, closure: { reason: 'not-accepted' } },
      });
      await settle();
      expect(await publicRecord(decisionNumber)).toMatchObject({ objectionMarked: false });
      await get(`/objections/${id}/notice.pdf`, 'applicant-a').expect(200);
      const late = await act(id, 'accept', 'officer-xuyi');
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({
        code: 'WORKFLOW.NOT_IN_THIS_STATE',
        title: '本案当前为「不予受理」，不能受理；受理只能在案件处于「待受理」时办理',
        action: 'accept',
      });
    });

    it('answers an objection on another subject’s record, or a case another may not see, with 404', async () => {
      const { id: recordId } = await record();
      const foreign = await post('/objections', 'applicant-b', fileBody(recordId));
      expect(foreign.status).toBe(404);
      expect((foreign.body as Problem).code).toBe('NOT_FOUND');
      const id = await file(recordId);
      for (const user of ['applicant-b', 'officer-ziyang'])
        expect((await get(`/objections/${id}`, user)).status).toBe(404);
      expect((await act(id, 'accept', 'officer-ziyang')).status).toBe(404);
      const mine = await get('/objections?recordId=' + recordId, 'applicant-a').expect(200);
      expect(mine.body.items.map((i: { id: string }) => i.id)).toEqual([id]);
      const theirs = await get('/objections?recordId=' + recordId, 'applicant-b').expect(200);
      expect(theirs.body.total).toBe(0);
      // An action sent without any body (no Content-Type) is read as an empty one.
      await t.http
        .post(`/api/v1/objections/${id}/withdraw`)
        .auth(token['applicant-a'], { type: 'bearer' })
        .expect(200);
    });

    it('refuses a second objection on a record while the first is open, even when both are filed at once', async () => {
      const { id: recordId } = await record();
      const first = await post('/objections', 'applicant-a', fileBody(recordId)).expect(201);
      const second = await post('/objections', 'applicant-a', fileBody(recordId));
      expect(second.status).toBe(409);
      expect(second.body).toMatchObject({
        code: 'OBJECTION.ALREADY_OPEN',
        recordId,
        openObjectionId: first.body.id,
        openCaseNumber: first.body.caseNumber,
      });
      // Once the first is closed, the record may be objected to again.
      await act(first.body.id, 'withdraw', 'applicant-a', { reasons: ['已与认定单位沟通'] }).expect(200);
      await post('/objections', 'applicant-a', fileBody(recordId)).expect(201);

      const other = await record();
      const race = await Promise.all(
        [1, 2, 3].map(() => post('/objections', 'applicant-a', fileBody(other.id))),
      );
      expect(race.map((r) => r.status).sort()).toEqual([201, 409, 409]);
      for (const r of race.filter((x) => x.status === 409))
        expect((r.body as Problem).code).toBe('OBJECTION.ALREADY_OPEN');
    });

    it('refuses a record that is no longer published', async () => {
      const { id: recordId } = await record();
      const id = await accepted(recordId);
      await act(id, 'uphold', 'officer-xuyi', {
        outcome: 'remove',
        reasons: ['不应公示'],
        legalBasis: LEGAL,
      }).expect(200);
      await settle();
      const again = await post('/objections', 'applicant-a', fileBody(recordId));
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'OBJECTION.RECORD_NOT_OBJECTABLE', publicStatus: 'removed' });
    });

    it('pauses acceptance for a supplement, extends the verification once, and clears the mark on withdrawal', async () => {
      const { id: recordId, decisionNumber } = await record();
      const id = await file(recordId);
      const asked = await act(id, 'request-supplement', 'officer-xuyi', {
        items: ['车辆行驶证复印件'],
      }).expect(200);
      expect(asked.body.state).toEqual(['admission.awaitingSupplement']);
      expect(asked.body.clocks).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ name: 'acceptance', paused: true }),
          expect.objectContaining({ name: 'supplement', kind: 'objection.supplement', status: 'running' }),
        ]),
      );
      const notMine = await act(id, 'supplement', 'applicant-a', {
        materials: [evidence((await upload('applicant-b')).id)],
      });
      expect(notMine.status).toBe(404);
      expect((notMine.body as Problem).code).toBe('MATERIAL.NOT_FOUND_OR_NOT_YOURS');
      const proof = await upload();
      const supplied = await act(id, 'supplement', 'applicant-a', { materials: [evidence(proof.id)] }).expect(
        200,
      );
      expect(supplied.body.state).toEqual(['admission.received']);
      expect(supplied.body.data.supplementRequests).toEqual([
        expect.objectContaining({
          stage: 'admission',
          items: ['车辆行驶证复印件'],
          answeredAt: expect.any(String),
        }),
      ]);

      await act(id, 'accept', 'officer-xuyi').expect(200);
      const extended = await act(id, 'extend', 'reviewer-xuyi', {
        reasons: ['需向执法支队调取原始记录'],
      }).expect(200);
      expect(extended.body.clocks.find((c: { name: string }) => c.name === 'verification')).toMatchObject({
        workingDays: 20,
        extensions: [expect.objectContaining({ workingDays: 10, reason: '需向执法支队调取原始记录' })],
      });
      const twice = await act(id, 'extend', 'reviewer-xuyi', { reasons: ['再次延期'] });
      expect(twice.status).toBe(409);
      expect(twice.body).toMatchObject({ code: 'OBJECTION.ALREADY_EXTENDED', action: 'extend' });
      // When and why the one extension was granted, and what is left to do.
      expect((twice.body as Problem).title).toMatch(
        /^核实期限已于\d{4}-\d{2}-\d{2}延长过一次（理由：需向执法支队调取原始记录），只能延长一次；请在延长后的期限内作出答复$/,
      );

      await settle();
      expect(await publicRecord(decisionNumber)).toMatchObject({ objectionMarked: true });
      await act(id, 'withdraw', 'applicant-a').expect(200);
      await settle();
      expect(await publicRecord(decisionNumber)).toMatchObject({ objectionMarked: false });
    });

    it('keeps a staff member related to the subject out of its objections (回避)', async () => {
      const officerId = await createAccount('officer-xuyi-related', 'officer', '320830');
      await post(`/accounts/${officerId}/related-subjects`, 'admin', {
        subjectCode: SUBJECT.code,
        reason: '近亲属任该公司法定代表人',
      }).expect(204);
      const { id: recordId } = await record();
      const id = await file(recordId);
      const refused = await act(id, 'accept', 'officer-xuyi-related');
      expect(refused.status).toBe(403);
      expect((refused.body as Problem).code).toBe('OBJECTION.RELATED_PARTY');
      await act(id, 'withdraw', 'applicant-a').expect(200);
    });

    it('appeal within the window → decided by a senior reviewer who did not handle it → overturned → corrected', async () => {
      const { id: recordId, decisionNumber } = await record();
      const id = await accepted(recordId);
      await act(id, 'uphold', 'officer-xuyi', {
        outcome: 'maintain',
        reasons: ['经核实，该信息准确。'],
        legalBasis: LEGAL,
      }).expect(200);
      await settle();
      const proof = await upload();
      const appeal = await act(id, 'appeal', 'applicant-a', {
        statement: '车辆已于处罚前过户，附过户登记证明。',
        materials: [evidence(proof.id)],
      }).expect(200);
      expect(appeal.body).toMatchObject({
        state: ['appeal'],
        workItem: { roles: ['senior_reviewer'] },
        data: {
          appeal: {
            decidedBy: 'same-authority',
            authority: { code: '320830' },
            setting: { value: 'same-authority', settingId: expect.any(String) },
          },
        },
      });
      await settle();
      expect(await publicRecord(decisionNumber)).toMatchObject({ objectionMarked: true });
      // One appeal: a second finds the case in its appeal, where appealing is not possible.
      const again = await act(id, 'appeal', 'applicant-a', { statement: '再次申请' });
      expect(again.body).toMatchObject({
        code: 'WORKFLOW.NOT_IN_THIS_STATE',
        title: '本案当前为「复核中」，不能申请复核；申请复核只能在案件处于「已答复（复核申请期内）」时办理',
      });

      const byOfficer = await act(id, 'decide-appeal', 'officer-xuyi', {
        outcome: 'upheld',
        reasons: ['维持'],
        legalBasis: LEGAL,
      });
      expect(byOfficer.status).toBe(403);
      expect(byOfficer.body).toMatchObject({
        code: 'OBJECTION.APPEAL_NEEDS_SENIOR_REVIEWER',
        title: '复核决定须由复核机关盱眙县交通运输局的审核负责人作出，且其未参与原异议处理',
      });
      const worse = await act(id, 'decide-appeal', 'reviewer-xuyi', {
        outcome: 'overturned',
        newOutcome: 'maintain',
        reasons: ['维持'],
        legalBasis: LEGAL,
      });
      expect(worse.status).toBe(422);
      expect(worse.body).toMatchObject({
        code: 'OBJECTION.OVERTURN_NOT_FAVOURABLE',
        allowedOutcomes: ['unverifiable', 'correct', 'remove'],
        errors: [expect.objectContaining({ field: 'newOutcome' })],
      });
      // `outcome` says what the appeal decided; an overturn without the outcome replacing the answer is refused.
      const unnamed = await act(id, 'decide-appeal', 'reviewer-xuyi', {
        outcome: 'overturned',
        reasons: ['撤销'],
        legalBasis: LEGAL,
      });
      expect(unnamed.status).toBe(400);
      expect(unnamed.body.errors).toEqual([expect.objectContaining({ field: 'newOutcome' })]);

      const decided = await act(id, 'decide-appeal', 'reviewer-xuyi', {
        outcome: 'overturned',
        newOutcome: 'correct',
        reasons: ['过户登记证明表明处罚所涉车辆号牌有误。'],
        legalBasis: LEGAL,
        correction: { facts: CORRECTED },
      }).expect(200);
      expect(decided.body).toMatchObject({
        state: ['appealDecided'],
        status: 'done',
        data: { outcome: 'correct', appealDecision: { decision: 'overturn', outcome: 'correct' } },
        notice: { kind: 'appeal-decision', title: { zh: '异议复核决定书' } },
      });
      await settle();
      expect(await publicRecord(decisionNumber)).toMatchObject({ facts: CORRECTED, objectionMarked: false });
      const trail = await get(`/objections/${id}`, 'auditor-province').expect(200);
      expect(trail.body.trail.steps.map((s: { eventType: string }) => s.eventType)).toEqual(
        expect.arrayContaining([
          'ObjectionFiled',
          'ObjectionAccepted',
          'ObjectionAnswered',
          'AppealFiled',
          'AppealDecided',
        ]),
      );
      const decisionStep = trail.body.trail.steps.find(
        (s: { eventType: string }) => s.eventType === 'AppealDecided',
      );
      expect(decisionStep).toMatchObject({ outcome: 'correct', legalBasis: LEGAL });
    });

    it('does not let a reviewer who handled the answer decide its appeal', async () => {
      const { id: recordId } = await record();
      const id = await file(recordId);
      await act(id, 'accept', 'reviewer-xuyi').expect(200);
      await act(id, 'uphold', 'reviewer-xuyi', {
        outcome: 'maintain',
        reasons: ['准确'],
        legalBasis: LEGAL,
      }).expect(200);
      await act(id, 'appeal', 'applicant-a', { statement: '不服' }).expect(200);
      const same = await act(id, 'decide-appeal', 'reviewer-xuyi', {
        outcome: 'upheld',
        reasons: ['维持'],
        legalBasis: LEGAL,
      });
      expect(same.status).toBe(403);
      expect(same.body).toMatchObject({
        code: 'OBJECTION.SAME_REVIEWER',
        title:
          '您参与过本异议的原处理（受理、核实或答复），不得作出复核决定；须由盱眙县交通运输局另一位审核负责人作出',
      });
      const queue = await get('/work-items?type=objection', 'reviewer-xuyi-2').expect(200);
      expect(queue.body.items.map((i: { caseId: string }) => i.caseId)).toContain(id);
      await act(id, 'decide-appeal', 'reviewer-xuyi-2', {
        outcome: 'upheld',
        reasons: ['原处理结果正确'],
        legalBasis: LEGAL,
      }).expect(200);
      await settle();
    });

    it('lets an admin correct a platform technical error directly, recorded as such', async () => {
      const { id: recordId, decisionNumber } = await record();
      const denied = await post(`/credit-records/${recordId}/technical-correction`, 'officer-xuyi', {
        reasons: ['数据交换截断'],
        correction: { facts: CORRECTED },
      });
      expect(denied.status).toBe(403);
      const nothing = await post(`/credit-records/${recordId}/technical-correction`, 'admin', {
        reasons: ['数据交换截断'],
        correction: { facts: FACTS },
      });
      expect(nothing.status).toBe(422);
      expect((nothing.body as Problem).code).toBe('CREDIT_RECORD.CORRECTION_CHANGES_NOTHING');
      const fixed = await post(`/credit-records/${recordId}/technical-correction`, 'admin', {
        reasons: ['平台数据交换时车辆号牌字段被截断，与认定单位报送内容不一致。'],
        correction: { facts: CORRECTED },
      })
        .set('If-Match', '"1"')
        .expect(200);
      expect(fixed.headers.etag).toBe('"2"');
      expect(fixed.body).toMatchObject({ contentVersion: 2, record: { facts: CORRECTED } });
      const history = await get(`/cases/${recordId}/history`, 'auditor-xuyi').expect(200);
      expect(history.body.events[1]).toMatchObject({
        type: 'CreditRecordCorrected',
        actor: { role: 'admin' },
        data: {
          technicalError: true,
          reasonCodes: ['PLATFORM_TECHNICAL_ERROR'],
          changes: [{ field: 'facts', from: FACTS, to: CORRECTED }],
        },
      });
      expect(await publicRecord(decisionNumber)).toMatchObject({ facts: CORRECTED, corrected: true });
      const stale = await post(`/credit-records/${recordId}/technical-correction`, 'admin', {
        reasons: ['再次更正'],
        correction: { facts: FACTS },
      }).set('If-Match', '"1"');
      expect(stale.status).toBe(412);
      expect((stale.body as Problem).code).toBe('PRECONDITION_FAILED');
    });

    it('refuses bad filings with field errors, and a repair application that is not the subject’s', async () => {
      const { id: recordId } = await record();
      const bad = await post('/objections', 'applicant-a', {
        ...fileBody(recordId),
        ground: 'nonsense',
        commitment: { content: COMMITMENT.content, consent: false },
      });
      expect(bad.status).toBe(400);
      expect(new Set(bad.body.errors.map((e: { field: string }) => e.field))).toEqual(
        new Set(['ground', 'commitment.consent']),
      );
      // Materials take the repair application's shape, {fileId, category}: a bare id or an unknown category is
      // refused per field, naming the categories.
      const bareIds = await post('/objections', 'applicant-a', {
        ...fileBody(recordId),
        materials: [recordId, { fileId: recordId, category: 'correction_proof' }],
      });
      expect(bareIds.status).toBe(400);
      expect(bareIds.body.errors).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field: 'materials.0' }),
          expect.objectContaining({
            field: 'materials.1.category',
            message: expect.stringContaining('evidence, identity, power_of_attorney, other'),
          }),
        ]),
      );
      const misplaced = await post('/objections', 'applicant-a', {
        ...fileBody(recordId),
        repairApplicationId: recordId,
      });
      expect(misplaced.status).toBe(400);
      expect(misplaced.body.errors).toEqual([expect.objectContaining({ field: 'repairApplicationId' })]);
      const unknown = await post('/objections', 'applicant-a', {
        ...fileBody(recordId),
        ground: 'repair_result',
        repairApplicationId: recordId,
      });
      expect(unknown.status).toBe(404);
      expect((unknown.body as Problem).code).toBe('OBJECTION.REPAIR_APPLICATION_UNKNOWN');
      const byStaff = await post('/objections', 'officer-xuyi', fileBody(recordId));
      expect(byStaff.status).toBe(403);
    });

    it('lists what each user may see, with filters, and answers a retried filing once', async () => {
      const { id: recordId } = await record();
      const send = () =>
        post('/objections', 'applicant-a', fileBody(recordId)).set(
          'Idempotency-Key',
          `objection-${recordId}`,
        );
      const first = await send().expect(201);
      const retry = await send().expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body.id).toBe(first.body.id);

      const admission = await get('/objections?state=admission&pageSize=200', 'officer-xuyi').expect(200);
      expect(admission.body.items.map((i: { id: string }) => i.id)).toContain(first.body.id);
      expect(admission.body.items[0]).toMatchObject({
        state: 'admission',
        open: true,
        groundLabel: expect.any(Object),
        due: { clock: 'acceptance' },
      });
      expect((await get('/objections', 'officer-ziyang').expect(200)).body.total).toBe(0);
      const bad = await get('/objections?state=nonsense', 'officer-xuyi');
      expect(bad.status).toBe(400);
    });
  });

  describe('time', () => {
    it('refuses an appeal after the window with the date it closed, and finalises the case when it expires', async () => {
      t.clock.set(new Date('2026-06-01T02:00:00Z')); // Mon 10:00 Beijing
      const { id: recordId } = await record();
      const id = await accepted(recordId);
      const answered = await act(id, 'uphold', 'officer-xuyi', {
        outcome: 'maintain',
        reasons: ['准确'],
        legalBasis: LEGAL,
      }).expect(200);
      // Five working days after Monday's answer: Tue … Fri, then Monday 06-08 (the weekend is not counted).
      expect(answered.body.appealWindow).toMatchObject({ closesOn: '2026-06-08', open: true });

      t.clock.set(new Date('2026-06-09T02:00:00Z'));
      const late = await act(id, 'appeal', 'applicant-a', { statement: '不服' });
      expect(late.status).toBe(409);
      expect(late.body).toMatchObject({
        code: 'OBJECTION.APPEAL_WINDOW_CLOSED',
        windowClosedOn: '2026-06-08',
        windowClosedAt: '2026-06-08T16:00:00.000Z',
      });

      await t.app.get(TimerWorker).fireDue();
      const closed = await get(`/objections/${id}`, 'applicant-a').expect(200);
      expect(closed.body).toMatchObject({
        state: ['closed'],
        status: 'done',
        data: { closure: { reason: 'appeal-window-elapsed' } },
        appealWindow: { open: false },
      });
      const after = await act(id, 'appeal', 'applicant-a', { statement: '不服' });
      expect(after.body).toMatchObject({
        code: 'OBJECTION.APPEAL_WINDOW_CLOSED',
        windowClosedOn: '2026-06-08',
        windowClosedAt: '2026-06-08T16:00:00.000Z',
      });
    });

    it('shows an overdue verification in the authority’s queue and in its parent’s', async () => {
      t.clock.set(new Date('2026-06-09T02:00:00Z'));
      const { id: recordId } = await record();
      const id = await accepted(recordId);
      const view = await get(`/objections/${id}`, 'officer-xuyi').expect(200);
      const due = view.body.clocks.find((c: { name: string }) => c.name === 'verification').dueDate as string;
      // Ten working days from Tuesday 06-09, over the Dragon Boat holiday (06-19 … 06-21).
      expect(due).toBe('2026-06-24');

      t.clock.set(new Date('2026-06-26T02:00:00Z'));
      await t.app.get(TimerWorker).fireDue();
      const overdue = (user: string) =>
        get('/deadlines?status=overdue&caseType=objection&pageSize=200', user).expect(200);
      for (const user of ['officer-xuyi', 'officer-huaian', 'auditor-province'])
        expect((await overdue(user)).body.items).toEqual(
          expect.arrayContaining([
            expect.objectContaining({
              caseId: id,
              clock: 'verification',
              overdue: true,
              dueDate: '2026-06-24',
            }),
          ]),
        );
      const elsewhere = await overdue('officer-ziyang');
      expect(elsewhere.body.items.map((i: { caseId: string }) => i.caseId)).not.toContain(id);

      const queue = await get('/work-items?due=overdue&type=objection&pageSize=200', 'officer-xuyi').expect(
        200,
      );
      expect(queue.body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ caseId: id, due: expect.objectContaining({ overdue: true }) }),
        ]),
      );
      const listed = await get('/objections?due=overdue&pageSize=200', 'officer-xuyi').expect(200);
      expect(listed.body.items.map((i: { id: string }) => i.id)).toContain(id);
      const after = await get(`/objections/${id}`, 'officer-xuyi').expect(200);
      expect(after.body.clocks.find((c: { name: string }) => c.name === 'verification')).toMatchObject({
        overdue: true,
      });
    });

    it('sends the appeal to the authority one level up when the authority’s setting says so', async () => {
      await t.app.get(AuthorityPolicies).add(
        {
          key: 'objection.appeal-decided-by',
          authorityCode: '320830',
          value: 'parent-authority',
          effectiveFrom: '2026-06-01',
          reason: '盱眙县异议复核由淮安市交通运输局办理',
        },
        'admin',
      );
      const { id: recordId, decisionNumber } = await record();
      const id = await accepted(recordId);
      await act(id, 'uphold', 'officer-xuyi', {
        outcome: 'maintain',
        reasons: ['准确'],
        legalBasis: LEGAL,
      }).expect(200);
      const appeal = await act(id, 'appeal', 'applicant-a', { statement: '不服' }).expect(200);
      expect(appeal.body).toMatchObject({
        authorityCode: '320800',
        data: {
          handlingAuthority: { code: '320800', name: '淮安市交通运输局' },
          appeal: {
            decidedBy: 'parent-authority',
            setting: { value: 'parent-authority', authorityCode: '320830' },
          },
        },
      });
      // The case moves to the city's queue (案件移送); the county's reviewer may no longer decide it.
      const queue = await get('/work-items?type=objection', 'reviewer-huaian').expect(200);
      expect(queue.body.items.map((i: { caseId: string }) => i.caseId)).toContain(id);
      expect(
        (
          await act(id, 'decide-appeal', 'reviewer-xuyi', {
            outcome: 'upheld',
            reasons: ['x'],
            legalBasis: LEGAL,
          })
        ).status,
      ).toBe(404);
      await act(id, 'decide-appeal', 'reviewer-huaian', {
        outcome: 'overturned',
        newOutcome: 'remove',
        reasons: ['该信息不应公示。'],
        legalBasis: LEGAL,
      }).expect(200);
      await settle();
      expect(await publicRecord(decisionNumber)).toBeUndefined();
      const notice = await get(`/objections/${id}`, 'applicant-a').expect(200);
      expect(notice.body.notice).toMatchObject({ kind: 'appeal-decision' });
      await get(`/objections/${id}/notice.pdf`, 'reviewer-huaian').expect(200);
    });
  });
});
