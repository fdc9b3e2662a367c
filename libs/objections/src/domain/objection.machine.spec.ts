import { describe, expect, it } from '@jest/globals';
import type { AnyMachineSnapshot } from 'xstate';
import {
  activeStatePaths,
  availableTransitions,
  decide,
  initialSnapshot,
  replayPath,
  shortestModelPaths,
  type MachineEvent,
  type WorkflowActor,
} from '@credence/workflow';
import { objectionCaseType } from '../objection.case-type';
import { MODEL_ACTORS, MODEL_RECORD } from '../objection.model-events';
import type { ObjectionContext } from './objection';

const at = '2026-06-02T02:00:00.000Z';
const { subject, otherSubject, officer, reviewer, secondReviewer, otherOfficer, cityReviewer, system } =
  MODEL_ACTORS;

const ev = (type: string, actor: WorkflowActor, data: Record<string, unknown> = {}): MachineEvent => ({
  type,
  actor,
  at,
  data,
});

/** Runs events through the engine's decision step; fails the test on the first refusal. */
function run(...events: MachineEvent[]): AnyMachineSnapshot {
  let snapshot = initialSnapshot(objectionCaseType.machine, 'case-1');
  for (const event of events) {
    const decision = decide(objectionCaseType.machine, snapshot, event);
    if (!decision.accepted) throw new Error(`refused: ${event.type} by ${event.actor.id}`);
    snapshot = decision.next;
  }
  return snapshot;
}

const accepts = (snapshot: AnyMachineSnapshot, event: MachineEvent) =>
  decide(objectionCaseType.machine, snapshot, event).accepted;
const state = (snapshot: AnyMachineSnapshot) => activeStatePaths(snapshot).join(' + ');
const context = (snapshot: AnyMachineSnapshot) => snapshot.context as ObjectionContext;

const filed = ev('ObjectionFiled', subject, {
  caseNumber: 'YY-320830-2026-000001',
  record: MODEL_RECORD,
  ground: 'wrong',
  statement: '车辆号牌不符',
  commitment: { content: '承诺材料真实', consent: true },
  materials: [],
});
const answered = (actor: WorkflowActor, outcome = 'maintain') =>
  ev('ObjectionAnswered', actor, { outcome, reasons: ['经核实'], legalBasis: '依据' });
const appealTo = (code: string, path: string) =>
  ev('AppealFiled', subject, {
    statement: '不服',
    appealAuthority: {
      authority: { code, path, name: code },
      decidedBy: code === '320830' ? 'same-authority' : 'parent-authority',
      setting: { settingId: '1', value: 'same-authority', authorityCode: null, effectiveFrom: '2019-01-01' },
      note: null,
    },
  });

describe('objection machine (model-based: every shortest path)', () => {
  const paths = shortestModelPaths(objectionCaseType);

  it('reaches every state an objection can be in', () => {
    const targets = new Set(paths.map((p) => p.target));
    expect([...targets].sort()).toEqual(
      [
        'admission.awaitingSupplement',
        'admission.received',
        'answered',
        'appeal',
        'appealDecided',
        'closed',
        'lapsed',
        'new',
        'notAccepted',
        'verification.awaitingMaterials',
        'verification.checking',
        'withdrawn',
      ].sort(),
    );
  });

  it.each(paths.map((p) => [p.target, p] as const))(
    'replays the path to %s through the engine',
    (target, path) => {
      expect(replayPath(objectionCaseType, path)).toBe(target);
    },
  );
});

