import { COMMITMENT, COMMITMENT_ACTIONS, CommitmentFacts, STANDARD_PROMISES } from '@credence/commitments';
import { DEMO_SUBJECTS } from '@credence/identity';
import { uuidv7 } from '@credence/shared';
import { CaseEngine, ReactionRunner, type WorkflowActor } from '@credence/workflow';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const A = DEMO_SUBJECTS.xuyiTongda; // applicant-a's company, records found by 320830
const B = DEMO_SUBJECTS.ziyangAnshun; // applicant-b's company
const LEGAL = '《信用修复管理办法》（国家发展和改革委员会令第36号）第十二条';

/**
 * A commitment's linked repair application is revoked when the commitment is broken, so the link must name the
 * signer's own application at the authority the commitment is made to (404 otherwise), whoever records it.
 */
describe('commitment links (e2e)', () => {
  let t: TestApp;
  let officer: string;
  let officerZiyang: string;
  let applicantA: string;
  let applicantB: string;
  let approvedId: string;

  const as = (token: string) => authed(t, token);
  const drain = () => t.app.get(ReactionRunner).drain();
  const voluntary = (authorityCode: string, reference: string) => ({
    type: 'voluntary',
    authorityCode,
    consentToPublish: true,
    linked: { kind: 'repair_application', reference },
  });
  const commitmentCount = async () =>
    Number(
      (await t.database.superuser.query<{ n: string }>(`SELECT count(*) AS n FROM commitments`)).rows[0].n,
    );
  const applicationState = async (id: string) =>
    (await as(officer).get(`/api/v1/repair-applications/${id}`).expect(200)).body.state as string[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    [officer, officerZiyang, applicantA, applicantB] = await Promise.all(
      ['officer-xuyi', 'officer-ziyang', 'applicant-a', 'applicant-b'].map((u) => loginAs(t, u)),
    );
    const recordId = (
      await as(officer)
        .post('/api/v1/credit-records', {
          subject: { type: 'legal_person', code: A.code, name: A.name },
          kind: 'administrative_penalty',
          severity: 'general',
          field: 'road_transport',
          decisionNumber: '盱交罚〔2026〕L1号',
          decisionDate: '2026-01-05',
          facts: '超限运输。',
          legalBasis: '《公路安全保护条例》第六十六条',
        })
        .expect(201)
    ).body.id as string;
    approvedId = (
      await as(applicantA)
        .post('/api/v1/repair-applications', {
          recordId,
          commitment: { content: '本单位承诺已纠正失信行为。', consentToPublish: true },
        })
        .expect(201)
    ).body.id as string;
    await as(applicantA).post(`/api/v1/repair-applications/${approvedId}/submit`).expect(200);
    await as(officer).post(`/api/v1/repair-applications/${approvedId}/accept`).expect(200);
    await as(officer)
      .post(`/api/v1/repair-applications/${approvedId}/approve`, { legalBasis: LEGAL })
      .expect(200);
    await drain();
  });
  afterAll(() => t.close());

  it('another subject cannot link its commitment to A’s repair application: 404 and nothing signed', async () => {
    const before = await commitmentCount();
    for (const authorityCode of ['512000', '320830']) {
      const res = await as(applicantB).post('/api/v1/commitments', voluntary(authorityCode, approvedId));
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('COMMITMENT.LINKED_DECISION_NOT_FOUND');
    }
    // An id that names nothing answers the same.
    const unknown = await as(applicantB).post('/api/v1/commitments', voluntary('512000', uuidv7(new Date())));
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('COMMITMENT.LINKED_DECISION_NOT_FOUND');
    expect(await commitmentCount()).toBe(before);
  });

  it('the subject links its own application only at the authority that granted it', async () => {
    const elsewhere = await as(applicantA).post('/api/v1/commitments', voluntary('512000', approvedId));
    expect(elsewhere.status).toBe(404);
    const own = await as(applicantA).post('/api/v1/commitments', voluntary('320830', approvedId)).expect(201);
    expect(own.body.data.linked).toMatchObject({ kind: 'repair_application', reference: approvedId });
  });

  it('staff of another authority cannot link a commitment they rely on to A’s application', async () => {
    const signed = await as(officerZiyang)
      .post('/api/v1/commitments', {
        type: 'voluntary',
        subject: { type: B.type, code: B.code, name: B.name },
        consentToPublish: true,
      })
      .expect(201);
    const res = await as(officerZiyang).post(`/api/v1/commitments/${signed.body.id as string}/take-effect`, {
      linked: { kind: 'repair_application', reference: approvedId },
    });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('COMMITMENT.LINKED_DECISION_NOT_FOUND');
  });

  it('a foreign link recorded before links were checked revokes nothing when its commitment is broken', async () => {
    // Written straight through the engine, as such a commitment was signed before the check existed.
    const actorB = (
      await t.database.superuser.query<{ id: string }>(
        `SELECT id::text FROM accounts WHERE username = 'applicant-b'`,
      )
    ).rows[0].id;
    const signer: WorkflowActor = {
      id: actorB,
      role: 'applicant',
      authorityCode: null,
      authorityPath: null,
      subjectCode: B.code,
    };
    const caseId = uuidv7(t.clock.now());
    await t.app.get(CaseEngine).execute({
      caseType: COMMITMENT,
      caseId,
      eventType: COMMITMENT_ACTIONS.sign,
      create: true,
      data: {
        caseNumber: 'CN-320830-2026-900001',
        type: 'voluntary',
        subject: { type: B.type, code: B.code, name: B.name },
        authority: await t.app.get(CommitmentFacts).authority('320830'),
        matter: null,
        field: 'other',
        items: [{ code: 'self_discipline', text: STANDARD_PROMISES.self_discipline.zh }],
        promisedMaterials: [],
        promisedBy: null,
        linked: { kind: 'repair_application', reference: approvedId, description: null },
        consentToPublish: true,
        outcome: 'signed',
      },
      actor: signer,
      origin: { correlationId: 'commitment-links' },
    });
    await as(officer).post(`/api/v1/commitments/${caseId}/take-effect`).expect(200);
    await as(officer)
      .post(`/api/v1/commitments/${caseId}/start-check`, { method: 'on_site_inspection' })
      .expect(200);
    await as(officer)
      .post(`/api/v1/commitments/${caseId}/record-breach`, {
        ground: 'promise_not_kept',
        findings: '未履行承诺',
      })
      .expect(200);
    await drain();
    expect(await applicationState(approvedId)).toEqual(['approved']);
    const record = await as(applicantA).get(`/api/v1/repair-applications/${approvedId}`).expect(200);
    expect(record.body.data.revocation ?? null).toBeNull();
  });
});
