import { assign, setup } from 'xstate';
import type { Actor } from '@credence/identity';
import { ManualClock, uuidv7 } from '@credence/shared';
import type { CaseEngine, CaseTypeDefinition, Reaction, WorkflowActor } from '@credence/workflow';
import { ReactionRunner, reactionOutbox } from '@credence/workflow';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import { openCaseEngine } from '../../../workflow/src/testing/open-case-engine';
import { Incidents } from './incidents';

/** A target that takes `Bumped` only once it is `Ready`: refused first, carried out on a retry after. */
const gateMachine = setup({
  types: { context: {} as { ready: boolean; bumps: number } },
}).createMachine({
  id: 'gate',
  version: '1',
  context: { ready: false, bumps: 0 },
  initial: 'new',
  states: {
    new: { on: { Opened: { target: 'open' } } },
    open: {
      on: {
        Ready: { actions: assign({ ready: true }) },
        // An action, so that the machine counts the ping as a step (a transition with neither is not one).
        Pinged: { actions: assign(({ context }) => context) },
        Bumped: {
          guard: ({ context }) => context.ready,
          actions: assign(({ context }) => ({ bumps: context.bumps + 1 })),
        },
      },
    },
  },
});
const gateAt = (authorityCode: string, authorityPath: string): CaseTypeDefinition => ({
  type: `gate${authorityCode}`,
  label: { zh: '闸门', en: 'Gate' },
  machine: gateMachine,
  actions: {},
  refusals: {},
  ownershipOf: () => ({ authorityCode, authorityPath, subjectCode: 's', subjectName: 's', title: 'GATE' }),
});
const XUYI = gateAt('320830', '320000/320800/320830');
const ZIYANG = gateAt('512000', '510000/512000');

const bumps = (type: string): Reaction => ({
  name: `bumps-${type}`,
  streamTypes: [type],
  eventTypes: ['Pinged'],
  react: (event) =>
    Promise.resolve([
      { caseType: type, caseId: event.streamId.slice(type.length + 1), eventType: 'Bumped', data: {} },
    ]),
});

const system: WorkflowActor = {
  id: 'x',
  role: 'officer',
  authorityCode: null,
  authorityPath: null,
  subjectCode: null,
};
const admin: Actor = {
  id: uuidv7(),
  username: 'admin',
  role: 'admin',
  authorityCode: null,
  authorityPath: null,
  subjectCode: null,
  displayName: 'admin',
};
const auditorXuyi: Actor = {
  ...admin,
  id: uuidv7(),
  role: 'auditor',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
};

