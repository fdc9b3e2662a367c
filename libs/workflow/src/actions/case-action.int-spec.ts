import type { ModuleRef } from '@nestjs/core';
import type { AnyStateMachine } from 'xstate';
import { DomainError, ManualClock, uuidv7 } from '@credence/shared';
import { StreamVersionConflictError } from '@credence/event-store';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import type { CaseEngine } from '../case-engine';
import type { WorkflowActor } from '../case-event';
import type { CaseTypeDefinition } from '../case-type';
import { availableTransitions, decide } from '../machine-runtime';
import { CLOCKED_CASE, clockedApplicant, clockedCaseType, clockedMachine } from '../testing/clocked-case';
import { openCaseEngine } from '../testing/open-case-engine';
import { actionTable } from './action-table';
import { CaseActionCommand, CaseActionHandler } from './case-action';
import { PreconditionFailedError } from './precondition-failed';
import { WorkbenchAccess } from '../workbench/workbench-access';

const staff = (id: string): WorkflowActor => ({
  id,
  role: 'officer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  subjectCode: null,
});
const officer = staff('officer-1');
const relatedOfficer = staff('officer-related');

class RelatedOfficerError extends DomainError {
  constructor() {
    super({ code: 'CLOCKED.STAFF_RELATED', status: 403, message: { zh: '应当回避', en: 'Must abstain' } });
  }
}

/**
 * Counts the machine's evaluations: `getTransitionData` is one evaluation of the guards of one event (what
 * `snapshot.can` and every macrostep run), `transition` one step taken. Wrapped on the machine instance itself.
 */
function countEvaluations(machine: AnyStateMachine) {
  const counts = { guards: 0, steps: 0 };
  const guards = machine.getTransitionData.bind(machine);
  const steps = machine.transition.bind(machine);
  machine.getTransitionData = (...args: Parameters<typeof guards>) => {
    counts.guards += 1;
    return guards(...args);
  };
  machine.transition = (...args: Parameters<typeof steps>) => {
    counts.steps += 1;
    return steps(...args);
  };
  return {
    counts,
    reset: () => Object.assign(counts, { guards: 0, steps: 0 }),
    restore: () => {
      delete (machine as Partial<AnyStateMachine>).getTransitionData;
      delete (machine as Partial<AnyStateMachine>).transition;
    },
  };
}

