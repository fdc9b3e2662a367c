import { DEMO_SUBJECTS } from '@credence/identity';
import { ReactionRunner } from '@credence/workflow';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const SUBJECT = DEMO_SUBJECTS.xuyiTongda; // applicant-a's company
const PROMISE = '本单位承诺已纠正失信行为，今后严格遵守道路运输法规，不再发生超限运输。';
const LEGAL = '《信用修复管理办法》（国家发展和改革委员会令第36号）第十二条';

interface CommitmentView {
  id: string;
  state: string[];
  workItem: { roles: string[] } | null;
  data: {
    caseNumber: string;
    type: string;
    items: { code: string; text: string }[];
    linked: { kind: string; reference: string };
    checkDue: { date: string } | null;
    lapse: { reason: string; label: { zh: string } } | null;
    consequences: { kind: string; status: string }[];
  };
}

/**
 * The repair link of issue #6 through HTTP: the repair commitment is a commitment case made within the application,
 * submission needs it standing, it takes effect on approval and lapses otherwise, and its breach revokes the repair.
 */
describe('repair commitments (e2e)', () => {
  let t: TestApp;
  let officer: string;
  let reviewer: string;
  let applicant: string;
  let serial = 0;

  const as = (token: string) => authed(t, token);
  const drain = () => t.app.get(ReactionRunner).drain();
  const commitment = async (id: string) =>
    (await as(officer).get(`/api/v1/commitments/${id}`).expect(200)).body as CommitmentView;
  const application = async (id: string) =>
    (await as(officer).get(`/api/v1/repair-applications/${id}`).expect(200)).body;
  const publicCommitments = async () =>
    (await t.http.get(`/api/v1/public/subjects/${SUBJECT.code}/commitments`).expect(200)).body
      .commitments as { caseNumber: string; status: string }[];
  const publicRecords = async () =>
    (await t.http.get(`/api/v1/public/subjects/${SUBJECT.code}/records`).expect(200)).body.records as {
      decisionNumber: string;
      kind: string;
    }[];

  /** A general record of the demo subject, decided early enough to be repairable now. */
  async function record() {
    serial += 1;
    const res = await as(officer)
      .post('/api/v1/credit-records', {
        subject: { type: 'legal_person', code: SUBJECT.code, name: SUBJECT.name },
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        decisionNumber: `盱交罚〔2026〕C${serial}号`,
        decisionDate: '2026-01-05',
        facts: '超限运输。',
        legalBasis: '《公路安全保护条例》第六十六条',
      })
      .expect(201);
    return res.body.id as string;
  }
  const draft = (
    recordId: string,
    commitment: object | null = { content: PROMISE, consentToPublish: true },
  ) => as(applicant).post('/api/v1/repair-applications', { recordId, ...(commitment ? { commitment } : {}) });
  async function approved() {
    const recordId = await record();
    const id = (await draft(recordId).expect(201)).body.id as string;
    await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    await as(officer).post(`/api/v1/repair-applications/${id}/accept`).expect(200);
    await as(officer).post(`/api/v1/repair-applications/${id}/approve`, { legalBasis: LEGAL }).expect(200);
    await drain();
    return { recordId, id, commitmentId: (await application(id)).data.commitment.caseId as string };
  }

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    [officer, reviewer, applicant] = await Promise.all(
      ['officer-xuyi', 'reviewer-xuyi', 'applicant-a'].map((u) => loginAs(t, u)),
    );
  });
  afterAll(() => t.close());

  it('the draft makes the repair commitment a public commitment case linked to the application', async () => {
    const created = await draft(await record()).expect(201);
    const ref = created.body.data.commitment as { caseId: string; caseNumber: string; content: string };
    expect(ref.caseNumber).toMatch(/^CN-320830-2026-\d{6}$/);
    const view = await commitment(ref.caseId);
    expect(view.state).toEqual(['published']);
    expect(view.data.type).toBe('repair');
    expect(view.data.linked).toMatchObject({ kind: 'repair_application', reference: created.body.id });
    // The applicant's words join the standard promises, except a clean record (the record repaired is a violation).
    const promises = view.data.items.map((i) => i.code);
    expect(promises).toContain('specific');
    expect(promises).not.toContain('no_violations_3y');
    expect((await publicCommitments()).map((c) => c.caseNumber)).toContain(ref.caseNumber);
    // It waits on its application, not on staff: no work item in their queue, no action for them on it.
    expect(view.workItem).toBeNull();
    const queue = (await as(officer).get('/api/v1/work-items?type=commitment&pageSize=200').expect(200)).body
      .items as { caseId: string }[];
    expect(queue.map((i) => i.caseId)).not.toContain(ref.caseId);
  });

  it('is made only within an application, publicly: nothing is left behind by a refused filing', async () => {
    const direct = await as(applicant)
      .post('/api/v1/commitments', { type: 'repair', authorityCode: '320830', consentToPublish: true })
      .expect(422);
    expect(direct.body.code).toBe('COMMITMENT.REPAIR_COMMITMENT_IN_APPLICATION');
    const before = (await as(applicant).get('/api/v1/commitments?type=repair').expect(200)).body.total;
    const recordId = await record();
    const refused = await draft(recordId, { content: PROMISE, consentToPublish: false }).expect(422);
    expect(refused.body.code).toBe('COMMITMENT.CONSENT_REQUIRED');
    expect((await as(applicant).get('/api/v1/commitments?type=repair').expect(200)).body.total).toBe(before);
    // The record has no application either: a new filing for it goes through.
    await draft(recordId).expect(201);
  });

  it('submission requires the commitment; replacing it in the draft lets the old one lapse', async () => {
    const id = (await draft(await record(), null).expect(201)).body.id as string;
    const missing = await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(422);
    expect(missing.body.code).toBe('REPAIR.COMMITMENT_REQUIRED');

    const first = (
      await as(applicant)
        .post(`/api/v1/repair-applications/${id}/update-draft`, {
          commitment: { content: PROMISE, consentToPublish: true },
        })
        .expect(200)
    ).body.data.commitment as { caseId: string; caseNumber: string };
    const second = (
      await as(applicant)
        .post(`/api/v1/repair-applications/${id}/update-draft`, {
          commitment: { content: `${PROMISE}并按月报送运输台账。`, consentToPublish: true },
        })
        .expect(200)
    ).body.data.commitment as { caseId: string; caseNumber: string };
    expect(second.caseId).not.toBe(first.caseId);
    await drain();
    const old = await commitment(first.caseId);
    expect(old.state).toEqual(['lapsed']);
    expect(old.data.lapse).toMatchObject({ reason: 'replaced' });
    const shown = (await publicCommitments()).map((c) => c.caseNumber);
    expect(shown).not.toContain(first.caseNumber);
    expect(shown).toContain(second.caseNumber);

    const submitted = await as(applicant).post(`/api/v1/repair-applications/${id}/submit`).expect(200);
    expect(submitted.body.data.commitment.caseId).toBe(second.caseId);
  });

  it('the applicant cannot withdraw it apart from the application; the application ending lets it lapse', async () => {
    const created = (await draft(await record()).expect(201)).body;
    const commitmentId = created.data.commitment.caseId as string;
    const own = await as(applicant).post(`/api/v1/commitments/${commitmentId}/withdraw`).expect(403);
    expect(own.body.code).toBe('COMMITMENT.FOLLOWS_REPAIR_APPLICATION');
    expect(own.body.title).toContain('信用修复承诺随其修复申请办理');
    await as(applicant).post(`/api/v1/repair-applications/${created.id}/submit`).expect(200);
    await as(officer)
      .post(`/api/v1/repair-applications/${created.id}/refuse`, {
        reasonCodes: ['DUTIES_NOT_FULFILLED'],
        reasons: ['罚款尚未缴纳'],
        legalBasis: LEGAL,
      })
      .expect(200);
    await drain();
    const lapsed = await commitment(commitmentId);
    expect(lapsed.state).toEqual(['lapsed']);
    expect(lapsed.data.lapse).toMatchObject({ reason: 'application_not_accepted' });
    expect(lapsed.data.lapse!.label.zh).toBe('信用修复申请不予受理');
  });

  it('takes effect when the repair is approved, its check due after the matter’s period', async () => {
    const { id, commitmentId } = await approved();
    const view = await commitment(commitmentId);
    expect(view.state).toEqual(['inForce.awaitingCheck']);
    expect(view.data.checkDue!.date).toBe('2026-07-31'); // default 60 days from 2026-06-01
    const repair = await application(id);
    expect(repair.data.commitment.inForceFrom).toBeTruthy();
    expect(repair.commitmentState).toMatchObject({ state: 'inForce.awaitingCheck' });
    // Staff may not revoke for a broken commitment by hand: the breach is found on the commitment.
    const byHand = await as(reviewer)
      .post(`/api/v1/repair-applications/${id}/revoke`, {
        ground: 'commitment_broken',
        reasons: ['再次超限运输'],
        legalBasis: LEGAL,
      })
      .expect(422);
    expect(byHand.body.code).toBe('REPAIR.BREACH_THROUGH_COMMITMENT');
  });

  it('a repair commitment kept: fulfilment recorded, the repair stands', async () => {
    const { id, commitmentId } = await approved();
    await as(officer)
      .post(`/api/v1/commitments/${commitmentId}/start-check`, { method: 'data_comparison' })
      .expect(200);
    await as(officer)
      .post(`/api/v1/commitments/${commitmentId}/record-fulfilment`, { findings: '修复后未再发生超限运输' })
      .expect(200);
    await drain();
    expect((await commitment(commitmentId)).state).toEqual(['fulfilled']);
    expect((await application(id)).state).toEqual(['approved']);
    const caseNumber = (await commitment(commitmentId)).data.caseNumber;
    expect((await publicCommitments()).find((c) => c.caseNumber === caseNumber)?.status).toBe('fulfilled');
  });

  // Last: the revocation bars the subject's new applications for three years.
  it('a repair commitment breached → the repair is revoked and the original record re-published', async () => {
    const { recordId, id, commitmentId } = await approved();
    const repaired = (await as(officer).get(`/api/v1/credit-records/${recordId}`).expect(200)).body;
    expect(repaired.publicStatus).toBe('repaired');
    const decisionNumber = repaired.record.decisionNumber as string;
    expect((await publicRecords()).map((r) => r.decisionNumber)).not.toContain(decisionNumber);

    await as(officer)
      .post(`/api/v1/commitments/${commitmentId}/start-check`, { method: 'on_site_inspection' })
      .expect(200);
    await as(officer)
      .post(`/api/v1/commitments/${commitmentId}/record-breach`, {
        ground: 'promise_not_kept',
        findings: '修复后再次发生超限运输',
      })
      .expect(200);
    await drain();

    const revoked = await application(id);
    expect(revoked.state).toEqual(['revoked']);
    expect(revoked.data.revocation).toMatchObject({ ground: 'commitment_broken', by: 'system' });
    expect(revoked.data.revocation.reasons[0]).toContain('修复后再次发生超限运输');
    expect(revoked.data.revocation.banUntil).toBe('2029-06-01');
    const step = revoked.trail.find((s: { eventType: string }) => s.eventType === 'RepairApprovalRevoked');
    expect(step.actor.role).toBe('system');

    const record = (await as(officer).get(`/api/v1/credit-records/${recordId}`).expect(200)).body;
    expect(record.publicStatus).toBe('published');
    expect(record.repairableFrom).toBe('2026-09-02'); // the period restarts from the revocation
    const shown = await publicRecords();
    expect(shown.map((r) => r.decisionNumber)).toContain(decisionNumber);
    // The breach is itself a record (违诺), and the commitment names every consequence.
    const breached = await commitment(commitmentId);
    expect(shown.map((r) => r.decisionNumber)).toContain(`违诺〔${breached.data.caseNumber}〕`);
    expect(breached.data.consequences.map((c) => `${c.kind}:${c.status}`).sort()).toEqual([
      'breach-record:done',
      'grade-re-evaluation:requested',
      'linked-revocation:requested',
    ]);
    const { rows } = await t.database.superuser.query(
      `SELECT 1 FROM outbox WHERE case_id = $1 AND topic = 'commitment.revoke-linked-decision'`,
      [commitmentId],
    );
    expect(rows).toHaveLength(0); // revoked here, not by a notice to another system

    // Replayed, nothing happens twice.
    await drain();
    const history = await as(officer).get(`/api/v1/cases/${recordId}/history`).expect(200);
    expect(history.body.events.filter((e: { type: string }) => e.type === 'RepairRevoked')).toHaveLength(1);
  });
});
