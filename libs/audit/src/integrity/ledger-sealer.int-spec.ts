import { appendFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnv } from '@credence/shared';
import { latestCheckpoint } from './checkpoints';
import { LedgerSealer } from './ledger-sealer';
import {
  consistencyProof,
  inclusionProof,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from './merkle';
import { consistencyPath, inclusionPath } from './proofs';
import { checkpointNoteText, verifySignature } from './signing';
import { openLedger, type OpenLedger } from './testing/open-ledger';

async function leaves(l: OpenLedger): Promise<Buffer[]> {
  const { rows } = await l.t.db.query<{ leaf_hash: Buffer }>(
    `SELECT leaf_hash FROM audit_ledger ORDER BY ledger_index`,
  );
  return rows.map((r) => r.leaf_hash);
}

describe('ledger sealer', () => {
  let l: OpenLedger;
  beforeAll(async () => (l = await openLedger(40)));
  afterAll(() => l.t.drop());

  it('seals every event once, gapless, in subscription order, with signed checkpoints every N events', async () => {
    for (let s = 0; s < 30; s++) await l.stream(`seal-${s}`, 10);
    const { sealed, checkpoint } = await l.sealer.sealAll({ checkpoint: true, waitMs: 10_000 });
    expect(sealed).toBe(300);
    expect(checkpoint?.treeSize).toBe(300);
    const { rows } = await l.t.db.query<{ ledger_index: string; global_position: string }>(
      `SELECT l.ledger_index, l.global_position FROM audit_ledger l ORDER BY ledger_index`,
    );
    expect(rows.map((r) => Number(r.ledger_index))).toEqual(Array.from({ length: 300 }, (_, i) => i));
    const positions = rows.map((r) => Number(r.global_position));
    expect(positions).toEqual([...positions].sort((a, b) => a - b)); // one writer at a time: xid order = position order
    expect(await l.sealer.sealAll({ checkpoint: true, waitMs: 10_000 })).toMatchObject({
      sealed: 0,
      checkpoint: { treeSize: 300 },
    });

    const all = await leaves(l);
    const { rows: checkpoints } = await l.t.db.query<{
      tree_size: string;
      root_hash: Buffer;
      previous_tree_size: string | null;
    }>(`SELECT tree_size, root_hash, previous_tree_size FROM audit_checkpoints ORDER BY tree_size`);
    // Batches of up to 2000: the count rule fires once per batch, then the forced one has nothing new.
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    for (const c of checkpoints) expect(c.root_hash).toEqual(rootOfLeafHashes(all, 0, Number(c.tree_size)));
    const latest = (await latestCheckpoint(l.t.db))!;
    expect(verifySignature('ed25519', l.key.publicKeyPem, checkpointNoteText(latest), latest.signature)).toBe(
      true,
    );
    expect(checkpointNoteText(latest)).toBe(
      `credence.audit.ledger\n300\n${latest.rootHash.toString('base64')}\n2026-06-01T02:00:00.000Z\n`,
    );
  });

  /** Polls like the worker loop until the ledger holds `size` leaves (other test files may hold the horizon back). */
  async function sealOnceUntil(sealer: LedgerSealer, size: number): Promise<void> {
    const deadline = Date.now() + 10_000;
    while ((await leaves(l)).length < size) {
      if (Date.now() > deadline) throw new Error(`ledger did not reach ${size}`);
      if ((await sealer.sealOnce()) === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  it('checkpoints every N events as batches come in, and after T seconds', async () => {
    for (let s = 0; s < 10; s++) await l.stream(`small-${s}`, 10);
    await sealOnceUntil(l.sealer, 400);
    const { rows } = await l.t.db.query<{ tree_size: string }>(
      `SELECT tree_size FROM audit_checkpoints WHERE tree_size >= 300 ORDER BY tree_size`,
    );
    const sizes = rows.map((r) => Number(r.tree_size));
    expect(sizes.length).toBeGreaterThanOrEqual(2);
    sizes.slice(1).forEach((size, i) => expect(size - sizes[i]).toBeGreaterThanOrEqual(40));
    expect(400 - sizes[sizes.length - 1]).toBeLessThan(40);

    // With a count that is never reached, only time brings the next checkpoint.
    const env = loadEnv({ NODE_ENV: 'test', AUDIT_CHECKPOINT_EVERY_EVENTS: '100000' });
    const patient = new LedgerSealer(l.t.db, l.clock, env, l.key);
    const before = (await latestCheckpoint(l.t.db))!;
    await l.stream('late-1', 3);
    await sealOnceUntil(patient, 403);
    expect((await latestCheckpoint(l.t.db))!.treeSize).toBe(before.treeSize);
    l.clock.advance(61_000);
    await patient.sealOnce();
    expect((await latestCheckpoint(l.t.db))!).toMatchObject({
      treeSize: 403,
      previousTreeSize: before.treeSize,
    });
  });

  it('serves inclusion and consistency proofs from stored nodes equal to the in-memory ones', async () => {
    const all = await leaves(l);
    const size = all.length;
    const root = rootOfLeafHashes(all);
    for (const index of [0, 1, 15, 16, 17, 255, 256, 299, size - 1]) {
      const path = await inclusionPath(l.t.db, index, size);
      expect(path).toEqual(inclusionProof(all, index));
      expect(verifyInclusion(index, size, all[index], path, root)).toBe(true);
    }
    expect(size).toBe(403);
    for (const [a, b] of [
      [1, size],
      [16, 300],
      [257, 400],
      [300, 403],
    ]) {
      const proof = await consistencyPath(l.t.db, a, b);
      expect(proof).toEqual(consistencyProof(all.slice(0, b), a));
      expect(verifyConsistency(a, b, rootOfLeafHashes(all, 0, a), rootOfLeafHashes(all, 0, b), proof)).toBe(
        true,
      );
    }
  });

  it('a second sealer (another process) continues the same tree; the anchor file gets every checkpoint', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'credence-anchor-')), 'checkpoints.jsonl');
    appendFileSync(file, '');
    const env = loadEnv({
      NODE_ENV: 'test',
      AUDIT_CHECKPOINT_EVERY_EVENTS: '40',
      AUDIT_CHECKPOINT_FILE: file,
    });
    const other = new LedgerSealer(l.t.db, l.clock, env, l.key);
    await l.stream('other-1', 7);
    expect((await other.sealAll({ checkpoint: true, waitMs: 10_000 })).sealed).toBe(7);
    await l.stream('first-again', 2);
    expect((await l.sealer.sealAll({ checkpoint: true, waitMs: 10_000 })).checkpoint?.treeSize).toBe(412);
    const all = await leaves(l);
    expect((await latestCheckpoint(l.t.db))!.rootHash).toEqual(rootOfLeafHashes(all));
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { treeSize: number });
    expect(lines.map((c) => c.treeSize)).toEqual([410]);
  });

  it('also sends each checkpoint to the outbox for anchoring elsewhere, belonging to no case', async () => {
    const env = loadEnv({ NODE_ENV: 'test', AUDIT_CHECKPOINT_OUTBOX: 'true' });
    await l.stream('outboxed', 3);
    const sealed = await new LedgerSealer(l.t.db, l.clock, env, l.key).sealAll({
      checkpoint: true,
      waitMs: 10_000,
    });
    const { rows } = await l.t.db.query<{ case_id: string | null; payload: { treeSize: number } }>(
      `SELECT case_id, payload FROM outbox WHERE topic = 'audit.checkpoint'`,
    );
    expect(rows).toEqual([
      { case_id: null, payload: expect.objectContaining({ treeSize: sealed.checkpoint!.treeSize }) },
    ]);
  });

  it('refuses UPDATE and DELETE on the ledger and checkpoints, to the app role and to a superuser', async () => {
    for (const table of ['audit_ledger', 'audit_checkpoints', 'audit_merkle_nodes', 'audit_signing_keys']) {
      await expect(l.t.db.query(`DELETE FROM ${table}`)).rejects.toThrow(/permission denied/);
      await expect(l.t.superuser.query(`DELETE FROM ${table}`)).rejects.toThrow(/append-only/);
      await expect(l.t.superuser.query(`TRUNCATE ${table}`)).rejects.toThrow(/append-only/);
    }
    await expect(l.t.db.query(`UPDATE audit_ledger SET stream_version = 1`)).rejects.toThrow(
      /permission denied/,
    );
  });
});
