import { refusals } from './workbench-refusals';
import { claimStanding, gatedActions, refusalOf } from './standing';
import type { WorkbenchAccess } from './workbench-access';
import type { LoadedCase } from '../case-command';
import type { WorkflowActor } from '../case-event';
import type { ActionOption } from '../refusals/explain-refusal';

const loaded = {} as LoadedCase;
const actor = { id: 'a', role: 'officer' } as WorkflowActor;
const label = { zh: '受理', en: 'Accept' };

/** A WorkbenchAccess whose checks throw what the test says (the real ones read the database). */
function access(checks: { gate?: () => void; claim?: (withReason: boolean) => void }): WorkbenchAccess {
  return {
    gate: () => Promise.resolve().then(() => checks.gate?.()),
    mustBeAbleToClaim: (_l: LoadedCase, _a: WorkflowActor, c: { withReason: boolean }) =>
      Promise.resolve().then(() => checks.claim?.(c.withReason)),
  } as unknown as WorkbenchAccess;
}

describe('what the workbench says before anyone acts', () => {
  const options: ActionOption[] = [
    { action: 'accept', eventType: 'Accepted', label, available: true },
    {
      action: 'approve',
      eventType: 'Approved',
      label,
      available: false,
      refusal: { code: 'REPAIR.RECOMMENDER_MAY_NOT_DECIDE', message: label },
    },
  ];

  it("refuses what the machine allows with the gate's words, and keeps the machine's own refusals", async () => {
    const held = refusals.heldByAnother();
    const gated = await gatedActions(
      access({
        gate: () => {
          throw held;
        },
      }),
      loaded,
      actor,
      options,
    );
    expect(gated[0]).toEqual({
      ...options[0],
      available: false,
      refusal: { code: held.code, message: held.bilingual },
    });
    expect(gated[1]).toEqual(options[1]);
    expect(await gatedActions(access({}), loaded, actor, options)).toEqual(options);
  });

  it('tells a claim, a take-over that needs a reason, and a claim no reason helps apart', async () => {
    expect(await claimStanding(access({}), loaded, actor)).toEqual({
      allowed: true,
      reasonRequired: false,
      refusal: null,
    });
    const takeOver = access({
      claim: (withReason) => {
        if (!withReason) throw refusals.heldByAnother();
      },
    });
    expect(await claimStanding(takeOver, loaded, actor)).toMatchObject({
      allowed: false,
      reasonRequired: true,
      refusal: { code: 'WORKBENCH.HELD_BY_ANOTHER' },
    });
    const related = access({
      claim: () => {
        throw refusals.related(true);
      },
    });
    expect(await claimStanding(related, loaded, actor)).toMatchObject({
      allowed: false,
      reasonRequired: false,
      refusal: { code: 'WORKBENCH.RELATED_PARTY' },
    });
  });

  it('lets a defect through: only a refusal becomes words', async () => {
    await expect(refusalOf(() => Promise.reject(new TypeError('defect')))).rejects.toThrow('defect');
  });
});
