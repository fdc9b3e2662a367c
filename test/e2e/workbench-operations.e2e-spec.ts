import {
  acceptedRepair as acceptedRepairOf,
  createStaff,
  recommendApproval,
  rememberIds,
  REPAIR_LEGAL_BASIS as LEGAL,
  WORKBENCH_SUBJECT as SUBJECT,
} from './support/workbench-repairs';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

/**
 * The reviewer workbench on a serious record's repair (four eyes, collective review by setting): transfer →
 * recommend → return → recommend again → countersign → approve, with the trail naming each step; the recommender
 * never receives the decision, a related reviewer never receives the case, strangers get 404.
 */
describe('workbench operations (e2e)', () => {
  let t: TestApp;
  let officer: string;
  let reviewer: string;
  let reviewer2: string;
  let reviewer3: string;
  let related: string;
  let applicant: string;
  let auditor: string;
  let otherAuthority: string;
  const ids: Record<string, string> = {};
  let serial = 0;
  const as = (token: string) => authed(t, token);

  const staff = (username: string, role: string, relatedTo?: string) =>
    createStaff(t, ids, username, role, relatedTo);

  const acceptedRepair = () =>
    acceptedRepairOf(
      t,
      { officer, applicant },
      { decisionNumber: `盱交罚〔2025〕W${++serial}号`, pdfSeed: 'workbench' },
    );

  const recommend = (id: string, token: string) => recommendApproval(t, id, token);
  const resultDue = async (id: string) =>
    (await as(officer).get(`/api/v1/cases/${id}`).expect(200)).body.clocks.find(
      (c: { name: string }) => c.name === 'result',
    ).dueAt as string;

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    [officer, reviewer, applicant, auditor, otherAuthority] = await Promise.all(
      ['officer-xuyi', 'reviewer-xuyi', 'applicant-a', 'auditor-xuyi', 'officer-ziyang'].map((u) =>
        loginAs(t, u),
      ),
    );
    reviewer2 = await staff('reviewer-xuyi-2', 'senior_reviewer');
    reviewer3 = await staff('reviewer-xuyi-3', 'senior_reviewer');
    related = await staff('reviewer-xuyi-rel', 'senior_reviewer', SUBJECT.code);
    await rememberIds(t, ids, [
      ['reviewer-xuyi', reviewer],
      ['officer-xuyi', officer],
    ]);
    // 会签: this authority's repair decisions need one co-signer who agrees.
    await as(await loginAs(t, 'admin'))
      .post('/api/v1/authority-policies', {
        key: 'workbench.collective-review',
        authorityCode: '320830',
        value: { caseTypes: ['repairApplication'], mode: 'all', quorum: 1, minSigners: 1 },
        effectiveFrom: '2026-06-01',
        reason: '严重失信信息修复实行集体审议',
      })
      .expect(201);
  });
  afterAll(() => t.close());

  it('transfer → return → countersign → approve, each step in the trail', async () => {
    const id = await acceptedRepair();
    const claimed = await as(officer).post(`/api/v1/cases/${id}/claim`).expect(200);
    expect(claimed.body.holderId).toBe(ids['officer-xuyi']);
    // A claimed step is its holder's: a colleague is told it is taken, and may take it over only with a reason.
    expect((await recommend(id, reviewer).expect(403)).body.code).toBe('WORKBENCH.HELD_BY_ANOTHER');
    expect((await as(reviewer).post(`/api/v1/cases/${id}/claim`).expect(403)).body.code).toBe(
      'WORKBENCH.HELD_BY_ANOTHER',
    );

    // 回避: a related reviewer never receives the case; another authority's account is not the caller's to name.
    const toRelated = await as(officer)
      .post(`/api/v1/cases/${id}/transfer`, { to: ids['reviewer-xuyi-rel'], reason: '请复核' })
      .expect(422);
    expect(toRelated.body.code).toBe('WORKBENCH.RELATED_PARTY');
    const relatedClaim = await as(related)
      .post(`/api/v1/cases/${id}/claim`, { reason: '经办人休假，接手办理' })
      .expect(403);
    expect(relatedClaim.body.code).toBe('WORKBENCH.RELATED_PARTY');
    const ziyang = (await as(otherAuthority).get('/api/v1/auth/me').expect(200)).body.id as string;
    await as(officer).post(`/api/v1/cases/${id}/transfer`, { to: ziyang, reason: '请办理' }).expect(404);
    // Strangers: every operation by someone outside the authority is 404.
    await as(otherAuthority).post(`/api/v1/cases/${id}/claim`).expect(404);
    await as(applicant).post(`/api/v1/cases/${id}/urge`).expect(404);
    await as(applicant).get(`/api/v1/cases/${id}/comments`).expect(404);

    const transferred = await as(officer)
      .post(`/api/v1/cases/${id}/transfer`, {
        to: ids['reviewer-xuyi'],
        reason: '本人休假，转审核负责人办理',
      })
      .expect(200);
    expect(transferred.body.holderId).toBe(ids['reviewer-xuyi']);
    await as(officer).post(`/api/v1/cases/${id}/comments`, { comment: '申请人材料齐全' }).expect(201);
    await recommend(id, reviewer).expect(200);

    // The decision step is nobody's yet; the recommender can neither take it nor be handed it.
    expect((await as(reviewer).post(`/api/v1/cases/${id}/claim`).expect(403)).body.code).toBe(
      'WORKBENCH.CANNOT_TAKE_STEP',
    );
    await as(reviewer2).post(`/api/v1/cases/${id}/claim`).expect(200);
    const toRecommender = await as(reviewer2)
      .post(`/api/v1/cases/${id}/transfer`, { to: ids['reviewer-xuyi'], reason: '请决定' })
      .expect(422);
    expect(toRecommender.body.code).toBe('WORKBENCH.CANNOT_TAKE_STEP');
    await as(reviewer2)
      .post(`/api/v1/cases/${id}/delegate`, { to: ids['reviewer-xuyi'], reason: '请核实' })
      .expect(422);
    await as(reviewer2)
      .post(`/api/v1/cases/${id}/signers`, { accounts: [ids['reviewer-xuyi']], mode: 'before' })
      .expect(422);

    // 退回: to the officer's step, to whoever took it; the statutory limit keeps running (no restart).
    const targets = await as(reviewer2).get(`/api/v1/cases/${id}/return-targets`).expect(200);
    expect(targets.body).toEqual([{ to: 'review', label: { zh: '审查中', en: 'Under review' } }]);
    const dueBefore = await resultDue(id);
    const returned = await as(reviewer2)
      .post(`/api/v1/cases/${id}/return`, { to: 'review', reasons: ['审查意见未说明整改证明的来源'] })
      .expect(200);
    expect(returned.body.stateLabel.zh).toContain('审查中');
    expect(returned.body.holderId).toBe(ids['reviewer-xuyi']);
    expect(await resultDue(id)).toBe(dueBefore);

    await recommend(id, reviewer).expect(200);
    await as(reviewer2).post(`/api/v1/cases/${id}/claim`).expect(200);
    // 会签 required by the authority's setting: no co-signer yet, then one who has not signed.
    const alone = await as(reviewer2)
      .post(`/api/v1/repair-applications/${id}/approve`, { opinion: '同意', legalBasis: LEGAL })
      .expect(409);
    expect(alone.body.code).toBe('WORKBENCH.COLLECTIVE_REVIEW_REQUIRED');
    const signers = await as(reviewer2)
      .post(`/api/v1/cases/${id}/signers`, { accounts: [ids['reviewer-xuyi-3']], mode: 'before' })
      .expect(200);
    expect(signers.body.signers).toEqual([
      { accountId: ids['reviewer-xuyi-3'], mode: 'before', signed: false, agree: null },
    ]);
    expect(
      (
        await as(reviewer2)
          .post(`/api/v1/repair-applications/${id}/approve`, { opinion: '同意', legalBasis: LEGAL })
          .expect(409)
      ).body.code,
    ).toBe('WORKBENCH.SIGNERS_PENDING');
    await as(reviewer3).post(`/api/v1/cases/${id}/sign`, { agree: true, opinion: '同意移出' }).expect(200);
    const approved = await as(reviewer2)
      .post(`/api/v1/repair-applications/${id}/approve`, { opinion: '同意', legalBasis: LEGAL })
      .expect(200);
    expect(approved.body.state).toEqual(['approved']);

    const trail = await as(auditor).get(`/api/v1/audit/cases/${id}/trail`).expect(200);
    const labels = (trail.body.steps as { actionLabel: { zh: string } }[]).map((s) => s.actionLabel.zh);
    const order = ['认领待办', '转办', '内部意见', '提出审查意见', '退回', '加签', '会签意见', '准予修复'];
    const positions = order.map((label) => labels.indexOf(label));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    // Internal comments never reach the applicant.
    const history = await as(applicant).get(`/api/v1/cases/${id}/history`).expect(200);
    expect(history.body.events.map((e: { type: string }) => e.type)).not.toContain('CaseCommented');
    // The history also says each event in plain words, as the audit trail does — staff see every step with its
    // actor's name, the applicant every step but the internal comments.
    type Step = { eventType: string; actionLabel: { zh: string }; actor: { displayName: string | null } };
    const staffSteps = (await as(reviewer2).get(`/api/v1/cases/${id}/history`).expect(200)).body
      .steps as Step[];
    expect(staffSteps.map((s) => s.actionLabel.zh)).toEqual(labels);
    expect(staffSteps.find((s) => s.eventType === 'CaseSigned')?.actor.displayName).toBe('reviewer-xuyi-3');
    const applicantSteps = history.body.steps as Step[];
    expect(applicantSteps.map((s) => s.eventType)).toEqual(
      staffSteps.map((s) => s.eventType).filter((type) => type !== 'CaseCommented'),
    );
  });

  it('copy without repeats, urge once per working day, recall while the next holder has not acted', async () => {
    const id = await acceptedRepair();
    await as(officer)
      .post(`/api/v1/cases/${id}/cc`, { to: [ids['reviewer-xuyi']], note: '请知悉' })
      .expect(200);
    expect(
      (
        await as(officer)
          .post(`/api/v1/cases/${id}/cc`, { to: [ids['reviewer-xuyi']] })
          .expect(409)
      ).body.code,
    ).toBe('WORKBENCH.ALREADY_COPIED');
    const copied = await as(reviewer).get('/api/v1/work-items?view=copied').expect(200);
    expect(copied.body.items.map((i: { caseId: string }) => i.caseId)).toContain(id);

    await as(reviewer).post(`/api/v1/cases/${id}/urge`, { note: '请尽快受理' }).expect(200);
    const again = await as(reviewer).post(`/api/v1/cases/${id}/urge`).expect(409);
    expect(again.body.code).toBe('WORKBENCH.ALREADY_URGED');

    await as(officer).post(`/api/v1/cases/${id}/claim`).expect(200);
    await as(officer)
      .post(`/api/v1/cases/${id}/transfer`, { to: ids['reviewer-xuyi-2'], reason: '请办理' })
      .expect(200);
    const mine = await as(reviewer2).get('/api/v1/work-items?view=mine').expect(200);
    expect(mine.body.items.map((i: { caseId: string }) => i.caseId)).toContain(id);
    const recalled = await as(officer).post(`/api/v1/cases/${id}/recall`).expect(200);
    expect(recalled.body.holderId).toBe(ids['officer-xuyi']);
    await as(officer).post(`/api/v1/cases/${id}/recall`).expect(409);
  });

  it('says before anyone acts who may act and claim, in the words the action and the claim would answer', async () => {
    type Refusal = { code: string; message: { zh: string } };
    type Option = { action: string; available: boolean; refusal?: Refusal };
    const id = await acceptedRepair();
    const view = async (token: string) =>
      (await as(token).get(`/api/v1/cases/${id}`).expect(200)).body as {
        actions: Option[];
        availableActions: unknown[];
      };
    const claimOf = async (token: string) =>
      (await as(token).get(`/api/v1/cases/${id}/work`).expect(200)).body.claim as {
        allowed: boolean;
        reasonRequired: boolean;
        refusal: Refusal | null;
      };
    const option = async (token: string, action: string) =>
      (await view(token)).actions.find((a) => a.action === action)!;

    // Unclaimed: anyone of the step's roles may act from the pool (the gate asks no claim) and may claim.
    expect((await option(officer, 'recommend')).available).toBe(true);
    expect((await option(reviewer, 'recommend')).available).toBe(true);
    expect(await claimOf(officer)).toEqual({ allowed: true, reasonRequired: false, refusal: null });
    await as(officer).post(`/api/v1/cases/${id}/claim`).expect(200);
    expect((await claimOf(officer)).refusal?.code).toBe('WORKBENCH.ALREADY_HOLDER');
    expect((await option(officer, 'recommend')).available).toBe(true);

    // Held by the officer: a colleague's actions are refused beforehand with the gate's words …
    const colleague = await view(reviewer);
    expect(colleague.actions.filter((a) => a.available)).toEqual([]);
    expect(colleague.availableActions).toEqual([]);
    const gated = await option(reviewer, 'recommend');
    const refusedAction = await recommend(id, reviewer).expect(403);
    expect(gated.refusal).toEqual({
      code: refusedAction.body.code,
      message: expect.objectContaining({ zh: refusedAction.body.title }),
    });
    // … and the claim is a take-over: possible with a reason, refused without one in the claim's own words.
    const takeOver = await claimOf(reviewer);
    const refusedClaim = await as(reviewer).post(`/api/v1/cases/${id}/claim`).expect(403);
    expect(takeOver).toMatchObject({ allowed: false, reasonRequired: true });
    expect(takeOver.refusal).toMatchObject({
      code: refusedClaim.body.code,
      message: { zh: refusedClaim.body.title },
    });
    // 回避: no reason helps the related reviewer, and the work answer says so as the claim does.
    const relatedClaim = await claimOf(related);
    const refusedRelated = await as(related)
      .post(`/api/v1/cases/${id}/claim`, { reason: '经办人休假，接手办理' })
      .expect(403);
    expect(relatedClaim).toMatchObject({ allowed: false, reasonRequired: false });
    expect(relatedClaim.refusal).toMatchObject({
      code: 'WORKBENCH.RELATED_PARTY',
      message: { zh: refusedRelated.body.title },
    });

    // The decision is a senior reviewer's step: the officer may not claim it; a reviewer may, but the authority's
    // collective review refuses the decision until a co-signer agrees — said on the view before anyone submits.
    await recommend(id, officer).expect(200);
    expect((await claimOf(officer)).refusal?.code).toBe('WORKBENCH.WRONG_ROLE');
    expect(await claimOf(reviewer2)).toEqual({ allowed: true, reasonRequired: false, refusal: null });
    const approve = await option(reviewer2, 'approve');
    const refusedApproval = await as(reviewer2)
      .post(`/api/v1/repair-applications/${id}/approve`, { opinion: '同意', legalBasis: LEGAL })
      .expect(409);
    expect(approve).toMatchObject({
      available: false,
      refusal: { code: 'WORKBENCH.COLLECTIVE_REVIEW_REQUIRED', message: { zh: refusedApproval.body.title } },
    });
  });

  it('tells who holds the step and whom a hand-over may name, to staff of the authority only', async () => {
    const id = await acceptedRepair();
    const before = await as(officer).get(`/api/v1/cases/${id}/work`).expect(200);
    expect(before.body).toMatchObject({ caseId: id, holderId: null, signers: [], copiedTo: [] });
    await as(officer).post(`/api/v1/cases/${id}/claim`).expect(200);
    await as(officer)
      .post(`/api/v1/cases/${id}/signers`, { accounts: [ids['reviewer-xuyi']], mode: 'before' })
      .expect(200);
    const held = await as(reviewer).get(`/api/v1/cases/${id}/work`).expect(200);
    expect(held.body.holderId).toBe(ids['officer-xuyi']);
    expect(held.body.signers).toEqual([
      { accountId: ids['reviewer-xuyi'], mode: 'before', signed: false, agree: null },
    ]);
    // Reading who holds it is not acting: the version is the case's own.
    expect(held.body.version).toBe((await as(officer).get(`/api/v1/cases/${id}`).expect(200)).body.version);
    for (const stranger of [otherAuthority, applicant, auditor])
      await as(stranger).get(`/api/v1/cases/${id}/work`).expect(404);

    const colleagues = await as(officer).get('/api/v1/work-items/colleagues').expect(200);
    const names = colleagues.body.map((c: { accountId: string }) => c.accountId);
    expect(names).toEqual(
      expect.arrayContaining([ids['officer-xuyi'], ids['reviewer-xuyi'], ids['reviewer-xuyi-2']]),
    );
    expect(
      colleagues.body.every((c: { role: string }) => ['officer', 'senior_reviewer'].includes(c.role)),
    ).toBe(true);
    const elsewhere = await as(otherAuthority).get('/api/v1/work-items/colleagues').expect(200);
    expect(elsewhere.body.map((c: { accountId: string }) => c.accountId)).not.toContain(ids['officer-xuyi']);
    expect((await as(applicant).get('/api/v1/work-items/colleagues').expect(200)).body).toEqual([]);
  });
});
