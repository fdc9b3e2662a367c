import fc from 'fast-check';
import type { AnyMachineSnapshot } from 'xstate';
import { addDays, beijingDateOf, startOfBeijingDay } from '@credence/shared';
import {
  DEFAULT_TIME_LIMITS,
  OFFICIAL_SCHEDULES,
  StatutoryTimeSnapshot,
  type TimeLimit,
} from '@credence/working-calendar';
import type { WorkflowActor } from '../case-event';
import { decide, initialSnapshot } from '../machine-runtime';
import { clockedApplicant, clockedMachine } from '../testing/clocked-case';
import { ClockPlanner } from './clock-planner';
import type { ClockState } from './clock-state';

const time = new StatutoryTimeSnapshot(
  OFFICIAL_SCHEDULES.map((s) => ({ ...s, version: 1 })),
  DEFAULT_TIME_LIMITS.map((l, i): TimeLimit => ({ ...l, id: String(i + 1), authorityCode: null })),
);
const calendar = time.calendarFor(null);
const officer: WorkflowActor = {
  id: 'o',
  role: 'officer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  subjectCode: null,
};
const noon = (date: string) => new Date(startOfBeijingDay(date).getTime() + 12 * 3_600_000);

/** Runs events through the machine and the planner, as the engine does, and returns the clocks. */
function run(steps: { type: string; on: string; actor?: WorkflowActor; data?: Record<string, unknown> }[]) {
  let snapshot: AnyMachineSnapshot = initialSnapshot(clockedMachine, 'case');
  let clocks = new Map<string, ClockState>();
  let first = true;
  for (const step of steps) {
    const at = noon(step.on);
    const decision = decide(clockedMachine, snapshot, {
      type: step.type,
      data: step.data ?? {
        authorityCode: '320830',
        authorityPath: '320000/320800/320830',
        subjectCode: 'x',
        title: 't',
      },
      actor: step.actor ?? officer,
      at: at.toISOString(),
    });
    if (!decision.accepted) throw new Error(`${step.type} refused`);
    const plan = new ClockPlanner(clocks, time, '320830', at).transition(
      first ? null : snapshot,
      decision.next,
      decision.effects,
    );
    [snapshot, clocks, first] = [decision.next, plan.clocks, false];
  }
  return clocks;
}

const workingDay = fc
  .integer({ min: 0, max: 600 })
  .map((i) => addDays('2025-01-02', i))
  .filter((d) => calendar.isWorkingDay(d));

describe('ClockPlanner', () => {
  it('pausing for k working days moves the due date by exactly k working days', () => {
    fc.assert(
      fc.property(
        workingDay,
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 40 }),
        (submitted, p, k) => {
          const pausedOn = calendar.addWorkingDays(submitted, p).value;
          const resumedOn = calendar.addWorkingDays(pausedOn, k).value;
          const clocks = run([
            { type: 'Submitted', on: submitted, actor: clockedApplicant },
            { type: 'Accepted', on: submitted },
            { type: 'SupplementRequested', on: pausedOn },
            { type: 'Supplemented', on: resumedOn, actor: clockedApplicant },
          ]);
          const unpaused = calendar.addWorkingDays(submitted, 10).value;
          return clocks.get('result')!.dueDate === calendar.addWorkingDays(unpaused, k).value;
        },
      ),
    );
  });

  it('records the limit, its legal basis and the calendar version the due date was computed on', () => {
    const clocks = run([{ type: 'Submitted', on: '2026-09-28', actor: clockedApplicant }]);
    expect(clocks.get('acceptance')).toMatchObject({
      limitKey: 'repair.acceptance',
      workingDays: 3,
      legalBasis: { zh: expect.stringContaining('第36号') },
      calendarVersion: '2025@1 2026@1',
      dueDate: '2026-10-08',
    });
    expect(beijingDateOf(new Date(clocks.get('acceptance')!.dueAt!))).toBe('2026-10-09'); // 24:00 = next day 00:00
  });
});