describe('objection machine rules', () => {
  it('is filed only by the subject of the record', () => {
    const start = initialSnapshot(objectionCaseType.machine, 'case-1');
    expect(accepts(start, { ...filed, actor: otherSubject })).toBe(false);
    expect(accepts(start, { ...filed, actor: officer })).toBe(false);
    expect(state(run(filed))).toBe('admission.received');
  });

  it('is handled by the finding authority’s staff only (谁认定、谁处理)', () => {
    const received = run(filed);
    expect(accepts(received, ev('ObjectionAccepted', otherOfficer))).toBe(false);
    expect(accepts(received, ev('ObjectionAccepted', subject))).toBe(false);
    expect(accepts(received, ev('ObjectionAccepted', cityReviewer))).toBe(false);
    expect(accepts(received, ev('ObjectionAccepted', officer))).toBe(true);
  });

  it('runs the acceptance clock, pauses it for a supplement, and lapses without one', () => {
    const waiting = run(filed, ev('SupplementRequested', officer, { items: ['行驶证'] }));
    expect(state(waiting)).toBe('admission.awaitingSupplement');
    expect(context(waiting).supplementRequests).toMatchObject([
      { stage: 'admission', items: ['行驶证'], answeredAt: null },
    ]);
    expect(state(run(filed, ev('SupplementRequested', officer), ev('Supplemented', subject)))).toBe(
      'admission.received',
    );
    const lapsed = run(filed, ev('SupplementRequested', officer), ev('SupplementWindowElapsed', system));
    expect(lapsed.status).toBe('done');
    expect(context(lapsed).closure?.reason).toBe('supplement-lapsed');
    expect(context(lapsed).supplementRequests[0].lapsed).toBe(true);
  });

  it('returns to checking when further materials are not handed in during verification', () => {
    const back = run(
      filed,
      ev('ObjectionAccepted', officer),
      ev('SupplementRequested', officer),
      ev('SupplementWindowElapsed', system),
    );
    expect(state(back)).toBe('verification.checking');
  });

  it('extends the verification once, by the handling staff, with the extendClock effect', () => {
    const checking = run(filed, ev('ObjectionAccepted', officer));
    const decision = decide(
      objectionCaseType.machine,
      checking,
      ev('VerificationExtended', officer, { reason: '需调取原始记录' }),
    );
    expect(decision.accepted).toBe(true);
    if (!decision.accepted) return;
    expect(decision.effects).toEqual([
      {
        type: 'extendClock',
        params: { clock: 'verification', limit: 'objection.extension', reason: '需调取原始记录' },
      },
    ]);
    expect(accepts(decision.next, ev('VerificationExtended', officer, { reason: 'again' }))).toBe(false);
  });

  it('lets the subject appeal once, and the window’s expiry closes the case', () => {
    const answer = run(filed, ev('ObjectionAccepted', officer), answered(officer));
    expect(state(answer)).toBe('answered');
    expect(accepts(answer, appealTo('320830', '320000/320800/320830'))).toBe(true);
    expect(accepts(answer, { ...appealTo('320830', '320000/320800/320830'), actor: otherSubject })).toBe(
      false,
    );
    const closed = run(
      filed,
      ev('ObjectionAccepted', officer),
      answered(officer),
      ev('AppealWindowElapsed', system),
    );
    expect(closed.status).toBe('done');
    expect(context(closed).closure?.reason).toBe('appeal-window-elapsed');
  });

  it('has the appeal decided by a senior reviewer who took no step of the first round', () => {
    const appealing = run(
      filed,
      ev('ObjectionAccepted', officer),
      answered(reviewer),
      appealTo('320830', '320000/320800/320830'),
    );
    const uphold = { decision: 'uphold', reasons: ['维持'], legalBasis: '依据' };
    expect(accepts(appealing, ev('AppealDecided', reviewer, uphold))).toBe(false);
    expect(accepts(appealing, ev('AppealDecided', officer, uphold))).toBe(false);
    expect(accepts(appealing, ev('AppealDecided', secondReviewer, uphold))).toBe(true);
    const decided = run(
      filed,
      ev('ObjectionAccepted', officer),
      answered(reviewer),
      appealTo('320830', '320000/320800/320830'),
      ev('AppealDecided', secondReviewer, uphold),
    );
    expect(context(decided).appealDecision).toMatchObject({ decision: 'uphold', outcome: 'maintain' });
  });

  it('hands the appeal to the authority one level up when the setting says so', () => {
    const appealing = run(
      filed,
      ev('ObjectionAccepted', officer),
      answered(officer),
      appealTo('320800', '320000/320800'),
    );
    expect(context(appealing).handling).toMatchObject({ code: '320800' });
    expect(objectionCaseType.ownershipOf(appealing.context).authorityCode).toBe('320800');
    const overturn = {
      decision: 'overturn',
      outcome: 'remove',
      reasons: ['撤销'],
      legalBasis: '依据',
    };
    expect(accepts(appealing, ev('AppealDecided', secondReviewer, overturn))).toBe(false);
    const decided = run(
      filed,
      ev('ObjectionAccepted', officer),
      answered(officer),
      appealTo('320800', '320000/320800'),
      ev('AppealDecided', cityReviewer, overturn),
    );
    expect(context(decided).appealDecision).toMatchObject({ decision: 'overturn', outcome: 'remove' });
  });

  it('offers each actor only what it may do', () => {
    const checking = run(filed, ev('ObjectionAccepted', officer));
    const actions = (actor: WorkflowActor) =>
      availableTransitions(checking, actor, at)
        .map((t) => t.eventType)
        .sort();
    expect(actions(officer)).toEqual(['ObjectionAnswered', 'SupplementRequested', 'VerificationExtended']);
    expect(actions(subject)).toEqual(['ObjectionWithdrawn']);
    expect(actions(otherOfficer)).toEqual([]);
  });
});
