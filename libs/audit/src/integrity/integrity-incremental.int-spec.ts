import { chainHash } from '@credence/event-store';
import { IntegrityVerifier, type IntegrityFailure, type IntegrityReport } from './integrity-verifier';
import type { VerifiedPoint } from './sealed-since';
import { openLedger, testMetadata, type OpenLedger } from './testing/open-ledger';

describe('audit verify --incremental: from the last clean checkpoint, the new events only', () => {
  let l: OpenLedger;
  let point: VerifiedPoint;
  const full = () =>
    new IntegrityVerifier(l.t.db, { trustAnchor: l.key, connection: l.t.url, threads: 2 }).run();
  const since = (p: VerifiedPoint) => new IntegrityVerifier(l.t.db, { trustAnchor: l.key, since: p }).run();
  const shape = (failures: IntegrityFailure[]) =>
    failures.map((f) => [f.check, f.problem, f.streamId, f.streamVersion]);

  /** Appends `count` events to an existing stream, continuing its chain. */
  async function extend(streamId: string, count: number): Promise<void> {
    const events = await l.store.readStream(streamId);
    let head = { version: events.length, lastHash: events[events.length - 1].hash };
    for (let n = 0; n < count; n++)
      head = await l.store.append(streamId, [{ type: 'E', data: { more: n }, metadata: testMetadata }], {
        expectedVersion: head.version,
        expectedHash: head.lastHash,
      });
  }

  beforeAll(async () => {
    l = await openLedger(5);
    for (const s of ['a', 'b', 'c']) await l.stream(`i-${s}`, 5);
    await l.sealer.sealAll({ checkpoint: true, waitMs: 10_000 });
    const clean = await full();
    expect(clean).toMatchObject({ ok: true, since: null, checkpoints: { latestTreeSize: 15 } });
    point = clean.verifiedPoint!;
    expect(point).toMatchObject({ treeSize: 15, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    // New work after the clean run: two new streams, and old streams continued (their links cross the point).
    await l.stream('i-d', 5);
    await extend('i-a', 3);
    await l.stream('i-e', 2);
    await extend('i-b', 5);
    await l.sealer.sealAll({ checkpoint: true, waitMs: 10_000 });
  });
  afterAll(() => l.t.drop());

  it('checks only what was sealed since, and hands on the point a full run would give', async () => {
    const report = await since(point);
    expect(report).toMatchObject({
      ok: true,
      since: 15,
      chains: { eventsChecked: 15, streamsChecked: 4 },
      ledger: { leavesChecked: 15, size: 30 },
      checkpoints: { latestTreeSize: 30 },
    });
    // Every checkpoint sealed after the point (one at 30, or more when the sealer took the new events in batches).
    const { rows } = await l.t.db.query<{ n: string }>(
      `SELECT count(*) AS n FROM audit_checkpoints WHERE tree_size > 15`,
    );
    expect(report.checkpoints.checked).toBe(Number(rows[0].n));
    expect(report.checkpoints.checked).toBeGreaterThanOrEqual(1);
    const again = await full();
    expect(again.chains.eventsChecked).toBe(30);
    expect(report.verifiedPoint).toEqual(again.verifiedPoint);
    expect(report.verifiedPoint).toMatchObject({ treeSize: 30 });
    // From the newest point there is nothing new: nothing is read but the point's own checkpoint.
    expect(await since(report.verifiedPoint!)).toMatchObject({
      ok: true,
      chains: { eventsChecked: 0 },
      ledger: { leavesChecked: 0, size: 30 },
      verifiedPoint: report.verifiedPoint,
    });
  });

  it('a point that is not what the database holds: refused, or a root mismatch at its checkpoint', async () => {
    await expect(since({ ...point, rootHash: '00'.repeat(32) })).rejects.toThrow(/not self-consistent/);
    const { rows } = await l.t.superuser.query<{ root_hash: Buffer }>(
      `SELECT root_hash FROM audit_checkpoints WHERE tree_size = 15`,
    );
    const set = (root: Buffer) =>
      l.tamper(
        'audit_checkpoints',
        `UPDATE audit_checkpoints SET root_hash = '\\x${root.toString('hex')}' WHERE tree_size = 15`,
      );
    await set(Buffer.alloc(32, 0x11));
    try {
      const report = await since(point);
      expect(report.failures).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ check: 'checkpoint', problem: 'root-mismatch', treeSize: 15 }),
        ]),
      );
      expect(report).toMatchObject({ ok: false, verifiedPoint: null });
    } finally {
      await set(rows[0].root_hash);
    }
    expect((await since(point)).ok).toBe(true);
  });

  it('names the first altered new event of each stream, links that cross the point included', async () => {
    // A new event edited; the first event after the point in an old stream re-pointed; a new event deleted.
    await l.tamper(
      'events',
      `UPDATE events SET data = '{"n": 999}' WHERE stream_id = 'i-d' AND stream_version = 3`,
      `UPDATE events SET prev_hash = '\\x${'02'.repeat(32)}' WHERE stream_id = 'i-a' AND stream_version = 6`,
      `DELETE FROM events WHERE stream_id = 'i-b' AND stream_version = 7`,
    );
    const report = await since(point);
    expect(shape(report.failures.filter((f) => f.check !== 'checkpoint'))).toEqual([
      ['chain', 'broken-link', 'i-a', 6],
      ['chain', 'version-gap', 'i-b', 8],
      ['chain', 'hash-mismatch', 'i-d', 3],
      ['ledger', 'event-missing', 'i-b', 7],
    ]);
    // The same events, as the full run names them.
    const whole = await full();
    expect(shape(whole.failures.filter((f) => f.check === 'chain'))).toEqual(
      shape(report.failures.filter((f) => f.check === 'chain')),
    );
  });

  it('an event from before the point, edited with its hash recomputed, is left to the full run', async () => {
    const events = await l.store.readStream('i-c');
    const last = events[events.length - 1];
    const data = { ...last.data, n: 4242 };
    const hash = chainHash(last.hashAlgorithm, last.prevHash, { ...last, data });
    await l.tamper(
      'events',
      `UPDATE events SET data = '${JSON.stringify(data)}', hash = '\\x${hash.toString('hex')}'
        WHERE stream_id = 'i-c' AND stream_version = 5`,
    );
    const incremental: IntegrityReport = await since(point);
    expect(incremental.failures.some((f) => f.streamId === 'i-c')).toBe(false);
    expect(shape((await full()).failures.filter((f) => f.streamId === 'i-c'))).toEqual([
      ['ledger', 'event-changed', 'i-c', 5],
    ]);
  });
});