describe('Incidents', () => {
  let t: TestDatabase;
  let engine: CaseEngine;
  let runner: ReactionRunner;
  let incidents: Incidents;
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));

  const open = async (type: CaseTypeDefinition) => {
    const id = uuidv7();
    const run = (eventType: string, create = false) =>
      engine.execute({
        caseType: type.type,
        caseId: id,
        eventType,
        data: {},
        actor: system,
        origin: { correlationId: 'c' },
        create,
      });
    await run('Opened', true);
    return { id, run };
  };

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ engine } = openCaseEngine(t.db, clock, [XUYI, ZIYANG]));
    runner = new ReactionRunner(t.db, engine);
    runner.register(bumps(XUYI.type));
    runner.register(bumps(ZIYANG.type));
    incidents = new Incidents(t.db, clock, runner);
  });
  afterAll(() => t.drop());

  it('lists a refused reaction within the reader’s authority, and a retry after the cause is fixed carries it out', async () => {
    const here = await open(XUYI);
    const there = await open(ZIYANG);
    await here.run('Pinged');
    await there.run('Pinged');
    await runner.drain();

    const seen = await incidents.list(auditorXuyi, { kind: 'reaction_refused', page: 1, pageSize: 50 });
    expect(seen.items.map((i) => i.caseId)).toEqual([here.id]);
    expect(seen.items[0]).toMatchObject({
      channel: `bumps-${XUYI.type}`,
      subject: 'Bumped',
      authorityCode: '320830',
    });
    const all = await incidents.list(admin, { kind: 'reaction_refused', page: 1, pageSize: 50 });
    expect(all.total).toBe(2);
    const id = seen.items[0].id;

    // Still refused: recorded as such, the incident stays.
    expect(await incidents.retry([id], admin)).toEqual([
      { id, outcome: 'refused', detail: expect.any(String) },
    ]);
    await here.run('Ready');
    expect(await incidents.retry([id], admin)).toEqual([{ id, outcome: 'recorded', detail: null }]);
    const after = await engine.load(XUYI.type, here.id, system);
    expect((after.snapshot.context as { bumps: number }).bumps).toBe(1);
    expect(after.events.at(-1)!.metadata.causationId).toBeTruthy();
    expect((await incidents.list(admin, { kind: 'reaction_refused', page: 1, pageSize: 50 })).total).toBe(1);
    const { rows } = await t.db.query(
      `SELECT outcome, actor_id::text, actor_role FROM incident_retries WHERE incident_id = $1 ORDER BY id`,
      [id],
    );
    expect(rows).toEqual([
      { outcome: 'refused', actor_id: admin.id, actor_role: 'admin' },
      { outcome: 'recorded', actor_id: admin.id, actor_role: 'admin' },
    ]);
  });

  it('lists a dead-lettered delivery by platform and age, and requeues it for one more attempt', async () => {
    const here = await open(XUYI);
    const cause = { eventId: uuidv7(), recordedAt: clock.now() };
    await t.db.transaction((tx) =>
      reactionOutbox(tx, cause, here.id, 'credit-repair.approved', 'cc', {}, 'credit-china'),
    );
    // The state the relay leaves a row in after its last failed attempt.
    await t.superuser.query(
      `UPDATE outbox SET status = 'dead', attempts = 12, last_error = 'HTTP 503', dead_lettered_at = $2
        WHERE case_id = $1`,
      [here.id, clock.now()],
    );
    clock.advance(90 * 60_000);
    const found = await incidents.list(auditorXuyi, { channel: 'credit-china', page: 1, pageSize: 10 });
    expect(found.items).toEqual([
      expect.objectContaining({ kind: 'delivery_dead', attempts: 12, error: 'HTTP 503', ageMinutes: 90 }),
    ]);
    expect(
      (await incidents.list(admin, { channel: 'credit-china', minAgeMinutes: 120, page: 1, pageSize: 10 }))
        .total,
    ).toBe(0);
    const [result] = await incidents.retry([found.items[0].id], admin);
    expect(result.outcome).toBe('requeued');
    const { rows } = await t.db.query(`SELECT status, attempts FROM outbox WHERE case_id = $1`, [here.id]);
    expect(rows).toEqual([{ status: 'pending', attempts: 12 }]);
  });

  it('answers 404 for an id outside the reader’s scope, and retries nothing of the batch', async () => {
    const there = await open(ZIYANG);
    await there.run('Pinged');
    await runner.drain();
    const [foreign] = (
      await incidents.list(admin, { authority: '512000', kind: 'reaction_refused', page: 1, pageSize: 10 })
    ).items;
    const asXuyi = {
      ...admin,
      role: 'auditor' as const,
      authorityCode: '320830',
      authorityPath: '320000/320800/320830',
    };
    await expect(incidents.retry([foreign.id], asXuyi)).rejects.toMatchObject({ status: 404 });
    await expect(incidents.retry(['reaction:999999'], admin)).rejects.toMatchObject({ status: 404 });
    const { rows } = await t.db.query(
      `SELECT count(*)::int AS n FROM incident_retries WHERE incident_id = $1`,
      [foreign.id],
    );
    expect(rows[0].n).toBe(0);
  });
});
