import { describe, expect, it } from '@jest/globals';
import type { AnyMachineSnapshot } from 'xstate';
import type { WorkflowActor } from '../case-event';
import type { CaseTypeDefinition } from '../case-type';
import { decide, initialSnapshot, returnTargetsOf, stateKey } from '../machine-runtime';
import { modelActors } from '../model-paths';
import { applyToHolding, EMPTY_HOLDING, pendingSigners, type Holding } from '../workbench/holding';
import { mayTakeStep, staffStepOf } from '../workbench/step';
import { CASE_RETURNED } from '../workbench/workbench-events';
import {
  DEFAULT_TIME_LIMITS,
  OFFICIAL_SCHEDULES,
  StatutoryTimeSnapshot,
  type TimeLimitSeed,
} from '@credence/working-calendar';
import type { Effect } from '../machine-runtime';
import { ClockPlanner } from '../clocks/clock-planner';
import type { ClockState } from '../clocks/clock-state';

/**
 * The shipped calendars and national limits (plus those a workflow's migration seeds, `extra`): the walks' clocks
 * run on the same working days as production.
 */
function statutoryTime(extra: TimeLimitSeed[]): StatutoryTimeSnapshot {
  return new StatutoryTimeSnapshot(
    OFFICIAL_SCHEDULES.map((s) => ({ ...s, version: 1 })),
    [...DEFAULT_TIME_LIMITS, ...extra].map((l, i) => ({ ...l, id: String(i + 1), authorityCode: null })),
  );
}
const DAY = 86_400_000;

/** What a return must leave exactly as it was, per clock (ADR 0009: a return restarts no limit, a pause keeps its days). */
function clockFacts(clocks: Map<string, ClockState>) {
  return new Map(
    [...clocks.values()]
      .filter((c) => c.status !== 'stopped')
      .map((c) => [
        c.name,
        {
          status: c.status,
          startedAt: c.startedAt,
          dueDate: c.dueDate,
          dueAt: c.dueAt,
          workingDays: c.workingDays,
          pausedAt: c.pausedAt,
          remainingAtPause: c.remainingAtPause,
        },
      ]),
  );
}

/** A senior reviewer of the authority who declared a relation to the subject (回避): never to receive the case. */
const RELATED: WorkflowActor = {
  id: 'reviewer-related',
  role: 'senior_reviewer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  subjectCode: null,
};

interface Walk {
  violations: string[];
  counts: Record<string, number>;
}

/** A small seeded generator, so a failing walk can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A random walk of a workflow with the workbench's operations as events beside the machine's: claim, transfer,
 * delegate and resolve, 加签 / sign / 减签, return, recall. Each operation is offered only as the workbench offers
 * it (the step's roles, 回避, the machine's own judgement of who may take the step), machine events only through
 * the gate (the holder; no delegation or signature pending). After every step the invariants are checked: whoever
 * holds, is delegated or co-signs may take the step (the recommender never holds a four-eyes decision), the related
 * reviewer never receives the case, the holding is about the machine's current step, and an unheld step can be
 * taken by someone (no lost item).
 */
