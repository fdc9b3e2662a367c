import {
  describeFailure,
  IntegrityVerifier,
  type IntegrityFailure,
  type IntegrityReport,
} from './integrity-verifier';
import { latestCheckpoint } from './checkpoints';
import { chainHash } from '@credence/event-store';
import { checkpointNoteText, SigningKey } from './signing';
import { openLedger, type OpenLedger } from './testing/open-ledger';

describe('audit verify: tampering is detected and located', () => {
  let l: OpenLedger;
  const verify = async (streamId?: string) => {
    const report = await new IntegrityVerifier(l.t.db, { trustAnchor: l.key, streamId }).run();
    // Every case again with the chain pass on worker threads (their own connections): the very same report.
    const threaded = await new IntegrityVerifier(l.t.db, {
      trustAnchor: l.key,
      streamId,
      connection: l.t.url,
      threads: 2,
    }).run();
    expect(threaded).toEqual(report);
    return report;
  };
  const of = (report: IntegrityReport, streamId: string) =>
    report.failures.filter((f) => f.streamId === streamId);
  const shape = (failures: IntegrityFailure[]) =>
    failures.map((f) => ({ check: f.check, problem: f.problem, streamVersion: f.streamVersion }));

  beforeAll(async () => {
    l = await openLedger(10);
    for (const s of ['edit', 'middle', 'tail']) await l.stream(`t-${s}`, 5);
    await l.sealer.sealAll({ checkpoint: true, waitMs: 10_000 });
    for (const s of ['gone', 'swap', 'rehash', 'clean']) await l.stream(`t-${s}`, 5);
    await l.sealer.sealAll({ checkpoint: true, waitMs: 10_000 });
  });
  afterAll(() => l.t.drop());

  it('passes an untouched store and reports what it checked', async () => {
    const progress: string[] = [];
    const report = await new IntegrityVerifier(l.t.db, {
      trustAnchor: l.key,
      pageSize: 8,
      onProgress: (p) => void progress.push(p.phase),
    }).run();
    expect(report).toMatchObject({
      ok: true,
      failuresFound: 0,
      chains: { eventsChecked: 35, streamsChecked: 7 },
      ledger: { leavesChecked: 35, size: 35 },
      checkpoints: { latestTreeSize: 35, trustedKeyIds: [l.key.keyId] },
    });
    expect(report.checkpoints.checked).toBeGreaterThanOrEqual(2);
    expect(progress).toContain('ledger');
    expect(progress.at(-1)).toBe('done');
  });

  it('an event altered by a superuser: the chain names it', async () => {
    await l.tamper(
      'events',
      `UPDATE events SET data = '{"n": 999}' WHERE stream_id = 't-edit' AND stream_version = 3`,
    );
    expect(shape(of(await verify(), 't-edit'))).toEqual([
      { check: 'chain', problem: 'hash-mismatch', streamVersion: 3 },
    ]);
  });

  it('an event deleted from the middle of a stream: the chain gap and the ledger leaf name it', async () => {
    await l.tamper('events', `DELETE FROM events WHERE stream_id = 't-middle' AND stream_version = 2`);
    const failures = of(await verify(), 't-middle');
    expect(shape(failures)).toEqual([
      { check: 'chain', problem: 'version-gap', streamVersion: 3 },
      { check: 'ledger', problem: 'event-missing', streamVersion: 2 },
    ]);
    expect(failures[1].ledgerIndex).toEqual(expect.any(Number));
  });

  it('the tail of a stream cut: chains cannot see it, the ledger names each lost event', async () => {
    await l.tamper('events', `DELETE FROM events WHERE stream_id = 't-tail' AND stream_version >= 4`);
    expect(shape(of(await verify(), 't-tail'))).toEqual([
      { check: 'ledger', problem: 'event-missing', streamVersion: 4 },
      { check: 'ledger', problem: 'event-missing', streamVersion: 5 },
    ]);
  });

  it('a whole stream removed after a checkpoint: every sealed event is reported missing', async () => {
    await l.tamper('events', `DELETE FROM events WHERE stream_id = 't-gone'`);
    const failures = of(await verify(), 't-gone');
    expect(failures.map((f) => f.problem)).toEqual(Array(5).fill('event-missing'));
    expect(failures.map((f) => f.streamVersion)).toEqual([1, 2, 3, 4, 5]);
  });

  it('two events swapped: the broken link and both changed leaves are named', async () => {
    await l.tamper(
      'events',
      `UPDATE events SET stream_version = 1000 WHERE stream_id = 't-swap' AND stream_version = 2`,
      `UPDATE events SET stream_version = 2 WHERE stream_id = 't-swap' AND stream_version = 3`,
      `UPDATE events SET stream_version = 3 WHERE stream_id = 't-swap' AND stream_version = 1000`,
    );
    expect(shape(of(await verify(), 't-swap'))).toEqual([
      { check: 'chain', problem: 'broken-link', streamVersion: 2 },
      { check: 'ledger', problem: 'event-changed', streamVersion: 2 },
      { check: 'ledger', problem: 'event-changed', streamVersion: 3 },
    ]);
  });

  it('an edit with its hash recomputed (the last event, so no link breaks): only the seal catches it', async () => {
    const events = await l.store.readStream('t-rehash');
    const last = events[events.length - 1];
    const data = { ...last.data, n: 4242 };
    const hash = chainHash(last.hashAlgorithm, last.prevHash, { ...last, data });
    await l.tamper(
      'events',
      `UPDATE events SET data = '${JSON.stringify(data)}', hash = '\\x${hash.toString('hex')}'
        WHERE stream_id = 't-rehash' AND stream_version = 5`,
    );
    expect(shape(of(await verify(), 't-rehash'))).toEqual([
      { check: 'ledger', problem: 'event-changed', streamVersion: 5 },
    ]);
  });

  it('--stream checks one stream: its chain, its leaves and their inclusion in the latest checkpoint', async () => {
    const clean = await verify('t-clean');
    expect(clean).toMatchObject({
      ok: true,
      streamId: 't-clean',
      chains: { eventsChecked: 5 },
      ledger: { leavesChecked: 5 },
    });
    const swapped = await verify('t-swap');
    expect(swapped.failures.map((f) => f.problem)).toEqual(
      expect.arrayContaining(['broken-link', 'event-changed']),
    );
  });
  it('a checkpoint forged with another key (even one added to the key list) is rejected and named', async () => {
    await l.stream('t-after', 2);
    await l.sealer.sealAll({ waitMs: 10_000 }); // sealed, not yet checkpointed (2 < 10)
    const forger = SigningKey.deterministicEd25519('someone else');
    const previous = (await latestCheckpoint(l.t.db))!;
    const { rows } = await l.t.db.query<{ n: string }>(`SELECT max(ledger_index) + 1 AS n FROM audit_ledger`);
    const note = {
      origin: 'credence.audit.ledger',
      treeSize: Number(rows[0].n),
      rootHash: Buffer.alloc(32, 7),
      sealedAt: l.clock.now(),
    };
    await l.t.superuser.query(
      `INSERT INTO audit_signing_keys (key_id, algorithm, public_key, registered_at) VALUES ($1, 'ed25519', $2, now())`,
      [forger.keyId, forger.publicKeyPem],
    );
    await l.t.superuser.query(
      `INSERT INTO audit_checkpoints (tree_size, root_hash, sealed_at, origin, key_id, algorithm, signature, previous_tree_size)
       VALUES ($1, $2, $3, $4, $5, 'ed25519', $6, $7)`,
      [
        note.treeSize,
        note.rootHash,
        note.sealedAt,
        note.origin,
        forger.keyId,
        forger.sign(checkpointNoteText(note)),
        previous.treeSize,
      ],
    );
    const report = await verify();
    const forged = report.failures.filter((f) => f.check === 'checkpoint');
    expect(forged).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ problem: 'untrusted-key', treeSize: note.treeSize, actual: forger.keyId }),
        expect.objectContaining({ problem: 'root-mismatch', treeSize: note.treeSize }),
      ]),
    );
  });

  it('a forged signature under the real key id is a bad signature', async () => {
    const { rows } = await l.t.db.query<{ n: string }>(`SELECT max(tree_size) AS n FROM audit_checkpoints`);
    await l.stream('t-after-2', 1);
    await l.sealer.sealAll({ waitMs: 10_000 });
    const forger = SigningKey.deterministicEd25519('someone else');
    const { rows: size } = await l.t.db.query<{ n: string }>(
      `SELECT max(ledger_index) + 1 AS n FROM audit_ledger`,
    );
    const note = {
      origin: 'credence.audit.ledger',
      treeSize: Number(size[0].n),
      rootHash: Buffer.alloc(32, 9),
      sealedAt: l.clock.now(),
    };
    await l.t.superuser.query(
      `INSERT INTO audit_checkpoints (tree_size, root_hash, sealed_at, origin, key_id, algorithm, signature, previous_tree_size)
       VALUES ($1, $2, $3, $4, $5, 'ed25519', $6, $7)`,
      [
        note.treeSize,
        note.rootHash,
        note.sealedAt,
        note.origin,
        l.key.keyId,
        forger.sign(checkpointNoteText(note)),
        rows[0].n,
      ],
    );
    const failures = (await verify()).failures.filter((f) => f.treeSize === note.treeSize);
    expect(failures.map((f) => f.problem)).toEqual(
      expect.arrayContaining(['bad-signature', 'root-mismatch']),
    );
  });

  it('a ledger row deleted by a superuser: the gap and the checkpoints it breaks are named', async () => {
    await l.tamper('audit_ledger', `DELETE FROM audit_ledger WHERE ledger_index = 12`);
    const report = await verify();
    expect(report.failures).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ check: 'ledger', problem: 'ledger-gap', ledgerIndex: 12 }),
        expect.objectContaining({ check: 'checkpoint', problem: 'root-mismatch' }),
      ]),
    );
    expect(report.ok).toBe(false);
    expect(describeFailure(report.failures.find((f) => f.problem === 'ledger-gap')!)).toMatch(
      /账本序号缺失 \/ ledger index missing \[ledger-gap\] at ledger index 12/,
    );
  });
});
