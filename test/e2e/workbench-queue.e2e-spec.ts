import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { CaseEngine } from '@credence/workflow';
import {
  acceptedRepair as acceptedRepairOf,
  createStaff,
  recommendApproval,
  rememberIds,
  REPAIR_LEGAL_BASIS as LEGAL,
} from './support/workbench-repairs';
import { authed, loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

interface HistoryEvent {
  version: number;
  type: string;
  recordedAt: string;
  actor: { id: string };
}

/**
 * The workbench's operations one by one on credit-repair cases: release, delegate → resolve (the delegator
 * decides), 减签 before and after the co-signer acted, 后加签, deputies (委托) in and outside their range, bulk claim
 * and transfer with a result per case, workload per person, the queue's views — and that an operation implying
 * two events records both or, on a concurrent change, neither.
 */
describe('workbench queue and hand-overs (e2e)', () => {
  let t: TestApp;
  let officer: string;
  let officer2: string;
  let reviewer: string;
  let reviewer2: string;
  let reviewer3: string;
  let reviewer4: string;
  let applicant: string;
  let otherAuthority: string;
  const ids: Record<string, string> = {};
  let serial = 0;
  const as = (token: string) => ({
    ...authed(t, token),
    put: (url: string, body: object) => t.http.put(url).auth(token, { type: 'bearer' }).send(body),
    delete: (url: string) => t.http.delete(url).auth(token, { type: 'bearer' }),
  });

  const staff = (username: string, role: string) => createStaff(t, ids, username, role);

  /** A serious record's repair, accepted: the review step, unclaimed. */
  async function acceptedRepair(): Promise<string> {
    const n = ++serial;
    return acceptedRepairOf(
      t,
      { officer, applicant },
      { decisionNumber: `盱交罚〔2025〕Q${n}号`, pdfSeed: `queue-${n}` },
    );
  }

  const recommend = (id: string, token: string) => recommendApproval(t, id, token);
  const approve = (id: string, token: string) =>
    as(token).post(`/api/v1/repair-applications/${id}/approve`, { opinion: '同意', legalBasis: LEGAL });
  /** A repair at its decision step: recommended by `reviewer`, so the decision is any other senior reviewer's. */
  async function atDecision(): Promise<string> {
    const id = await acceptedRepair();
    await recommend(id, reviewer).expect(200);
    return id;
  }
  const view = async (token: string, query: string): Promise<string[]> =>
    (await as(token).get(`/api/v1/work-items?${query}`).expect(200)).body.items.map(
      (i: { caseId: string }) => i.caseId,
    );
  const history = async (id: string): Promise<HistoryEvent[]> =>
    (await as(officer).get(`/api/v1/cases/${id}/history`).expect(200)).body.events as HistoryEvent[];

  beforeAll(async () => {
    t = await createTestApp();
    await seedDemoIdentities(t);
    [officer, reviewer, applicant, otherAuthority] = await Promise.all(
      ['officer-xuyi', 'reviewer-xuyi', 'applicant-a', 'officer-ziyang'].map((u) => loginAs(t, u)),
    );
    officer2 = await staff('officer-xuyi-q2', 'officer');
    reviewer2 = await staff('reviewer-xuyi-q2', 'senior_reviewer');
    reviewer3 = await staff('reviewer-xuyi-q3', 'senior_reviewer');
    reviewer4 = await staff('reviewer-xuyi-q4', 'senior_reviewer');
    await rememberIds(t, ids, [
      ['reviewer-xuyi', reviewer],
      ['officer-xuyi', officer],
    ]);
  });
  afterAll(() => t.close());

  it('release gives the item back to the pool; only its holder may release it', async () => {
    const id = await acceptedRepair();
    expect(await view(officer, 'view=unclaimed')).toContain(id);
    await as(officer).post(`/api/v1/cases/${id}/claim`).expect(200);
    expect(await view(officer, 'view=unclaimed')).not.toContain(id);
    expect(await view(officer, 'view=mine')).toContain(id);
    const notMine = await as(officer2).post(`/api/v1/cases/${id}/release`).expect(403);
    expect(notMine.body.code).toBe('WORKBENCH.NOT_HOLDER');
    const released = await as(officer).post(`/api/v1/cases/${id}/release`, { reason: '外出' }).expect(200);
    expect(released.body.holderId).toBeNull();
    expect(await view(officer2, 'view=unclaimed')).toContain(id);
    expect(await view(officer, 'view=mine')).not.toContain(id);
    expect((await as(officer).post(`/api/v1/cases/${id}/release`).expect(403)).body.code).toBe(
      'WORKBENCH.NOT_HOLDER',
    );
    await as(otherAuthority).post(`/api/v1/cases/${id}/release`).expect(404);
  });

  it('delegate → resolve: the delegate works and hands back, the delegator decides', async () => {
    const id = await acceptedRepair();
    // Delegating an unclaimed item claims it for the delegator, in the same append.
    const delegated = await as(officer)
      .post(`/api/v1/cases/${id}/delegate`, { to: ids['officer-xuyi-q2'], reason: '请核实缴款凭证' })
      .expect(200);
    expect(delegated.body).toMatchObject({
      holderId: ids['officer-xuyi'],
      delegateId: ids['officer-xuyi-q2'],
    });
    const events = await history(id);
    const [claim, delegation] = events.slice(-2);
    expect([claim.type, delegation.type]).toEqual(['WorkItemClaimed', 'WorkItemDelegated']);
    expect(claim.recordedAt).toBe(delegation.recordedAt);
    expect(await view(officer2, 'view=delegated')).toContain(id);
    expect(await view(officer, 'view=delegated')).not.toContain(id);

    // While delegated: the delegate may not decide, nor may the delegator before the work comes back.
    expect((await recommend(id, officer2).expect(403)).body.code).toBe('WORKBENCH.HELD_BY_ANOTHER');
    expect((await recommend(id, officer).expect(409)).body.code).toBe('WORKBENCH.DELEGATION_PENDING');
    expect(
      (await as(officer).post(`/api/v1/cases/${id}/resolve`, { opinion: '自行处理' }).expect(403)).body.code,
    ).toBe('WORKBENCH.NOT_DELEGATE');
    const resolved = await as(officer2)
      .post(`/api/v1/cases/${id}/resolve`, { opinion: '缴款凭证与财政票据一致' })
      .expect(200);
    expect(resolved.body).toMatchObject({ holderId: ids['officer-xuyi'], delegateId: null });
    expect(await view(officer2, 'view=delegated')).not.toContain(id);
    expect((await recommend(id, officer2).expect(403)).body.code).toBe('WORKBENCH.HELD_BY_ANOTHER');
    await recommend(id, officer).expect(200);
    const recorded = (await history(id)).find((e) => e.type === 'WorkItemResolved');
    expect(recorded?.actor.id).toBe(ids['officer-xuyi-q2']);
  });

  it('减签 before the co-signer acts; refused once they have', async () => {
    const id = await atDecision();
    await as(reviewer2).post(`/api/v1/cases/${id}/claim`).expect(200);
    await as(reviewer2)
      .post(`/api/v1/cases/${id}/signers`, {
        accounts: [ids['reviewer-xuyi-q3'], ids['reviewer-xuyi-q4']],
        mode: 'before',
      })
      .expect(200);
    expect(await view(reviewer4, 'view=signing')).toContain(id);
    // Nobody but the holder or whoever added the signer removes one.
    expect(
      (await as(reviewer3).delete(`/api/v1/cases/${id}/signers/${ids['reviewer-xuyi-q4']}`).expect(403)).body
        .code,
    ).toBe('WORKBENCH.NOT_HOLDER');
    const removed = await as(reviewer2)
      .delete(`/api/v1/cases/${id}/signers/${ids['reviewer-xuyi-q4']}`)
      .expect(200);
    expect(removed.body.signers.map((s: { accountId: string }) => s.accountId)).toEqual([
      ids['reviewer-xuyi-q3'],
    ]);
    expect(await view(reviewer4, 'view=signing')).not.toContain(id);
    expect(
      (await as(reviewer4).post(`/api/v1/cases/${id}/sign`, { agree: true, opinion: '同意' }).expect(403))
        .body.code,
    ).toBe('WORKBENCH.NOT_A_SIGNER');
    await as(reviewer3).post(`/api/v1/cases/${id}/sign`, { agree: true, opinion: '同意' }).expect(200);
    const late = await as(reviewer2)
      .delete(`/api/v1/cases/${id}/signers/${ids['reviewer-xuyi-q3']}`)
      .expect(409);
    expect(late.body.code).toBe('WORKBENCH.SIGNER_ALREADY_ACTED');
    // A removed signer is not awaited: the decision goes ahead on the remaining signature.
    await approve(id, reviewer2).expect(200);
  });

  it('后加签: the after-signer follows the holder’s own opinion, then the holder decides', async () => {
    const id = await atDecision();
    await as(reviewer2).post(`/api/v1/cases/${id}/claim`).expect(200);
    await as(reviewer2)
      .post(`/api/v1/cases/${id}/signers`, { accounts: [ids['reviewer-xuyi-q3']], mode: 'after' })
      .expect(200);
    const early = await as(reviewer3)
      .post(`/api/v1/cases/${id}/sign`, { agree: true, opinion: '同意' })
      .expect(409);
    expect(early.body.code).toBe('WORKBENCH.SIGNERS_PENDING');
    expect((await approve(id, reviewer2).expect(409)).body.code).toBe('WORKBENCH.SIGNERS_PENDING');
    const own = await as(reviewer2)
      .post(`/api/v1/cases/${id}/sign`, { agree: true, opinion: '拟同意修复' })
      .expect(200);
    expect(own.body.signers).toEqual([
      { accountId: ids['reviewer-xuyi-q3'], mode: 'after', signed: false, agree: null },
      { accountId: ids['reviewer-xuyi-q2'], mode: 'before', signed: true, agree: true },
    ]);
    // The holder's signature is one append: listing the holder and their opinion, never one without the other.
    const [listed, signed] = (await history(id)).slice(-2);
    expect([listed.type, signed.type]).toEqual(['SignersAdded', 'CaseSigned']);
    expect(listed.recordedAt).toBe(signed.recordedAt);
    await as(reviewer3).post(`/api/v1/cases/${id}/sign`, { agree: true, opinion: '同意' }).expect(200);
    await approve(id, reviewer2).expect(200);
  });

  it('委托: a deputy takes the absent reviewer’s items in the range (held ones too), never one they may not take', async () => {
    const held = await atDecision();
    await as(reviewer2).post(`/api/v1/cases/${held}/claim`).expect(200);
    const later = await atDecision();
    await as(reviewer2).post(`/api/v1/cases/${later}/claim`).expect(200);

    // The recommender as deputy: the item is not theirs to take, so it is not in their queue and they cannot act.
    await as(reviewer2)
      .put(`/api/v1/accounts/${ids['reviewer-xuyi-q2']}/deputy`, {
        deputy: ids['reviewer-xuyi'],
        from: '2026-06-01',
        to: '2026-06-03',
      })
      .expect(200);
    expect(await view(reviewer, 'view=mine')).not.toContain(held);
    await approve(held, reviewer).expect(403);

    // Outside the range a deputy has no effect.
    await as(reviewer2)
      .put(`/api/v1/accounts/${ids['reviewer-xuyi-q2']}/deputy`, {
        deputy: ids['reviewer-xuyi-q3'],
        from: '2026-06-10',
        to: '2026-06-12',
      })
      .expect(200);
    expect(await view(reviewer3, 'view=mine')).not.toContain(held);
    expect((await approve(held, reviewer3).expect(403)).body.code).toBe('WORKBENCH.HELD_BY_ANOTHER');

    // In the range: the items already held by the absent reviewer are the deputy's to decide.
    await as(reviewer2)
      .put(`/api/v1/accounts/${ids['reviewer-xuyi-q2']}/deputy`, {
        deputy: ids['reviewer-xuyi-q3'],
        from: '2026-05-28',
        to: '2026-06-01',
      })
      .expect(200);
    const mine = await view(reviewer3, 'view=mine');
    expect(mine).toEqual(expect.arrayContaining([held, later]));
    await approve(held, reviewer3).expect(200);
    // The day after the range ends, the item is the absent reviewer's alone again.
    t.clock.advance(24 * 3_600_000);
    try {
      expect(await view(reviewer3, 'view=mine')).not.toContain(later);
      expect((await approve(later, reviewer3).expect(403)).body.code).toBe('WORKBENCH.HELD_BY_ANOTHER');
    } finally {
      t.clock.advance(-24 * 3_600_000);
    }
  });

  it('each row counts its working days left as the case page does, and its working days overdue once late', async () => {
    const id = await acceptedRepair();
    const row = async () => {
      const page = await as(officer).get('/api/v1/work-items?view=role&pageSize=200').expect(200);
      return page.body.items.find((i: { caseId: string }) => i.caseId === id).due as Record<string, unknown>;
    };
    const nearestClock = async () => {
      const clocks = (await as(officer).get(`/api/v1/cases/${id}`).expect(200)).body.clocks as {
        status: string;
        dueAt: string;
        dueDate: string;
        remainingWorkingDays: number;
        overdueWorkingDays: number;
      }[];
      return clocks.filter((c) => c.status === 'running').sort((a, b) => a.dueAt.localeCompare(b.dueAt))[0];
    };
    // Submitted and accepted on Monday 2026-06-01: the 10 working days of the result limit start the next day
    // (the start day is not counted) and run out at the end of Monday 2026-06-15.
    expect(await row()).toMatchObject({
      dueDate: '2026-06-15',
      remainingWorkingDays: 10,
      overdueWorkingDays: 0,
      overdue: false,
    });
    const clock = await nearestClock();
    expect(await row()).toMatchObject({
      dueAt: clock.dueAt,
      dueDate: clock.dueDate,
      remainingWorkingDays: clock.remainingWorkingDays,
    });
    // Two weeks on (Wednesday 2026-06-17): two working days late (16th and 17th), none left — as on the case page.
    t.clock.advance(16 * 24 * 3_600_000);
    try {
      const late = await row();
      expect(late).toMatchObject({ overdue: true, remainingWorkingDays: 0, overdueWorkingDays: 2 });
      expect((await nearestClock()).overdueWorkingDays).toBe(2);
    } finally {
      t.clock.advance(-16 * 24 * 3_600_000);
    }
  });

  it('bulk claim and bulk transfer answer per case', async () => {
    const [a, b, taken] = [await acceptedRepair(), await acceptedRepair(), await acceptedRepair()];
    await as(officer2).post(`/api/v1/cases/${taken}/claim`).expect(200);
    const claimed = await as(officer)
      .post('/api/v1/work-items/claim', { caseIds: [a, b, taken, a] })
      .expect(200);
    expect(claimed.body).toEqual([
      { caseId: a, ok: true, version: expect.any(Number) },
      { caseId: b, ok: true, version: expect.any(Number) },
      {
        caseId: taken,
        ok: false,
        error: expect.objectContaining({ code: 'WORKBENCH.HELD_BY_ANOTHER', status: 403 }),
      },
    ]);
    // Another authority's officer: every case is 404 to them, one by one.
    const stranger = await as(otherAuthority)
      .post('/api/v1/work-items/claim', { caseIds: [a] })
      .expect(200);
    expect(stranger.body[0]).toMatchObject({ caseId: a, ok: false, error: { status: 404 } });

    const transferred = await as(officer)
      .post('/api/v1/work-items/transfer', {
        caseIds: [a, taken, b],
        to: ids['officer-xuyi-q2'],
        reason: '本人出差，转同事办理',
      })
      .expect(200);
    expect(transferred.body.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
    expect(transferred.body[1].error.code).toBe('WORKBENCH.NOT_HOLDER');
    expect(await view(officer2, 'view=mine')).toEqual(expect.arrayContaining([a, b, taken]));
    expect(await view(officer, 'view=mine')).not.toEqual(expect.arrayContaining([a]));
  });

  it('workload per person, for senior reviewers only', async () => {
    const wl = await staff('officer-xuyi-wl', 'officer');
    const wl2 = await staff('officer-xuyi-wl2', 'officer');
    const [a, b] = [await acceptedRepair(), await acceptedRepair()];
    await as(wl).post(`/api/v1/cases/${a}/claim`).expect(200);
    await as(wl)
      .post(`/api/v1/cases/${b}/delegate`, { to: ids['officer-xuyi-wl2'], reason: '请核实' })
      .expect(200);
    await as(wl)
      .post(`/api/v1/cases/${a}/signers`, { accounts: [ids['officer-xuyi-wl2']], mode: 'before' })
      .expect(200);
    const rows = (await as(reviewer).get('/api/v1/work-items/workload').expect(200)).body as {
      accountId: string;
    }[];
    const of = (id: string) => rows.find((r) => r.accountId === id);
    expect(of(ids['officer-xuyi-wl'])).toMatchObject({
      held: 2,
      delegatedToThem: 0,
      awaitingTheirSignature: 0,
      overdue: 0,
    });
    expect(of(ids['officer-xuyi-wl2'])).toMatchObject({
      held: 0,
      delegatedToThem: 1,
      awaitingTheirSignature: 1,
    });
    expect((await as(wl2).get('/api/v1/work-items/workload').expect(403)).body.code).toBe(
      'WORKBENCH.LEADERS_ONLY',
    );
    expect((await as(otherAuthority).get('/api/v1/work-items/workload').expect(403)).body.code).toBe(
      'WORKBENCH.LEADERS_ONLY',
    );
  });

  it('follow-up order puts the latest urged first; untouched cases are unclaimed', async () => {
    const [quiet, chased] = [await acceptedRepair(), await acceptedRepair()];
    await as(reviewer).post(`/api/v1/cases/${chased}/urge`, { note: '申请人来电询问' }).expect(200);
    const order = await view(officer, 'view=unclaimed&sort=follow-up&pageSize=100');
    expect(order.indexOf(chased)).toBeLessThan(order.indexOf(quiet));
    expect(order.indexOf(chased)).toBe(0);

    // A case last changed before the workbench existed has no case_work row: its holding is the empty one.
    await t.database.superuser.query('DELETE FROM case_work WHERE case_id = $1', [quiet]);
    expect(await view(officer, 'view=unclaimed&pageSize=100')).toContain(quiet);
    expect(await view(officer, 'view=role&pageSize=100')).toContain(quiet);
    expect(await view(officer, 'view=mine&pageSize=100')).not.toContain(quiet);
    const claimed = await as(officer).post(`/api/v1/cases/${quiet}/claim`).expect(200);
    expect(claimed.body.holderId).toBe(ids['officer-xuyi']);
    expect(await view(officer, 'view=mine&pageSize=100')).toContain(quiet);
  });

  /** Runs `operation` while a colleague's comment lands between its read and its first append carrying `eventType`. */
  async function withCommentBetween<T>(id: string, eventType: string, operation: () => Promise<T>) {
    const store = t.app.get(CaseEngine).store;
    const append = store.append.bind(store);
    let interleaved = false;
    const spy = jest.spyOn(store, 'append').mockImplementation(async (...args: Parameters<typeof append>) => {
      if (!interleaved && args[1].some((e) => e.type === eventType)) {
        interleaved = true;
        await as(officer2).post(`/api/v1/cases/${id}/comments`, { comment: '申请人补充了说明' }).expect(201);
      }
      return append(...args);
    });
    try {
      const answer = await operation();
      expect(interleaved).toBe(true);
      return answer;
    } finally {
      spy.mockRestore();
    }
  }

  /** A workbench operation whose read the comment made stale must lose the race (409) and leave none of its events. */
  async function raced(
    id: string,
    eventType: string,
    operation: () => Promise<{ status: number; body: { code?: string } }>,
  ) {
    const lost = await withCommentBetween(id, eventType, operation);
    expect({ status: lost.status, code: lost.body.code }).toEqual({ status: 409, code: 'VERSION_CONFLICT' });
    return (await history(id)).map((e) => e.type);
  }

  it('a workflow action without If-Match that a comment overtook is decided again on the new version', async () => {
    const id = await acceptedRepair();
    const answer = await withCommentBetween(id, 'RepairRecommended', () => recommend(id, officer));
    expect(answer.status).toBe(200);
    const types = (await history(id)).map((e) => e.type);
    expect(types.slice(-2)).toEqual(['CaseCommented', 'RepairRecommended']);
    // With If-Match the caller named the version it read: the overtaking write makes it stale (412), nothing recorded.
    const next = await acceptedRepair();
    const { version } = (await as(officer).get(`/api/v1/repair-applications/${next}`).expect(200)).body;
    const stale = await withCommentBetween(next, 'RepairRecommended', () =>
      t.http
        .post(`/api/v1/repair-applications/${next}/recommend`)
        .auth(officer, { type: 'bearer' })
        .set('If-Match', `"${version}"`)
        .send({ recommendation: 'approve', opinion: '已履行义务，建议准予修复。', reasons: ['罚款已缴纳'] }),
    );
    expect({ status: stale.status, code: stale.body.code }).toEqual({
      status: 412,
      code: 'PRECONDITION_FAILED',
    });
    expect((await history(next)).map((e) => e.type)).not.toContain('RepairRecommended');
  });

  it('delegating an unclaimed item records the claim and the delegation together, or neither', async () => {
    const id = await acceptedRepair();
    const types = await raced(id, 'WorkItemDelegated', () =>
      as(officer).post(`/api/v1/cases/${id}/delegate`, { to: ids['officer-xuyi-q2'], reason: '请核实' }),
    );
    expect(types).toContain('CaseCommented');
    expect(types).not.toContain('WorkItemClaimed');
    expect(types).not.toContain('WorkItemDelegated');
    const state = await as(officer).get('/api/v1/work-items?view=unclaimed&pageSize=100').expect(200);
    expect(state.body.items.find((i: { caseId: string }) => i.caseId === id)).toMatchObject({
      holderId: null,
      delegateId: null,
    });
  });

  it('the holder’s signature before after-signers is recorded whole, or not at all', async () => {
    const id = await atDecision();
    await as(reviewer2).post(`/api/v1/cases/${id}/claim`).expect(200);
    await as(reviewer2)
      .post(`/api/v1/cases/${id}/signers`, { accounts: [ids['reviewer-xuyi-q3']], mode: 'after' })
      .expect(200);
    const types = await raced(id, 'CaseSigned', () =>
      as(reviewer2).post(`/api/v1/cases/${id}/sign`, { agree: true, opinion: '拟同意修复' }),
    );
    expect(types.filter((t) => t === 'SignersAdded')).toHaveLength(1);
    expect(types).not.toContain('CaseSigned');
    // Nothing half-recorded: the holder signs on the fresh case, and the after-signer may follow.
    await as(reviewer2).post(`/api/v1/cases/${id}/sign`, { agree: true, opinion: '拟同意修复' }).expect(200);
    await as(reviewer3).post(`/api/v1/cases/${id}/sign`, { agree: true, opinion: '同意' }).expect(200);
  });

  it('shows an admin the work of every authority, whatever view is asked for (they hold none)', async () => {
    const id = await acceptedRepair();
    const admin = await loginAs(t, 'admin');
    expect(await view(admin, 'view=mine&pageSize=200')).toContain(id);
    expect(await view(otherAuthority, 'view=role&pageSize=200')).not.toContain(id);
  });
});
