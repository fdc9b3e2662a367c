import { DEMO_SUBJECTS } from '@credence/identity';
import { buildUscc } from '@credence/shared';
import { CaseEngine, ReactionRunner, TimerWorker, type WorkflowActor } from '@credence/workflow';
import { samplePdf } from '../../libs/materials/src/testing/sample-files';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda; // applicant-a's company
const D_GRADED = {
  type: 'legal_person',
  code: buildUscc('91', '320830', 'MA1XYD01'),
  name: '盱眙丁级运输有限公司',
};
const BLACK_LISTED = {
  type: 'legal_person',
  code: buildUscc('91', '320830', 'MA1XYB01'),
  name: '盱眙黑名单物流有限公司',
};
const MATTER = '道路运输经营许可';
const MISSING = ['车辆技术等级评定证明', '驾驶员从业资格证'];
const LICENCE = {
  kind: 'external_licence',
  reference: '苏交运许〔2026〕8号',
  description: '道路运输经营许可证',
};

interface Reason {
  code: string;
}
interface Consequence {
  kind: string;
  status: string;
  breachEventId: string;
  recordId?: string;
  decisionNumber?: string;
  linked?: { kind: string; reference: string };
}

/** Credit commitments, grades, lists and fast tracks (issue #6) through HTTP, with the worker's timers and reactions. */
describe('credit commitments and fast tracks (e2e)', () => {
  let t: TestApp;
  let officer: string;
  let reviewer: string;
  let applicant: string;
  let otherApplicant: string;
  let admin: string;
  let auditor: string;
  let otherOfficer: string;
  let serial = 0;

  const as = (token: string) => authed(t, token);
  const fastTrack = async (code: string, token = officer, query = `matter=${encodeURIComponent(MATTER)}`) =>
    (await as(token).get(`/api/v1/subjects/${code}/fast-track?${query}`).expect(200)).body as {
      tracks: Record<string, { allowed: boolean; reasons: Reason[] }>;
      deadlineReductionPercent: number;
      gradeSnapshot: { consideredGrade: string; unrepairedBreaches: unknown[] };
      policy: { key: string; settingId: string };
    };
  const codes = (reasons: Reason[]) => reasons.map((r) => r.code);
  const grade = (code: string, value: string, evaluatedOn = '2026-03-31') =>
    as(officer).post(`/api/v1/subjects/${code}/grades`, {
      grade: value,
      scheme: 'highway-construction',
      evaluatedOn,
      reference: '苏交建〔2026〕12号',
    });
  const missingMaterials = (promisedBy: string, extra: object = {}) => ({
    type: 'missing_materials',
    authorityCode: '320830',
    matter: MATTER,
    field: 'road_transport',
    promisedMaterials: MISSING,
    promisedBy,
    linked: LICENCE,
    consentToPublish: true,
    ...extra,
  });
  async function upload(token: string) {
    serial += 1;
    const res = await t.http
      .post('/api/v1/files')
      .auth(token, { type: 'bearer' })
      .attach('file', samplePdf(`commitment-${serial}`), `材料${serial}.pdf`)
      .expect(201);
    return res.body as { id: string; sha256: string };
  }
  const commitment = async (id: string, token = officer) =>
    (await as(token).get(`/api/v1/commitments/${id}`).expect(200)).body;
  const publicRecords = async (code = SUBJECT.code) =>
    (await t.http.get(`/api/v1/public/subjects/${code}/records`).expect(200)).body.records as {
      decisionNumber: string;
      kind: string;
      severity: string;
      facts: string;
    }[];
  const publicCommitments = async (code = SUBJECT.code) =>
    (await t.http.get(`/api/v1/public/subjects/${code}/commitments`).expect(200)).body.commitments as {
      caseNumber: string;
      status: string;
      statusLabel: { zh: string };
      breachRecord: { decisionNumber: string } | null;
      promises: string[];
    }[];
  const drain = () => t.app.get(ReactionRunner).drain();
  const fire = () => t.app.get(TimerWorker).fireDue();

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    [officer, reviewer, applicant, otherApplicant, admin, auditor, otherOfficer] = await Promise.all(
      [
        'officer-xuyi',
        'reviewer-xuyi',
        'applicant-a',
        'applicant-b',
        'admin',
        'auditor-province',
        'officer-ziyang',
      ].map((u) => loginAs(t, u)),
    );
  });
  afterAll(() => t.close());

  describe('grades and list entries', () => {
    it('are recorded by staff with the subject code’s check digits verified', async () => {
      const res = await grade(SUBJECT.code, 'AA').expect(201);
      expect(res.body).toMatchObject({
        grade: 'AA',
        scheme: 'highway-construction',
        authorityCode: '320830',
      });
      const bad = `${SUBJECT.code.slice(0, 17)}${SUBJECT.code.endsWith('0') ? '1' : '0'}`;
      expect((await grade(bad, 'AA').expect(400)).body.code).toBe('SUBJECT_CODE_INVALID');
      await as(applicant)
        .post(`/api/v1/subjects/${SUBJECT.code}/grades`, {
          grade: 'AA',
          scheme: 'highway-construction',
          evaluatedOn: '2026-03-31',
        })
        .expect(403);
      expect((await grade(SUBJECT.code, 'A', '2026-07-01').expect(422)).body.code).toBe(
        'COMMITMENT.EVALUATION_IN_FUTURE',
      );
    });

    it('are read by staff and by the subject itself; another subject gets 404', async () => {
      const own = await as(applicant).get(`/api/v1/subjects/${SUBJECT.code}/grades`).expect(200);
      expect(own.body.map((g: { grade: string }) => g.grade)).toEqual(['AA']);
      await as(otherApplicant).get(`/api/v1/subjects/${SUBJECT.code}/grades`).expect(404);
      await as(otherApplicant)
        .get(`/api/v1/subjects/${SUBJECT.code}/fast-track?authority=320830`)
        .expect(404);
      await as(auditor).get(`/api/v1/subjects/${SUBJECT.code}/list-entries`).expect(200);
    });

    it('list entries carry their validity and say whether they are in force', async () => {
      const res = await as(officer)
        .post(`/api/v1/subjects/${BLACK_LISTED.code}/list-entries`, {
          list: 'black',
          validFrom: '2026-05-01',
          validUntil: '2029-04-30',
          reason: '提供虚假材料取得道路运输经营许可',
          reference: '盱交罚〔2026〕20号',
          subjectName: BLACK_LISTED.name,
        })
        .expect(201);
      expect(res.body).toMatchObject({ list: 'black', active: true, authorityCode: '320830' });
      const reversed = await as(officer)
        .post(`/api/v1/subjects/${BLACK_LISTED.code}/list-entries`, {
          list: 'red',
          validFrom: '2026-05-01',
          validUntil: '2026-04-30',
          reason: '…',
        })
        .expect(422);
      expect(reversed.body.code).toBe('COMMITMENT.VALIDITY_BEFORE_START');
    });
  });

  describe('fast tracks (信易批)', () => {
    it('offers an AA-graded subject 容缺 and 告知承诺 with shorter internal deadlines, and says why', async () => {
      const answer = await fastTrack(SUBJECT.code);
      expect(answer.tracks.missing_materials.allowed).toBe(true);
      expect(codes(answer.tracks.missing_materials.reasons)).toEqual(['ALLOWED_FOR_GRADE']);
      expect(answer.tracks.approval_substitution.allowed).toBe(true);
      expect(answer.deadlineReductionPercent).toBe(30);
      expect(answer.gradeSnapshot.consideredGrade).toBe('AA');
      expect(answer.policy.key).toBe('fast-track.policy');
    });

    it('an applicant names the authority it applies to', async () => {
      const res = await as(applicant).get(`/api/v1/subjects/${SUBJECT.code}/fast-track`).expect(422);
      expect(res.body.code).toBe('COMMITMENT.AUTHORITY_REQUIRED');
      const answer = await fastTrack(
        SUBJECT.code,
        applicant,
        `authority=320830&matter=${encodeURIComponent(MATTER)}`,
      );
      expect(answer.tracks.missing_materials.allowed).toBe(true);
    });

    it('refuses a D-graded subject 容缺, naming the grade, and refuses the commitment with a coded 422', async () => {
      await grade(D_GRADED.code, 'D').expect(201);
      const answer = await fastTrack(D_GRADED.code);
      expect(answer.tracks.missing_materials.allowed).toBe(false);
      expect(codes(answer.tracks.missing_materials.reasons)).toEqual(['GRADE_D']);
      const res = await as(officer)
        .post(
          '/api/v1/commitments',
          missingMaterials('2026-06-30', { subject: D_GRADED, authorityCode: undefined }),
        )
        .expect(422);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.body.code).toBe('COMMITMENT.FAST_TRACK_NOT_ALLOWED');
      expect(res.body.reasons).toEqual(['GRADE_D']);
      expect(res.body.gradeSnapshot.consideredGrade).toBe('D');
    });

    it('refuses a black-listed subject 告知承诺 and 容缺, naming the list', async () => {
      const answer = await fastTrack(BLACK_LISTED.code);
      expect(codes(answer.tracks.missing_materials.reasons)).toEqual(['BLACK_LIST']);
      expect(codes(answer.tracks.approval_substitution.reasons)).toEqual(['BLACK_LIST']);
      const res = await as(officer)
        .post('/api/v1/commitments', {
          type: 'approval_substitution',
          subject: BLACK_LISTED,
          matter: MATTER,
          consentToPublish: true,
        })
        .expect(422);
      expect(res.body.reasons).toEqual(['BLACK_LIST']);
    });
  });

  describe('a 容缺 commitment whose date passes', () => {
    let id: string;
    let caseNumber: string;
    let recordId: string;

    it('is signed (published with consent), recording the grade snapshot it was decided on', async () => {
      const res = await as(applicant).post('/api/v1/commitments', missingMaterials('2026-06-10')).expect(201);
      id = res.body.id;
      caseNumber = res.body.data.caseNumber;
      expect(caseNumber).toMatch(/^CN-320830-2026-\d{6}$/);
      expect(res.body.state).toEqual(['published']);
      expect(res.body.data.items.map((i: { code: string }) => i.code)).toContain('accept_inspection');
      expect(res.body.trail[0]).toMatchObject({
        eventType: 'CommitmentSigned',
        gradeSnapshot: expect.objectContaining({ consideredGrade: 'AA' }),
      });
      expect((await publicCommitments()).find((c) => c.caseNumber === caseNumber)?.status).toBe('promised');
    });

    it('takes effect when the authority relies on it: the promised date is the due date, withdrawal is over', async () => {
      const res = await as(officer)
        .post(`/api/v1/commitments/${id}/take-effect`, { opinion: '容缺受理' })
        .expect(200);
      expect(res.body.state).toEqual(['inForce.awaitingMaterials']);
      expect(res.body.data.checkDue).toEqual({ date: '2026-06-10', at: '2026-06-10T16:00:00.000Z' });
      expect(res.body.timers).toEqual([
        { name: 'fulfilment-due', eventType: 'PromisedMaterialsOverdue', dueAt: '2026-06-10T16:00:00.000Z' },
      ]);
      expect(res.body.workItem.roles).toEqual(['applicant']);
      // Relying on a fast-track promise is a decision the grade influenced: it keeps the snapshot it saw.
      expect(res.body.trail.at(-1).gradeSnapshot).toMatchObject({ consideredGrade: 'AA', lists: [] });
      expect((await as(applicant).post(`/api/v1/commitments/${id}/withdraw`).expect(409)).body).toMatchObject(
        {
          code: 'WORKFLOW.NOT_IN_THIS_STATE',
          title:
            '本案当前为「履行中，待补交材料」，不能撤回承诺；撤回承诺只能在案件处于「已签署，未公示」或「已签署，公示中」时办理',
        },
      );
    });

    it('accepts a first material, refuses a file for something not promised', async () => {
      const file = await upload(applicant);
      const wrong = await as(applicant)
        .post(`/api/v1/commitments/${id}/supply-materials`, {
          materials: [{ fileId: file.id, item: '营业执照' }],
        })
        .expect(422);
      expect(wrong.body.code).toBe('COMMITMENT.UNKNOWN_PROMISED_ITEM');
      const res = await as(applicant)
        .post(`/api/v1/commitments/${id}/supply-materials`, {
          materials: [{ fileId: file.id, item: MISSING[0] }],
        })
        .expect(200);
      expect(res.body.state).toEqual(['inForce.awaitingMaterials']);
      expect(res.body.trail.at(-1).materials).toEqual([{ id: file.id, sha256: file.sha256 }]);
    });

    it('is breached by the system at 24:00 Beijing of the promised date, not a second before', async () => {
      t.clock.set(new Date('2026-06-10T15:59:59Z'));
      expect(await fire()).toBe(0);
      t.clock.set(new Date('2026-06-10T16:00:00Z'));
      expect(await fire()).toBe(1);
      const view = await commitment(id);
      expect(view.state).toEqual(['breached']);
      expect(view.data.outcome).toMatchObject({
        result: 'breached',
        automatic: true,
        ground: 'materials_not_supplied',
        by: 'system',
      });
      const late = await upload(applicant);
      await as(applicant)
        .post(`/api/v1/commitments/${id}/supply-materials`, {
          materials: [{ fileId: late.id, item: MISSING[1] }],
        })
        .expect(409);
    });

    it('its consequences follow, each an event naming the breach: the 违诺 record, the revocation notice, the re-evaluation', async () => {
      await drain();
      const view = await commitment(id);
      const breachEventId = view.trail.find(
        (s: { eventType: string }) => s.eventType === 'PromisedMaterialsOverdue',
      ).eventId as string;
      const consequences = view.data.consequences as Consequence[];
      expect(consequences.map((c) => [c.kind, c.status])).toEqual([
        ['breach-record', 'done'],
        ['linked-revocation', 'requested'],
        ['grade-re-evaluation', 'requested'],
      ]);
      expect(consequences.every((c) => c.breachEventId === breachEventId)).toBe(true);
      expect(consequences[0].decisionNumber).toBe(`违诺〔${caseNumber}〕`);
      recordId = consequences[0].recordId!;
      expect(view.deliveries.map((d: { topic: string }) => d.topic).sort()).toEqual([
        'commitment.revoke-linked-decision',
        'grade.re-evaluation-requested',
      ]);
      const { rows } = await t.database.superuser.query<{
        payload: { linked: unknown; notice: { zh: string } };
      }>(`SELECT payload FROM outbox WHERE case_id = $1 AND topic = 'commitment.revoke-linked-decision'`, [
        id,
      ]);
      expect(rows[0].payload.linked).toEqual(LICENCE);
      expect(rows[0].payload.notice.zh).toContain('应当依法撤销');
    });

    it('the 违诺 record is in the registry, registered by the system for the authority, and published', async () => {
      const record = (await as(officer).get(`/api/v1/credit-records/${recordId}`).expect(200)).body;
      expect(record.record).toMatchObject({
        kind: 'other',
        severity: 'general',
        decisionNumber: `违诺〔${caseNumber}〕`,
        decisionDate: '2026-06-11',
        authorityCode: '320830',
        subject: { code: SUBJECT.code, name: SUBJECT.name },
      });
      expect(record.record.facts).toContain('未在承诺期限内补交材料');
      const published = (await publicRecords()).find((r) => r.decisionNumber === `违诺〔${caseNumber}〕`);
      expect(published).toMatchObject({ kind: 'other', severity: 'general' });
      const shown = (await publicCommitments()).find((c) => c.caseNumber === caseNumber);
      expect(shown).toMatchObject({
        status: 'breached',
        statusLabel: { zh: '已违诺' },
        breachRecord: { decisionNumber: `违诺〔${caseNumber}〕` },
      });
    });

    it('the subject loses 容缺 and 告知承诺 while the breach record stands', async () => {
      const answer = await fastTrack(SUBJECT.code);
      expect(answer.tracks.missing_materials.allowed).toBe(false);
      expect(codes(answer.tracks.missing_materials.reasons)).toEqual(['UNREPAIRED_BREACH']);
      expect(codes(answer.tracks.approval_substitution.reasons)).toEqual(['UNREPAIRED_BREACH']);
      expect(answer.deadlineReductionPercent).toBe(0);
      const res = await as(applicant).post('/api/v1/commitments', missingMaterials('2026-06-30')).expect(422);
      expect(res.body.reasons).toEqual(['UNREPAIRED_BREACH']);
    });

    it('counts in the breach statistics of its authority and month, for those who may see it', async () => {
      const mine = (
        await as(officer).get('/api/v1/commitments/breaches?authority=320830&month=2026-06').expect(200)
      ).body;
      expect(mine.total).toBe(1);
      expect(mine.groups[0]).toMatchObject({
        authorityCode: '320830',
        month: '2026-06',
        breaches: 1,
        automatic: 1,
        byType: { missing_materials: 1 },
        byGround: { materials_not_supplied: 1 },
      });
      const province = (await as(auditor).get('/api/v1/commitments/breaches?authority=320000').expect(200))
        .body;
      expect(province.total).toBe(1);
      expect((await as(otherOfficer).get('/api/v1/commitments/breaches').expect(200)).body.total).toBe(0);
      expect(
        (await as(officer).get('/api/v1/commitments/breaches?month=2026-05').expect(200)).body.total,
      ).toBe(0);
      await as(applicant).get('/api/v1/commitments/breaches').expect(403);
    });

    it('carries out each consequence once, even when the reaction replays its history', async () => {
      await t.database.superuser.query(
        `UPDATE subscription_checkpoints SET transaction_id = '0', global_position = 0
          WHERE name = 'reaction:commitment-breach-effects'`,
      );
      await drain();
      const view = await commitment(id);
      expect((view.data.consequences as Consequence[]).length).toBe(3);
      const { rows } = await t.database.superuser.query(
        `SELECT (SELECT count(*) FROM credit_records WHERE decision_number = $1)::int AS records,
                (SELECT count(*) FROM outbox WHERE case_id = $2)::int AS outbox`,
        [`违诺〔${caseNumber}〕`, id],
      );
      expect(rows[0]).toEqual({ records: 1, outbox: 2 });
    });

    it('once the breach record is repaired, eligibility is back and the breach leaves the public views', async () => {
      const adminActor: WorkflowActor = {
        id: 'admin',
        role: 'admin',
        authorityCode: null,
        authorityPath: null,
        subjectCode: null,
      };
      await t.app.get(CaseEngine).execute({
        caseType: 'creditRecord',
        caseId: recordId,
        eventType: 'CreditRecordRepaired',
        data: { reasons: ['已补交材料并纠正失信行为'] },
        actor: adminActor,
        origin: { correlationId: 'commitments-e2e' },
      });
      const answer = await fastTrack(SUBJECT.code);
      expect(answer.tracks.missing_materials.allowed).toBe(true);
      expect(answer.gradeSnapshot.unrepairedBreaches).toEqual([]);
      expect((await publicRecords()).map((r) => r.decisionNumber)).not.toContain(`违诺〔${caseNumber}〕`);
      expect((await publicCommitments()).map((c) => c.caseNumber)).not.toContain(caseNumber);
      // Staff and auditors still see the whole history.
      expect((await commitment(id, auditor)).state).toEqual(['breached']);
    });
  });

  describe('a 容缺 commitment kept before its date', () => {
    it('is fulfilled when the last promised material arrives, and nothing happens when the date passes', async () => {
      t.clock.set(new Date('2026-06-11T02:00:00Z'));
      const signed = await as(applicant)
        .post('/api/v1/commitments', missingMaterials('2026-06-20'))
        .expect(201);
      const id = signed.body.id as string;
      await as(officer).post(`/api/v1/commitments/${id}/take-effect`).expect(200);
      const files = await Promise.all([upload(applicant), upload(applicant)]);
      const res = await as(applicant)
        .post(`/api/v1/commitments/${id}/supply-materials`, {
          materials: files.map((f, i) => ({ fileId: f.id, item: MISSING[i] })),
        })
        .expect(200);
      expect(res.body.state).toEqual(['fulfilled']);
      expect(res.body.data.outcome).toMatchObject({ result: 'fulfilled', automatic: true });
      expect(res.body.timers).toEqual([]);
      t.clock.set(new Date('2026-06-21T02:00:00Z'));
      await fire();
      await drain();
      const view = await commitment(id);
      expect(view.state).toEqual(['fulfilled']);
      expect(view.data.consequences).toEqual([]);
      expect((await publicRecords()).map((r) => r.decisionNumber)).not.toContain(
        `违诺〔${signed.body.data.caseNumber}〕`,
      );
      const shown = (await publicCommitments()).find((c) => c.caseNumber === signed.body.data.caseNumber);
      expect(shown).toMatchObject({ status: 'fulfilled', statusLabel: { zh: '已践诺' }, breachRecord: null });
    });
  });

  describe('a 告知承诺 checked after the licence', () => {
    let id: string;

    it('uses the authority’s check period for the matter and shows in the checks due', async () => {
      await as(admin)
        .post('/api/v1/authority-policies', {
          key: 'commitment.check-days',
          authorityCode: '320830',
          value: { defaultDays: 60, matters: { 道路货物运输经营许可: 30 } },
          effectiveFrom: '2026-06-01',
          reason: '盱眙县告知承诺事项践诺核查办法',
        })
        .expect(201);
      await as(admin)
        .post('/api/v1/authority-policies', {
          key: 'commitment.breach-severity',
          authorityCode: '320830',
          value: 'serious',
          effectiveFrom: '2026-06-01',
          reason: '告知承诺虚假承诺按严重失信认定',
        })
        .expect(201);
      const signed = await as(officer)
        .post('/api/v1/commitments', {
          type: 'approval_substitution',
          subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
          matter: '道路货物运输经营许可',
          field: 'road_transport',
          specificPromises: ['车辆符合国家规定的技术标准'],
          consentToPublish: false,
        })
        .expect(201);
      id = signed.body.id;
      expect(signed.body.state).toEqual(['signed']);
      expect((await publicCommitments()).map((c) => c.caseNumber)).not.toContain(signed.body.data.caseNumber);
      const res = await as(reviewer)
        .post(`/api/v1/commitments/${id}/take-effect`, {
          linked: { ...LICENCE, reference: '苏交运许〔2026〕9号' },
        })
        .expect(200);
      expect(res.body.state).toEqual(['inForce.awaitingCheck']);
      expect(res.body.data.checkDue.date).toBe('2026-07-21'); // 30 calendar days after 06-21
      const { rows } = await t.database.superuser.query<{
        policy: { authorityCode: string; value: unknown };
      }>(
        `SELECT data->'checkDaysPolicy' AS policy FROM events
          WHERE stream_id = $1 AND type = 'CommitmentTookEffect'`,
        [`commitment-${id}`],
      );
      expect(rows[0].policy).toMatchObject({ authorityCode: '320830', value: { defaultDays: 60 } });
      const due = (await as(officer).get('/api/v1/commitments/due-for-checking?withinDays=30').expect(200))
        .body;
      expect(due.dueSoon.map((c: { id: string }) => c.id)).toContain(id);
      expect(due.overdue).toEqual([]);
    });

    it('is flagged overdue when the check date passes unchecked', async () => {
      t.clock.set(new Date('2026-07-21T16:00:00Z'));
      expect(await fire()).toBe(1);
      const view = await commitment(id);
      expect(view.state).toEqual(['inForce.awaitingCheck']);
      expect(view.data.checkOverdue).toBe(true);
      const due = (await as(officer).get('/api/v1/commitments/due-for-checking').expect(200)).body;
      expect(due.overdue.map((c: { id: string }) => c.id)).toContain(id);
      expect(
        (await as(otherOfficer).get('/api/v1/commitments/due-for-checking').expect(200)).body.overdue,
      ).toEqual([]);
    });

    it('a breach found on the check registers the record at the authority’s severity and asks for the licence’s revocation', async () => {
      await as(officer)
        .post(`/api/v1/commitments/${id}/start-check`, {
          method: 'on_site_inspection',
          description: '实地核查车辆',
        })
        .expect(200);
      const res = await as(officer)
        .post(`/api/v1/commitments/${id}/record-breach`, {
          ground: 'false_commitment',
          findings: '两辆车辆技术等级不符合承诺',
          legalBasis:
            '《国务院办公厅关于全面推行证明事项和涉企经营许可事项告知承诺制的指导意见》（国办发〔2020〕42号）',
        })
        .expect(200);
      expect(res.body.state).toEqual(['breached']);
      expect(res.body.trail.at(-1)).toMatchObject({ reasonCodes: ['false_commitment'], outcome: 'breached' });
      await drain();
      const view = await commitment(id);
      const [record, revocation] = view.data.consequences as Consequence[];
      expect(revocation.linked).toMatchObject({ kind: 'external_licence', reference: '苏交运许〔2026〕9号' });
      const registered = (await as(officer).get(`/api/v1/credit-records/${record.recordId}`).expect(200))
        .body;
      expect(registered.record.severity).toBe('serious');
      expect(registered.record.facts).toContain('两辆车辆技术等级不符合承诺');
      const step = view.trail.find((s: { eventType: string }) => s.eventType === 'BreachRecordRegistered');
      expect(step.actor.role).toBe('system');
    });
  });

  // Repair commitments, made within the repair application: repair-commitments.e2e-spec.ts.
  describe('withdrawal and ownership', () => {
    it('a voluntary commitment is public until withdrawn; others cannot see or act on it', async () => {
      const signed = await as(applicant)
        .post('/api/v1/commitments', {
          type: 'voluntary',
          authorityCode: '320830',
          specificPromises: ['全年不发生超限超载运输'],
          consentToPublish: true,
        })
        .expect(201);
      const { id, data } = signed.body as { id: string; data: { caseNumber: string } };
      expect((await publicCommitments()).find((c) => c.caseNumber === data.caseNumber)?.promises).toContain(
        '全年不发生超限超载运输',
      );
      await as(otherApplicant).get(`/api/v1/commitments/${id}`).expect(404);
      await as(otherOfficer).get(`/api/v1/commitments/${id}`).expect(404);
      await as(otherApplicant).post(`/api/v1/commitments/${id}/withdraw`).expect(404);
      const res = await as(applicant)
        .post(`/api/v1/commitments/${id}/withdraw`, { reasons: ['经营计划调整', '不再申请该事项'] })
        .expect(200);
      expect(res.body.state).toEqual(['withdrawn']);
      expect(res.body.trail.at(-1)).toMatchObject({ reasons: ['经营计划调整', '不再申请该事项'] });
      expect((await publicCommitments()).map((c) => c.caseNumber)).not.toContain(data.caseNumber);
      const mine = (await as(applicant).get('/api/v1/commitments?outcome=withdrawn').expect(200)).body;
      expect(mine.items.map((c: { id: string }) => c.id)).toEqual([id]);
    });

    it('refuses a commitment for another subject, a 容缺 date in the past, and a bad code in the public view', async () => {
      expect(
        (
          await as(applicant)
            .post('/api/v1/commitments', {
              ...missingMaterials('2026-08-01'),
              subject: {
                type: 'legal_person',
                code: DEMO_SUBJECTS.ziyangAnshun.code,
                name: '资阳安顺物流有限公司',
              },
            })
            .expect(403)
        ).body.code,
      ).toBe('COMMITMENT.OWN_SUBJECT_ONLY');
      expect(
        (await as(applicant).post('/api/v1/commitments', missingMaterials('2026-07-01')).expect(422)).body
          .code,
      ).toBe('COMMITMENT.PROMISED_DATE_PASSED');
      await t.http.get('/api/v1/public/subjects/91320830MA1XY0012X/commitments').expect(400);
    });
  });
});
