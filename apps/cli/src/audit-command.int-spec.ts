import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStore } from '@credence/event-store';
import { LedgerSealer, loadSigningKey, registerSigningKey } from '@credence/audit';
import { loadEnv, ManualClock } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { auditCommand } from './audit-command';

describe('credence audit verify --incremental', () => {
  let database: TestDatabase;
  let dir: string;
  let sealer: LedgerSealer;
  let store: EventStore;
  const env = loadEnv({ NODE_ENV: 'test', AUDIT_CHECKPOINT_EVERY_EVENTS: '5' });
  const metadata = { actorId: 'u1', actorRole: 'officer', correlationId: 'c1' };

  async function run(...args: string[]) {
    const out: string[] = [];
    const code = await auditCommand(database.url, env, ['verify', ...args], 'usage', {
      out: (t) => out.push(t),
      err: () => undefined,
    });
    return { code, out: out.join('') };
  }

  async function streams(prefix: string, count: number): Promise<void> {
    for (let s = 0; s < count; s++) {
      let head = await store.append(`${prefix}-${s}`, [{ type: 'E', data: { n: 1 }, metadata }], {
        expectedVersion: 0,
      });
      for (let n = 2; n <= 3; n++)
        head = await store.append(`${prefix}-${s}`, [{ type: 'E', data: { n }, metadata }], {
          expectedVersion: head.version,
          expectedHash: head.lastHash,
        });
    }
    await sealer.sealAll({ checkpoint: true, waitMs: 10_000 });
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dir = mkdtempSync(join(tmpdir(), 'credence-audit-cli-'));
    const clock = new ManualClock();
    const key = loadSigningKey(env, () => undefined);
    await registerSigningKey(database.db, key, clock.now());
    store = new EventStore(database.db, clock, 'sm3');
    sealer = new LedgerSealer(database.db, clock, env, key);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await database.drop();
  });

  it('a first run is full and records its point; the next checks only what was sealed since', async () => {
    const state = join(dir, 'verified.json');
    await streams('first', 4);
    const first = await run('--incremental', state, '--threads', '2');
    expect(first.code).toBe(0);
    expect(first.out).not.toMatch(/incremental/);
    expect(first.out).toMatch(/chains: 12 events in 4 streams/);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ treeSize: 12 });

    await streams('second', 2);
    const second = await run('--incremental', state);
    expect(second.out).toMatch(/incremental: from checkpoint 12/);
    expect(second.out).toMatch(/chains: 6 events in 2 streams/);
    expect(second.out).toMatch(/ledger: 6 leaves checked, ledger size 18/);
    expect(second.code).toBe(0);
    expect(JSON.parse(readFileSync(state, 'utf8'))).toMatchObject({ treeSize: 18 });
  });

  it('a failing run names the event and keeps the old point', async () => {
    const state = join(dir, 'verified.json');
    const before = readFileSync(state, 'utf8');
    await streams('third', 1);
    await database.superuser.query('ALTER TABLE events DISABLE TRIGGER events_append_only');
    await database.superuser.query(
      `UPDATE events SET data = '{"n": 99}' WHERE stream_id = 'third-0' AND stream_version = 2`,
    );
    await database.superuser.query('ALTER TABLE events ENABLE TRIGGER events_append_only');
    const failed = await run('--incremental', state);
    expect(failed.code).toBe(1);
    expect(failed.out).toMatch(/FAIL .*\[hash-mismatch\] at stream third-0, version 2/);
    expect(readFileSync(state, 'utf8')).toBe(before);
  });

  it('refuses a state file that is not a point, and --incremental with --stream', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{"treeSize": "x"}');
    expect((await run('--incremental', bad)).code).toBe(2);
    expect((await run('--incremental', bad, '--stream', 'first-0')).code).toBe(2);
    expect((await run('--threads', '0')).code).toBe(2);
  });
});
