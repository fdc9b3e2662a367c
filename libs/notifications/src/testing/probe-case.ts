import { setup } from 'xstate';
import { DEMO_SUBJECTS } from '@credence/identity';
import { uuidv7 } from '@credence/shared';
import type { CaseEngine, CaseTypeDefinition, WorkflowActor } from '@credence/workflow';

/**
 * A case of the demo subject at 盱眙 (320830) whose events are appended as given: notifications are keyed by event
 * type, so a probe carrying a workflow's event names exercises the templates without that workflow's rules.
 */
const probeMachine = setup({}).createMachine({
  id: 'probe',
  version: '1',
  initial: 'new',
  states: { new: { on: { Opened: { target: 'open' } } }, open: {} },
});

export const PROBE = 'probe';
export const probeCaseType: CaseTypeDefinition = {
  type: PROBE,
  label: { zh: '测试案件', en: 'Probe' },
  machine: probeMachine,
  actions: {},
  refusals: {},
  ownershipOf: () => ({
    authorityCode: '320830',
    authorityPath: '320000/320800/320830',
    subjectCode: DEMO_SUBJECTS.xuyiTongda.code,
    subjectName: DEMO_SUBJECTS.xuyiTongda.name,
    title: 'XF-320830-2026-000001',
  }),
};

const opener: WorkflowActor = {
  id: 'opener',
  role: 'officer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  subjectCode: null,
};

/** Opens a probe case; `emit` appends events of any type to it as `actorId`. */
export async function openProbe(engine: CaseEngine) {
  const id = uuidv7();
  await engine.execute({
    caseType: PROBE,
    caseId: id,
    eventType: 'Opened',
    data: {},
    actor: opener,
    origin: { correlationId: 'probe' },
    create: true,
  });
  let version = 1;
  return {
    id,
    async emit(type: string, data: Record<string, unknown>, actorId = 'someone') {
      const eventId = uuidv7();
      await engine.store.append(
        `${PROBE}-${id}`,
        [{ eventId, type, data, metadata: { actorId, actorRole: 'officer', correlationId: 'probe' } }],
        { expectedVersion: version },
      );
      version += 1;
      return eventId;
    },
  };
}
