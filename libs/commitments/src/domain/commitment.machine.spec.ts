import { describe, expect, it } from '@jest/globals';
import type { AnyMachineSnapshot } from 'xstate';
import {
  activeStatePaths,
  decide,
  initialSnapshot,
  replayPath,
  shortestModelPaths,
  type CaseTypeDefinition,
  type MachineEvent,
} from '@credence/workflow';
import { commitmentCaseType } from '../commitment.case-type';
import { COMMITMENT_TYPES, type CommitmentType } from './commitment';
import { commitmentMachine, type CommitmentContext } from './commitment.machine';

/**
 * The graph abstracts a snapshot to its active states, so one signing decides a state's type for the whole graph.
 * The machine behaves differently per type (容缺 waits for materials, breaches by the date): one graph per type.
 */
const ofOneType = (type: CommitmentType): CaseTypeDefinition => ({
  ...commitmentCaseType,
  modelEvents: (snapshot) =>
    commitmentCaseType.modelEvents!(snapshot).filter(
      (e) => e.type !== 'CommitmentSigned' || e.data.type === type,
    ),
});
const pathsByType = COMMITMENT_TYPES.map((type) => [type, shortestModelPaths(ofOneType(type))] as const);
const paths = pathsByType.flatMap(([, p]) => p);

describe('commitment machine (model-based: every shortest path of every type)', () => {
  const targets = new Set(paths.map((p) => p.target));

  it('reaches every state a commitment can be in', () => {
    expect([...targets].sort()).toEqual(
      [
        'breached',
        'fulfilled',
        'inForce.awaitingCheck',
        'inForce.awaitingMaterials',
        'inForce.checking',
        'lapsed',
        'new',
        'published',
        'signed',
        'withdrawn',
      ].sort(),
    );
  });

  it('reaches the awaiting-materials state only for 容缺, the awaiting-check state only for the others', () => {
    for (const [type, typePaths] of pathsByType) {
      const reached = typePaths.map((p) => p.target);
      expect(reached.includes('inForce.awaitingMaterials')).toBe(type === 'missing_materials');
      expect(reached.includes('inForce.awaitingCheck')).toBe(type !== 'missing_materials');
    }
  });

  it.each(pathsByType.flatMap(([type, p]) => p.map((path) => [type, path.target, path] as const)))(
    '%s: replays the path to %s through the engine',
    (_type, target, path) => {
      expect(replayPath(commitmentCaseType, path)).toBe(target);
    },
  );

  it('a repair commitment follows its application: only the system puts it in force or lets it lapse', () => {
    const [, repairPaths] = pathsByType.find(([type]) => type === 'repair')!;
    for (const path of repairPaths) {
      const effect = path.events.find((e) => e.type === 'CommitmentTookEffect');
      if (effect) expect(effect.actor.role).toBe('system');
      expect(path.events.map((e) => e.type)).not.toContain('CommitmentWithdrawn');
    }
    expect(repairPaths.map((p) => p.target)).toContain('lapsed');
    expect(paths.filter((p) => p.target === 'lapsed').every((p) => p.events[0].data.type === 'repair')).toBe(
      true,
    );
  });

  it('lets only the subject and the authority it is made to act; the system only on its own events', () => {
    const systemEvents = new Set([
      'CommitmentLapsed',
      'PromisedMaterialsOverdue',
      'FulfilmentCheckOverdue',
      'BreachRecordRegistered',
      'BreachRecordRefused',
      'LinkedDecisionRevocationRequested',
      'GradeReEvaluationRequested',
    ]);
    for (const path of paths)
      for (const event of path.events) {
        expect(event.actor.id).not.toBe('other-authority');
        expect(event.actor.id).not.toBe('other-subject');
        const systemStep =
          systemEvents.has(event.type) ||
          (event.type === 'CommitmentTookEffect' && path.events[0].data.type === 'repair');
        expect(event.actor.role === 'system').toBe(systemStep);
      }
  });
});

/** Drives the machine with the model's candidate events, picked by type, actor and (optionally) a data predicate. */
function drive(steps: [string, string, ((data: Record<string, unknown>) => boolean)?][], at?: string) {
  let snapshot: AnyMachineSnapshot = initialSnapshot(commitmentMachine, 'x');
  for (const [type, actorId, pick] of steps) {
    const candidate = commitmentCaseType.modelEvents!(snapshot).find(
      (e) => e.type === type && e.actor.id === actorId && (!pick || pick(e.data)),
    );
    if (!candidate) throw new Error(`no candidate ${type} by ${actorId}`);
    const event: MachineEvent = at ? { ...candidate, at } : candidate;
    const decision = decide(commitmentMachine, snapshot, event);
    if (!decision.accepted) return { refused: `${type} by ${actorId}`, snapshot };
    snapshot = decision.next;
  }
  return { refused: null, snapshot };
}
const ofType =
  (type: string, consent = true, eligible = true) =>
  (d: Record<string, unknown>) =>
    d.type === type &&
    d.consentToPublish === consent &&
    (d.eligibility as { allowed: boolean }).allowed === eligible;
const state = (r: { snapshot: AnyMachineSnapshot }) => activeStatePaths(r.snapshot).join();
const context = (r: { snapshot: AnyMachineSnapshot }) => r.snapshot.context as CommitmentContext;