export function walkWorkbench(
  definition: CaseTypeDefinition,
  subject: string,
  seed: number,
  length = 80,
  limits: TimeLimitSeed[] = [],
): Walk {
  const time = statutoryTime(limits);
  const next = random(seed);
  const pick = <T>(items: T[]): T => items[Math.floor(next() * items.length)];
  const staff = [
    ...modelActors(subject).filter((a) => a.role === 'officer' || a.role === 'senior_reviewer'),
    RELATED,
  ];
  const own = staff.filter((a) => a.authorityCode === '320830');
  const at = '2026-06-01T02:00:00.000Z';
  let snapshot: AnyMachineSnapshot = initialSnapshot(definition.machine, 'walk');
  let holding: Holding = EMPTY_HOLDING;
  let version = 0;
  const violations: string[] = [];
  const counts: Record<string, number> = {};
  let paused = false;
  // The clocks, planned as the engine plans them; time moves on a day per step so pauses and resumptions count.
  let clocks = new Map<string, ClockState>();
  let started = false;
  let day = 0;

  const eligible = (a: WorkflowActor, s = snapshot) => {
    const step = staffStepOf(s);
    return !!step && step.roles.includes(a.role) && a.id !== RELATED.id && mayTakeStep(s, a, at);
  };
  const actorOf = (id: string) => staff.find((a) => a.id === id)!;
  const record = (
    type: string,
    actor: WorkflowActor,
    data: Record<string, unknown>,
    after = snapshot,
    effects: Effect[] = [],
  ) => {
    version += 1;
    if (after !== snapshot) {
      const now = new Date(Date.parse(at) + day * DAY);
      const planner = new ClockPlanner(clocks, time, '320830', now);
      clocks = planner.transition(started ? snapshot : null, after, effects).clocks;
      started = true;
    }
    holding = applyToHolding(holding, {
      type,
      data,
      actorId: actor.id,
      actorRole: actor.role,
      version,
      at,
      stepAfter: stateKey(after),
    });
    snapshot = after;
    counts[type] = (counts[type] ?? 0) + 1;
  };

  for (let i = 0; i < length && snapshot.status === 'active'; i++) {
    day = i;
    const step = staffStepOf(snapshot);
    const holds = (a: WorkflowActor) => holding.holder === a.id || (!holding.holder && eligible(a));
    const moves: (() => void)[] = [];
    const options: (() => void)[] = [];
    // The workflow's own events, through the gate.
    for (const event of definition.modelEvents!(snapshot)) {
      const isStaff = event.actor.role === 'officer' || event.actor.role === 'senior_reviewer';
      if (isStaff && step) {
        if (holding.holder && holding.holder !== event.actor.id) continue;
        if (holding.delegate || pendingSigners(holding, event.actor.id).length) continue;
      }
      const decision = decide(snapshot.machine, snapshot, event);
      // Steps that end the case (a withdrawal, a refusal) are taken rarely, so walks reach the later steps.
      if (decision.accepted && (decision.next.status === 'active' || next() < 0.1))
        moves.push(() => record(event.type, event.actor, event.data, decision.next, decision.effects));
    }
    if (step) {
      for (const a of own.filter((x) => x.id !== holding.holder && eligible(x)))
        options.push(() => record('WorkItemClaimed', a, { holder: a.id, takenFrom: holding.holder }));
      for (const from of own.filter(holds))
        for (const to of own.filter((x) => x.id !== holding.holder && eligible(x))) {
          if (holding.delegate) continue;
          options.push(() =>
            record('WorkItemTransferred', from, { from: holding.holder, to: to.id, reason: 'r' }),
          );
          if (to.id !== from.id)
            options.push(() => {
              if (!holding.holder) record('WorkItemClaimed', from, { holder: from.id, takenFrom: null });
              record('WorkItemDelegated', from, { delegator: from.id, to: to.id, reason: 'r' });
            });
          if (to.id !== from.id && !holding.signers.some((s) => s.account === to.id))
            options.push(() =>
              record('SignersAdded', from, { accounts: [to.id], mode: 'before', reason: null }),
            );
        }
      if (holding.delegate) {
        const d = actorOf(holding.delegate.to);
        options.push(() =>
          record('WorkItemResolved', d, { delegator: holding.delegate!.by, by: d.id, opinion: 'o' }),
        );
      }
      for (const s of pendingSigners(holding)) {
        const signer = actorOf(s.account);
        options.push(() =>
          record('CaseSigned', signer, { signer: s.account, agree: true, opinion: 'o', passesTo: null }),
        );
        options.push(() => record('SignerRemoved', actorOf(s.addedBy), { account: s.account, reason: null }));
      }
      for (const target of returnTargetsOf(snapshot))
        for (const by of own.filter(holds)) {
          if (holding.delegate || pendingSigners(holding).length) continue;
          const data = {
            to: target.to,
            from: stateKey(snapshot),
            holder: null as string | null,
            reasons: ['r'],
            reason: 'r',
            recall: false,
          };
          const probe = decide(snapshot.machine, snapshot, { type: CASE_RETURNED, data, actor: by, at });
          if (!probe.accepted) continue;
          const previous = holding.movers[stateKey(probe.next)];
          data.holder = previous && eligible(actorOf(previous), probe.next) ? previous : null;
          options.push(() => {
            if (paused) counts.returnAfterPause = (counts.returnAfterPause ?? 0) + 1;
            const before = clockFacts(clocks);
            record(CASE_RETURNED, by, data, probe.next, probe.effects);
            // Every clock open before the return is exactly as it was: no restart, no moved due date, a pause
            // keeps its remaining days; and the return opens no clock of its own.
            const after = clockFacts(clocks);
            const where = `seed ${seed} step ${i}: return to ${target.to}`;
            for (const [name, facts] of before)
              if (JSON.stringify(after.get(name)) !== JSON.stringify(facts))
                violations.push(
                  `${where}: clock ${name} changed ${JSON.stringify(facts)} → ${JSON.stringify(after.get(name))}`,
                );
            for (const name of after.keys())
              if (!before.has(name)) violations.push(`${where}: clock ${name} started by a return`);
            if (paused && [...before.values()].some((c) => c.status === 'running'))
              counts.returnAfterPauseWithRunningClock = (counts.returnAfterPauseWithRunningClock ?? 0) + 1;
          });
        }
    }
    // The machine's own steps half the time, so walks get deep enough for returns and decisions.
    if (moves.length === 0 && options.length === 0) break;
    pick(options.length === 0 || (moves.length > 0 && next() < 0.5) ? moves : options)();
    if (/[Ss]upplement|awaitingMaterials/.test(stateKey(snapshot))) paused = true;

    const where = `seed ${seed} step ${i} (${stateKey(snapshot)})`;
    const now = staffStepOf(snapshot);
    if (holding.step !== stateKey(snapshot)) violations.push(`${where}: holding is about another step`);
    for (const [what, id] of [
      ['holder', holding.holder],
      ['delegate', holding.delegate?.to ?? null],
      ...holding.signers.map((s) => ['co-signer', s.account] as const),
    ] as const) {
      if (!id || !now) continue;
      if (id === RELATED.id) violations.push(`${where}: the related reviewer is ${what}`);
      else if (!eligible(actorOf(id))) violations.push(`${where}: ${what} ${id} may not take the step`);
    }
    if (now && !holding.holder && !own.some((a) => eligible(a)))
      violations.push(`${where}: nobody may take the step`);
  }
  return { violations, counts };
}

/** The workbench's invariants on a workflow, over many seeded random walks (plus what they must have covered). */
export function describeWorkbenchWalk(
  title: string,
  definition: CaseTypeDefinition,
  subject: string,
  expectCovered: string[] = [],
  limits: TimeLimitSeed[] = [],
): void {
  describe(`${title}: workbench operations as events (random walks)`, () => {
    const walks = Array.from({ length: 400 }, (_, seed) =>
      walkWorkbench(definition, subject, seed + 1, 120, limits),
    );

    it('never lets someone hold, be delegated or co-sign a step they may not take, nor the related reviewer', () => {
      expect(walks.flatMap((w) => w.violations).slice(0, 5)).toEqual([]);
    });

    it('covers the operations the workflow allows', () => {
      const total: Record<string, number> = {};
      for (const w of walks) for (const [k, n] of Object.entries(w.counts)) total[k] = (total[k] ?? 0) + n;
      for (const operation of [
        'WorkItemClaimed',
        'WorkItemTransferred',
        'WorkItemDelegated',
        'CaseSigned',
        ...expectCovered,
      ])
        expect({ operation, seen: (total[operation] ?? 0) > 0 }).toEqual({ operation, seen: true });
    });
  });
}
