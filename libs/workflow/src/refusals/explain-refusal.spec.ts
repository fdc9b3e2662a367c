import { describe, expect, it } from '@jest/globals';
import { setup } from 'xstate';
import type { MachineEvent, WorkflowActor } from '../case-event';
import type { CaseTypeDefinition } from '../case-type';
import { decide, initialSnapshot } from '../machine-runtime';
import { stateMeta, transitionMeta } from '../machine-declarations';
import { walkRefusals } from '../testing/refusal-walk';
import { actionOptions, refusalError } from './explain-refusal';
import { refusal, type RefusalCatalogue } from './refusal';

type Args = { context: { extended: boolean }; event: MachineEvent };
const guards = {
  isStaff: ({ event }: Args) => event.actor.role === 'officer',
  isSenior: ({ event }: Args) => event.actor.role === 'senior_reviewer',
  notExtended: ({ context, event }: Args) => !context.extended && event.actor.role === 'officer',
};

/** A small case: filed → under review (approve by a senior reviewer, or by an officer on a named basis) → decided. */
const machine = setup({
  types: { context: {} as { extended: boolean }, events: {} as MachineEvent },
  guards,
}).createMachine({
  id: 'sample',
  context: { extended: true },
  initial: 'received',
  states: {
    received: {
      meta: stateMeta('待受理', 'Awaiting acceptance'),
      on: { Accepted: { guard: 'isStaff', target: 'review', meta: transitionMeta('受理', 'Accept') } },
    },
    review: {
      meta: stateMeta('审查中', 'Under review'),
      on: {
        Approved: [
          { guard: 'isSenior', target: 'decided', meta: transitionMeta('准予', 'Approve') },
          { guard: 'isStaff', target: 'decided', meta: transitionMeta('准予', 'Approve') },
        ],
        Extended: { guard: 'notExtended', meta: transitionMeta('延期', 'Extend') },
      },
    },
    decided: { type: 'final', meta: stateMeta('已决定', 'Decided') },
  },
});

const refusals = {
  isStaff: () => refusal('SAMPLE.STAFF_ONLY', 403, '由工作人员办理', 'Staff take this step'),
  isSenior: () => refusal('SAMPLE.SENIOR_ONLY', 403, '由审核负责人办理', 'A senior reviewer takes this step'),
  notExtended: () =>
    refusal('SAMPLE.ALREADY_EXTENDED', 409, '已延期一次', 'Already extended once', {
      extendedOn: '2026-11-20',
    }),
} satisfies RefusalCatalogue<keyof typeof guards>;

const sample: CaseTypeDefinition = {
  type: 'sample',
  label: { zh: '示例', en: 'Sample' },
  machine,
  actions: { accept: 'Accepted', approve: 'Approved', extend: 'Extended' },
  refusals,
  ownershipOf: () => ({ authorityCode: '', authorityPath: '', subjectCode: '', subjectName: '', title: '' }),
};

const actor = (role: WorkflowActor['role'], id: string = role): WorkflowActor => ({
  id,
  role,
  authorityCode: '320830',
  authorityPath: '320830',
  subjectCode: role === 'applicant' ? 'S' : null,
});
const at = '2026-06-01T02:00:00.000Z';
const event = (type: string, who: WorkflowActor): MachineEvent => ({ type, data: {}, actor: who, at });
const inReview = () => {
  const next = decide(machine, initialSnapshot(machine, 'c'), event('Accepted', actor('officer')));
  if (!next.accepted) throw new Error('not accepted');
  return next.next;
};

describe('the refusal the engine answers with', () => {
  it('is the declared refusal of the failing guard, with its details, the rule code and the HTTP action', () => {
    const error = refusalError(sample, inReview(), event('Extended', actor('officer')));
    expect(error).toMatchObject({ code: 'SAMPLE.ALREADY_EXTENDED', status: 409 });
    expect(error.details).toEqual({
      refusal: 'SAMPLE.ALREADY_EXTENDED',
      action: 'extend',
      extendedOn: '2026-11-20',
    });
  });

  it('of several alternatives, explains the last (widest) one: the rule no alternative can pass without', () => {
    const error = refusalError(sample, inReview(), event('Approved', actor('applicant')));
    expect(error.code).toBe('SAMPLE.STAFF_ONLY');
  });

  it('in the wrong state, names the action and both states by their labels, computed from the machine', () => {
    const error = refusalError(sample, inReview(), event('Accepted', actor('officer')));
    expect(error).toMatchObject({ code: 'WORKFLOW.NOT_IN_THIS_STATE', status: 409 });
    expect(error.bilingual.zh).toBe('本案当前为「审查中」，不能受理；受理只能在案件处于「待受理」时办理');
    expect(error.bilingual.en).toContain('"Under review"');
    expect(error.details).toMatchObject({
      refusal: 'WORKFLOW.NOT_IN_THIS_STATE',
      action: 'accept',
      state: { zh: '审查中', en: 'Under review' },
      possibleIn: [{ zh: '待受理', en: 'Awaiting acceptance' }],
      availableActions: ['approve'],
    });
  });

  it('falls back to the generic refusal, named by the action label, only for a guard without a declaration', () => {
    const { isSenior: _s, isStaff: _t, ...partial } = refusals;
    const error = refusalError(
      { ...sample, refusals: partial },
      inReview(),
      event('Approved', actor('applicant')),
    );
    expect(error.code).toBe('WORKFLOW.ACTION_NOT_PERMITTED');
    expect(error.bilingual.zh).toBe('您不能在本案中准予');
  });
});

describe('the actions a case view lists', () => {
  it('lists each action out of the state, unavailable ones with the refusal they would meet', () => {
    expect(actionOptions(sample, inReview(), actor('applicant'), at)).toEqual([
      {
        action: 'approve',
        eventType: 'Approved',
        label: { zh: '准予', en: 'Approve' },
        available: false,
        refusal: { code: 'SAMPLE.STAFF_ONLY', message: { zh: '由工作人员办理', en: 'Staff take this step' } },
      },
      expect.objectContaining({
        action: 'extend',
        available: false,
        refusal: expect.objectContaining({ code: 'SAMPLE.ALREADY_EXTENDED' }),
      }),
    ]);
    expect(actionOptions(sample, inReview(), actor('senior_reviewer'), at)[0]).toEqual({
      action: 'approve',
      eventType: 'Approved',
      label: { zh: '准予', en: 'Approve' },
      available: true,
    });
  });
});

describe('the walk of a machine’s guards', () => {
  const withModel = { ...sample, modelEvents: () => [] };

  it('finds a guard without a refusal, and a message that names an internal event or state', () => {
    const { notExtended: _n, ...partial } = refusals;
    expect(walkRefusals({ ...withModel, refusals: partial }, []).undeclared).toEqual(['notExtended']);
    const leaking = {
      ...refusals,
      isStaff: () => refusal('SAMPLE.STAFF_ONLY', 403, '不能 Accepted', 'Not in review.received'),
    };
    expect(walkRefusals({ ...withModel, refusals: leaking }, []).leaks.map((l) => l.text)).toEqual([
      '不能 Accepted',
      'Not in review.received',
    ]);
  });
});