describe('commitment rules', () => {
  it('is published at signing when the subject consents, otherwise only signed', () => {
    expect(state(drive([['CommitmentSigned', 'applicant', ofType('approval_substitution', true)]]))).toBe(
      'published',
    );
    expect(state(drive([['CommitmentSigned', 'applicant', ofType('approval_substitution', false)]]))).toBe(
      'signed',
    );
  });

  it('refuses a public-by-nature commitment (repair, voluntary) without consent to publish', () => {
    expect(drive([['CommitmentSigned', 'applicant', ofType('repair', false)]]).refused).toBe(
      'CommitmentSigned by applicant',
    );
    expect(drive([['CommitmentSigned', 'officer', ofType('voluntary', false)]]).refused).toBe(
      'CommitmentSigned by officer',
    );
  });

  it('refuses a fast-track commitment from a subject the handler found ineligible', () => {
    expect(drive([['CommitmentSigned', 'applicant', ofType('missing_materials', true, false)]]).refused).toBe(
      'CommitmentSigned by applicant',
    );
  });

  it('allows withdrawal only before the authority relies on the promise', () => {
    const sign: [string, string, (d: Record<string, unknown>) => boolean] = [
      'CommitmentSigned',
      'applicant',
      ofType('approval_substitution'),
    ];
    expect(state(drive([sign, ['CommitmentWithdrawn', 'applicant']]))).toBe('withdrawn');
    expect(
      drive([sign, ['CommitmentTookEffect', 'officer'], ['CommitmentWithdrawn', 'applicant']]).refused,
    ).toBe('CommitmentWithdrawn by applicant');
  });

  it('a repair commitment is never withdrawn or put in force by people: it follows its application', () => {
    const sign: [string, string, (d: Record<string, unknown>) => boolean] = [
      'CommitmentSigned',
      'applicant',
      ofType('repair'),
    ];
    expect(drive([sign, ['CommitmentWithdrawn', 'applicant']]).refused).toBe(
      'CommitmentWithdrawn by applicant',
    );
    expect(drive([sign, ['CommitmentTookEffect', 'officer']]).refused).toBe(
      'CommitmentTookEffect by officer',
    );
    expect(state(drive([sign, ['CommitmentTookEffect', 'system']]))).toBe('inForce.awaitingCheck');
    const lapsed = drive([sign, ['CommitmentLapsed', 'system']]);
    expect(state(lapsed)).toBe('lapsed');
    expect(context(lapsed).lapse).toMatchObject({ reason: 'application_rejected', by: 'system' });
    // Other commitments do not lapse: the subject or the authority withdraws them.
    expect(
      drive([
        ['CommitmentSigned', 'applicant', ofType('voluntary')],
        ['CommitmentLapsed', 'system'],
      ]).refused,
    ).toBe('CommitmentLapsed by system');
  });

  const inForce = (type: string): [string, string, ((d: Record<string, unknown>) => boolean)?][] => [
    ['CommitmentSigned', 'applicant', ofType(type)],
    ['CommitmentTookEffect', 'officer'],
  ];

  it('a 容缺 commitment waits for its materials and is kept when the last one arrives before the date', () => {
    const partial = drive([
      ...inForce('missing_materials'),
      ['PromisedMaterialsSupplied', 'applicant', (d) => (d.materials as unknown[]).length === 1],
    ]);
    expect(state(partial)).toBe('inForce.awaitingMaterials');
    const complete = drive([
      ...inForce('missing_materials'),
      ['PromisedMaterialsSupplied', 'applicant', (d) => (d.materials as unknown[]).length === 2],
    ]);
    expect(state(complete)).toBe('fulfilled');
    expect(context(complete).outcome).toMatchObject({ result: 'fulfilled', automatic: true });
  });

  it('a 容缺 material arriving after 24:00 Beijing of the promised date is refused, and the date passing breaches', () => {
    const late = drive(
      [...inForce('missing_materials'), ['PromisedMaterialsSupplied', 'applicant']],
      '2026-06-11T16:00:00.000Z',
    );
    expect(late.refused).toBe('PromisedMaterialsSupplied by applicant');
    const overdue = drive([...inForce('missing_materials'), ['PromisedMaterialsOverdue', 'system']]);
    expect(state(overdue)).toBe('breached');
    expect(context(overdue).outcome).toMatchObject({
      result: 'breached',
      automatic: true,
      ground: 'materials_not_supplied',
    });
  });

  it('for other types the due date passing only flags the check overdue', () => {
    const overdue = drive([...inForce('approval_substitution'), ['FulfilmentCheckOverdue', 'system']]);
    expect(state(overdue)).toBe('inForce.awaitingCheck');
    expect(context(overdue).checkOverdue).toBe(true);
    expect(drive([...inForce('approval_substitution'), ['PromisedMaterialsOverdue', 'system']]).refused).toBe(
      'PromisedMaterialsOverdue by system',
    );
    expect(drive([...inForce('missing_materials'), ['FulfilmentCheckOverdue', 'system']]).refused).toBe(
      'FulfilmentCheckOverdue by system',
    );
  });

  it('records each breach consequence once', () => {
    const breached: [string, string][] = [
      ['FulfilmentCheckStarted', 'officer'],
      ['CommitmentBreached', 'officer'],
    ];
    const once = drive([
      ...inForce('approval_substitution'),
      ...breached,
      ['BreachRecordRegistered', 'system'],
    ]);
    expect(context(once).consequences).toHaveLength(1);
    expect(
      drive([
        ...inForce('approval_substitution'),
        ...breached,
        ['BreachRecordRegistered', 'system'],
        ['BreachRecordRegistered', 'system'],
      ]).refused,
    ).toBe('BreachRecordRegistered by system');
    expect(
      drive([...inForce('approval_substitution'), ...breached, ['BreachRecordRegistered', 'officer']])
        .refused,
    ).toBe('BreachRecordRegistered by officer');
  });
});
