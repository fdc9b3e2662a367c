import { describe, expect, it } from '@jest/globals';
import type { AnyMachineSnapshot } from 'xstate';
import {
  activeStatePaths,
  decide,
  initialSnapshot,
  replayPath,
  shortestModelPaths,
} from '@credence/workflow';
import { repairMachine } from './repair.machine';
import { repairCaseType } from '../repair.case-type';

describe('credit repair machine (model-based: every shortest path)', () => {
  const paths = shortestModelPaths(repairCaseType);
  const targets = new Set(paths.map((p) => p.target));

  it('reaches every state an application can be in', () => {
    for (const state of [
      'draft',
      'open.received',
      'open.awaitingSupplement',
      'open.review.reviewing',
      'open.review.awaitingDecision',
      'approved',
      'rejected',
      'notAccepted',
      'withdrawn',
      'closedUnsupplemented',
      'revoked',
    ])
      expect([...targets].some((t) => t === state || t.startsWith(`${state}`))).toBe(true);
  });

  it.each(paths.map((p) => [p.target, p] as const))(
    'replays the path to %s through the engine',
    (target, path) => {
      expect(replayPath(repairCaseType, path)).toBe(target);
    },
  );

  it('lets only the finding authority act and only the subject apply', () => {
    for (const path of paths)
      for (const event of path.events) {
        expect(event.actor.id).not.toBe('other-authority');
        expect(event.actor.id).not.toBe('other-subject');
      }
  });
});

/** Drives the machine with the model's candidate events, picked by type, actor and (for creation) severity. */
const candidates = (snapshot: AnyMachineSnapshot, type: string, actorId: string, severity?: string) =>
  repairCaseType.modelEvents!(snapshot).find(
    (e) =>
      e.type === type &&
      e.actor.id === actorId &&
      (severity === undefined || (e.data.record as { severity: string }).severity === severity),
  )!;
const run = (severity: 'general' | 'serious', steps: [string, string][]) => {
  let snapshot = initialSnapshot(repairMachine, 'x');
  const first = candidates(snapshot, 'RepairApplicationCreated', 'applicant', severity);
  const created = decide(repairMachine, snapshot, first);
  if (!created.accepted) throw new Error('the application was not created');
  snapshot = created.next;
  for (const [type, actor] of steps) {
    const decision = decide(repairMachine, snapshot, candidates(snapshot, type, actor));
    if (!decision.accepted) return `refused: ${type} by ${actor}`;
    snapshot = decision.next;
  }
  return activeStatePaths(snapshot).join();
};
describe('four eyes (DOMAIN §3: serious records need a second reviewer, never the same person)', () => {
  const toReview: [string, string][] = [
    ['RepairApplicationSubmitted', 'applicant'],
    ['RepairApplicationAccepted', 'officer'],
  ];

  it('a serious record cannot be approved without a recommendation', () => {
    expect(run('serious', [...toReview, ['RepairApproved', 'officer']])).toBe(
      'refused: RepairApproved by officer',
    );
    expect(run('serious', [...toReview, ['RepairApproved', 'reviewer']])).toBe(
      'refused: RepairApproved by reviewer',
    );
  });

  it('the reviewer who recommended cannot decide; another senior reviewer can', () => {
    const recommended: [string, string][] = [...toReview, ['RepairRecommended', 'reviewer']];
    expect(run('serious', [...recommended, ['RepairApproved', 'reviewer']])).toBe(
      'refused: RepairApproved by reviewer',
    );
    expect(run('serious', [...recommended, ['RepairApproved', 'officer']])).toBe(
      'refused: RepairApproved by officer',
    );
    expect(run('serious', [...recommended, ['RepairApproved', 'reviewer-2']])).toBe('approved');
  });

  it('a general record may be decided by one officer when the authority allows it', () => {
    expect(run('general', [...toReview, ['RepairApproved', 'officer']])).toBe('approved');
  });
});

describe('revocation (撤销修复)', () => {
  const approved: [string, string][] = [
    ['RepairApplicationSubmitted', 'applicant'],
    ['RepairApplicationAccepted', 'officer'],
    ['RepairApproved', 'officer'],
  ];
  const revoke = (actor: string, ground: string) => {
    let snapshot = initialSnapshot(repairMachine, 'x');
    for (const [type, by] of [['RepairApplicationCreated', 'applicant'], ...approved]) {
      const severity = type === 'RepairApplicationCreated' ? 'general' : undefined;
      const decision = decide(repairMachine, snapshot, candidates(snapshot, type, by, severity));
      if (!decision.accepted) throw new Error(`${type} by ${by} was refused`);
      snapshot = decision.next;
    }
    const event = repairCaseType.modelEvents!(snapshot).find(
      (e) => e.type === 'RepairApprovalRevoked' && e.actor.id === actor && e.data.ground === ground,
    )!;
    return decide(repairMachine, snapshot, event).accepted;
  };

  it('a senior reviewer revokes for false materials; a broken commitment revokes only through its breach', () => {
    expect(revoke('reviewer', 'false_materials')).toBe(true);
    expect(revoke('reviewer', 'commitment_broken')).toBe(false);
    expect(revoke('system', 'commitment_broken')).toBe(true);
    expect(revoke('officer', 'false_materials')).toBe(false);
  });
});