describe('the action pipeline', () => {
  let t: TestDatabase;
  let clock: ManualClock;
  let engine: CaseEngine;
  let pipeline: CaseActionHandler;
  const gathered: string[] = [];

  const definition: CaseTypeDefinition = {
    ...clockedCaseType,
    actionTable: actionTable<{ subjectCode: string }>()({
      actions: {
        accept: { event: 'Accepted', facts: () => (gathered.push('accept'), {}) },
        decide: { event: 'Decided', facts: ({ input }) => (gathered.push('decide'), { input }) },
      },
      recusal: {
        roles: new Set(['officer']),
        isRelated: ({ actorId }) => Promise.resolve(actorId === relatedOfficer.id),
        refusal: () => new RelatedOfficerError(),
      },
    }),
  };

  const act = (caseId: string, action: string, actor = officer, ifMatch?: number) =>
    pipeline.execute(
      new CaseActionCommand(
        CLOCKED_CASE,
        caseId,
        action,
        { note: 'x' },
        actor,
        { correlationId: 'test' },
        ifMatch,
      ),
    );

  async function submitted(): Promise<string> {
    const caseId = uuidv7();
    await engine.execute({
      caseType: CLOCKED_CASE,
      caseId,
      eventType: 'Submitted',
      create: true,
      data: {
        authorityCode: '320830',
        authorityPath: '320000/320800/320830',
        subjectCode: clockedApplicant.subjectCode,
        title: `申请 ${caseId.slice(-4)}`,
      },
      actor: clockedApplicant,
      origin: { correlationId: 'test' },
    });
    return caseId;
  }

  beforeAll(async () => {
    t = await createTestDatabase();
    clock = new ManualClock(new Date('2026-09-28T02:00:00Z'));
    const opened = openCaseEngine(t.db, clock, [definition]);
    engine = opened.engine;
    const modules = { get: () => undefined } as unknown as ModuleRef;
    pipeline = new CaseActionHandler(
      engine,
      opened.registry,
      modules,
      t.db,
      clock,
      new WorkbenchAccess(engine, t.db, clock, modules),
    );
  });
  afterAll(() => t.drop());
  beforeEach(() => gathered.splice(0));

  it('evaluates the machine once for the decision, after one cheap check of the one event', async () => {
    const caseId = await submitted();
    await act(caseId, 'accept');
    const loaded = await engine.load(CLOCKED_CASE, caseId, officer);
    const counter = countEvaluations(clockedMachine);
    try {
      // The fold alone: one guard evaluation and one step per machine event in the stream (clock events skipped).
      await engine.load(CLOCKED_CASE, caseId, officer);
      const fold = { ...counter.counts };
      counter.reset();
      const after = await act(caseId, 'decide');
      expect(after.snapshot.value).toBe('decided');
      const decision = {
        guards: counter.counts.guards - fold.guards,
        steps: counter.counts.steps - fold.steps,
      };
      // The cheap check (one event's guards) + the decision (its guards, then the one step).
      expect(decision).toEqual({ guards: 3, steps: 1 });

      // What the four handlers did on the same snapshot: probe every action of the state, then decide.
      counter.reset();
      const at = clock.now().toISOString();
      availableTransitions(loaded.snapshot, officer, at);
      decide(clockedMachine, loaded.snapshot, { type: 'Decided', data: {}, actor: officer, at });
      const candidates = 3; // under review: request a supplement, extend, decide
      expect(counter.counts).toEqual({ guards: candidates + 2, steps: 1 });
    } finally {
      counter.restore();
    }
  });

  it('answers a stale If-Match with 412 and records nothing; the current one acts', async () => {
    const caseId = await submitted();
    const { version } = await engine.load(CLOCKED_CASE, caseId, officer);
    const error = await act(caseId, 'accept', officer, version - 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PreconditionFailedError);
    expect(error).toMatchObject({ status: 412, code: 'PRECONDITION_FAILED' });
    expect(gathered).toEqual([]);
    expect((await engine.load(CLOCKED_CASE, caseId, officer)).version).toBe(version);
    expect((await act(caseId, 'accept', officer, version)).version).toBeGreaterThan(version);
  });

  it('keeps 409 for a concurrent writer without If-Match, and turns it into 412 with one', async () => {
    const first = await submitted();
    const racing = await Promise.allSettled([act(first, 'accept'), act(first, 'accept')]);
    expect(racing.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const lost = racing.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    // Lost at the append (409 VERSION_CONFLICT), or read after the winner and refused by the machine (409).
    expect((lost.reason as DomainError).status).toBe(409);

    const second = await submitted();
    const { version } = await engine.load(CLOCKED_CASE, second, officer);
    const withIfMatch = await Promise.allSettled([
      act(second, 'accept', officer, version),
      act(second, 'accept', officer, version),
    ]);
    const refused = withIfMatch.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toBeInstanceOf(PreconditionFailedError);
    expect(refused.reason).not.toBeInstanceOf(StreamVersionConflictError);
  });

  it('refuses a related member of staff (回避) with the case type’s error, before any fact is gathered', async () => {
    const caseId = await submitted();
    await expect(act(caseId, 'accept', relatedOfficer)).rejects.toBeInstanceOf(RelatedOfficerError);
    expect(gathered).toEqual([]);
  });

  it('gathers no facts for an action the machine refuses, and explains the refusal', async () => {
    const caseId = await submitted();
    await expect(act(caseId, 'accept', clockedApplicant)).rejects.toMatchObject({
      code: 'CLOCKED.STAFF_ONLY',
      status: 403,
    });
    await expect(act(caseId, 'decide')).rejects.toMatchObject({ code: 'WORKFLOW.NOT_IN_THIS_STATE' });
    expect(gathered).toEqual([]);
  });
});
