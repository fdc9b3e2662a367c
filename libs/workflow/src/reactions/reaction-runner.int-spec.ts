import { assign, setup } from 'xstate';
import { ManualClock, uuidv7 } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import type { CaseEngine } from '../case-engine';
import type { WorkflowActor } from '../case-event';
import type { CaseTypeDefinition } from '../case-type';
import type { CatalogueEvent, MachineEventOf, RecordedEventOf } from '../event-catalogue';
import { openCaseEngine } from '../testing/open-case-engine';
import type { Reaction } from './reaction';
import { ReactionRunner } from './reaction-runner';

/** The counter's catalogue: `Bumped` names the event that caused it. */
type CounterEvent =
  | CatalogueEvent<'Opened', Record<string, never>>
  | CatalogueEvent<'Bumped', { cause: string }>
  | CatalogueEvent<'Closed', Record<string, never>>;
/** A source case's ping names the counter case to bump. */
type Pinged = CatalogueEvent<'Pinged', { target: string }>;

/** A target case that counts what it was told, and closes for good on request. */
const counterMachine = setup({
  types: {
    context: {} as { count: number; causes: string[] },
    events: {} as MachineEventOf<CounterEvent>,
  },
}).createMachine({
  id: 'counter',
  version: '1',
  context: { count: 0, causes: [] },
  initial: 'new',
  states: {
    new: { on: { Opened: { target: 'open' } } },
    open: {
      on: {
        Bumped: {
          guard: ({ event }) => event.actor.role === 'system',
          actions: assign(({ context, event }) => ({
            count: context.count + 1,
            causes: [...context.causes, event.data.cause],
          })),
        },
        Closed: { target: 'closed' },
      },
    },
    closed: { type: 'final' },
  },
});
const counter: CaseTypeDefinition = {
  type: 'counter',
  label: { zh: '计数', en: 'Counter' },
  machine: counterMachine,
  actions: {},
  refusals: {},
  ownershipOf: () => ({
    authorityCode: '320830',
    authorityPath: '320830',
    subjectCode: 's',
    subjectName: 's',
    title: 't',
  }),
};

/** Each `Pinged` event on a source case bumps the counter case named in its data. */
const pings: Reaction<Pinged> = {
  name: 'test-pings',
  streamTypes: ['counter'],
  eventTypes: ['Pinged'],
  react: (event: RecordedEventOf<Pinged>) =>
    Promise.resolve([
      {
        caseType: 'counter',
        caseId: event.data.target,
        eventType: 'Bumped',
        data: { cause: event.eventId },
      },
    ]),
};
const officer: WorkflowActor = {
  id: 'officer',
  role: 'officer',
  authorityCode: '320830',
  authorityPath: '320830',
  subjectCode: null,
};

describe('ReactionRunner', () => {
  let t: TestDatabase;
  let engine: CaseEngine;
  let runner: ReactionRunner;

  beforeAll(async () => {
    t = await createTestDatabase();
    ({ engine } = openCaseEngine(t.db, new ManualClock(new Date('2026-06-01T02:00:00Z')), [counter]));
    runner = new ReactionRunner(t.db, engine);
    runner.register(pings);
  });
  afterAll(() => t.drop());

  const act = (caseId: string, eventType: string, data: Record<string, unknown> = {}, create = false) =>
    engine.execute({
      caseType: 'counter',
      caseId,
      eventType,
      data,
      actor: officer,
      origin: { correlationId: 'c' },
      create,
    });
  const countOf = async (caseId: string) =>
    ((await engine.load('counter', caseId, officer)).snapshot.context as { count: number }).count;

  it('carries out each effect once, caused by its event, however often it is drained', async () => {
    const target = uuidv7();
    await act(target, 'Opened', {}, true);
    // A source stream of the same type whose events ping the target (machine-free: appended raw).
    const source = uuidv7();
    await act(source, 'Opened', {}, true);
    await engine.store.append(
      `counter-${source}`,
      [
        {
          eventId: uuidv7(),
          type: 'Pinged',
          data: { target },
          metadata: { actorId: 'x', actorRole: 'officer', correlationId: 'c' },
        },
      ],
      { expectedVersion: 1 },
    );
    await runner.drain();
    await runner.drain();
    expect(await countOf(target)).toBe(1);
    const bump = (await engine.load('counter', target, officer)).events.at(-1)!;
    expect(bump.metadata.actorRole).toBe('system');
    expect(bump.metadata.causationId).toBeTruthy();
  });

  it('skips a command the target refuses and goes on with the batch', async () => {
    const closed = uuidv7();
    const open = uuidv7();
    await act(closed, 'Opened', {}, true);
    await act(closed, 'Closed');
    await act(open, 'Opened', {}, true);
    const source = uuidv7();
    await act(source, 'Opened', {}, true);
    const ping = (target: string) => ({
      eventId: uuidv7(),
      type: 'Pinged',
      data: { target },
      metadata: { actorId: 'x', actorRole: 'officer', correlationId: 'c' } as never,
    });
    await engine.store.append(`counter-${source}`, [ping(closed), ping(open)], { expectedVersion: 1 });
    await runner.drain();
    expect(await countOf(open)).toBe(1);
    expect((await engine.load('counter', closed, officer)).events.map((e) => e.type)).toEqual([
      'Opened',
      'Closed',
    ]);
  });
});
