import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  AccessLog,
  LedgerSealer,
  leafHash,
  SigningKey,
  verifyConsistency,
  verifyInclusion,
  verifySignature,
} from '@credence/audit';
import { DEMO_SUBJECTS } from '@credence/identity';
import { verifyBundle } from '../../tools/credence-verify/credence-verify.mjs';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const run = promisify(execFile);
const VERIFIER = join(process.cwd(), 'tools/credence-verify/credence-verify.mjs');

interface Checkpoint {
  treeSize: number;
  rootHash: string;
  signature: string;
  signedNote: string;
  algorithm: 'ed25519' | 'sm2';
  keyId: string;
}
interface Bundle {
  checkpoints: Checkpoint[];
  streams: { streamId: string; events: { data: Record<string, unknown>; streamVersion: number }[] }[];
  inclusionProofs: { path: string[] }[];
  consistencyProofs: { path: string[] }[];
  signingKey: { keyId: string; publicKey: string; algorithm?: string };
  keys: unknown[];
}

const record = (subject: (typeof DEMO_SUBJECTS)[keyof typeof DEMO_SUBJECTS], n: number) => ({
  subject: { type: 'legal_person', code: subject.code, name: subject.name },
  kind: 'administrative_penalty',
  severity: 'general',
  field: 'road_transport',
  decisionNumber: `交罚〔2026〕05${n}号`,
  decisionDate: '2026-05-10',
  facts: '道路运输车辆未按规定进行年度审验，继续从事经营活动。',
  legalBasis: '《道路运输条例》第七十条',
});

/** Runs credence-verify as an auditor would: a separate Node process and a file. */
async function credenceVerify(bundle: unknown, ...args: string[]): Promise<{ code: number; out: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'credence-evidence-'));
  writeFileSync(join(dir, 'bundle.json'), JSON.stringify(bundle));
  try {
    const { stdout } = await run(process.execPath, [VERIFIER, join(dir, 'bundle.json'), ...args]);
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, out: e.stdout };
  }
}

describe('audit integrity (e2e): register → seal → checkpoint → proofs → evidence verified offline', () => {
  let t: TestApp;
  let auditor: string;
  let officer: string;
  let xuyiCase: string;
  let ziyangCase: string;
  let publicKeyFile: string;
  let firstCheckpoint: Checkpoint;

  const get = (path: string, token = auditor) => t.http.get(`/api/v1${path}`).auth(token, { type: 'bearer' });
  const eventIdsOf = async (caseId: string) =>
    (
      await t.database.db.query<{ event_id: string }>(
        `SELECT e.event_id FROM events e JOIN cases c ON c.stream_id = e.stream_id WHERE c.id = $1 ORDER BY e.stream_version`,
        [caseId],
      )
    ).rows.map((r) => r.event_id);

  beforeAll(async () => {
    t = await createTestApp({ AUDIT_CHECKPOINT_EVERY_EVENTS: '1000' });
    await seedDemoIdentities(t);
    officer = await loginAs(t, 'officer-xuyi');
    auditor = await loginAs(t, 'auditor-xuyi');
    const ziyangOfficer = await loginAs(t, 'officer-ziyang');
    const post = (token: string, body: object) =>
      t.http.post('/api/v1/credit-records').auth(token, { type: 'bearer' }).send(body).expect(201);
    xuyiCase = (await post(officer, record(DEMO_SUBJECTS.xuyiTongda, 1))).body.id;
    await post(officer, record(DEMO_SUBJECTS.xuyiTongda, 2));
    ziyangCase = (await post(ziyangOfficer, record(DEMO_SUBJECTS.ziyangAnshun, 3))).body.id;
    await t.app.get(LedgerSealer).sealAll({ checkpoint: true, waitMs: 10_000 });
  });
  afterAll(() => t.close());

  it('publishes the signing key without a login', async () => {
    const res = await t.http.get('/api/v1/audit/public-key').expect(200);
    expect(res.body).toMatchObject({ algorithm: 'ed25519', origin: 'credence.audit.ledger' });
    expect(res.body.keys).toEqual([expect.objectContaining({ keyId: res.body.keyId })]);
    publicKeyFile = join(mkdtempSync(join(tmpdir(), 'credence-key-')), 'key.pem');
    writeFileSync(publicKeyFile, res.body.publicKey);
  });

  it('serves the offline verifier itself without a login, byte for byte as released', async () => {
    const res = await t.http
      .get('/api/v1/audit/verifier/credence-verify.mjs')
      .buffer(true)
      .parse((r, done) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/javascript/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="credence-verify.mjs"');
    expect((res.body as Buffer).equals(readFileSync(VERIFIER))).toBe(true);
  });

  it('lists signed checkpoints to auditors and admins only', async () => {
    const latest = await get('/audit/checkpoints/latest').expect(200);
    firstCheckpoint = latest.body;
    expect(firstCheckpoint.treeSize).toBeGreaterThanOrEqual(3);
    const key = (await t.http.get('/api/v1/audit/public-key')).body.publicKey;
    const signature = Buffer.from(firstCheckpoint.signature, 'base64');
    expect(verifySignature('ed25519', key, firstCheckpoint.signedNote, signature)).toBe(true);
    const list = await get('/audit/checkpoints?page=1&pageSize=10', await loginAs(t, 'admin')).expect(200);
    expect(list.body).toMatchObject({ total: 1, items: [{ treeSize: firstCheckpoint.treeSize }] });
    await get('/audit/checkpoints', officer).expect(403);
  });

  it('proves an event is in the signed tree; hides events outside the auditor’s authority', async () => {
    const [eventId] = await eventIdsOf(xuyiCase);
    const res = await get(`/audit/proofs/inclusion?eventId=${eventId}`).expect(200);
    const { ledgerIndex, treeSize, auditPath, eventHash, checkpoint } = res.body;
    expect(treeSize).toBe(firstCheckpoint.treeSize);
    const leaf = leafHash(Buffer.from(eventHash, 'hex'));
    const path = (auditPath as string[]).map((h) => Buffer.from(h, 'hex'));
    expect(verifyInclusion(ledgerIndex, treeSize, leaf, path, Buffer.from(checkpoint.rootHash, 'hex'))).toBe(
      true,
    );
    const [hidden] = await eventIdsOf(ziyangCase);
    await get(`/audit/proofs/inclusion?eventId=${hidden}`).expect(404);
    const province = await loginAs(t, 'auditor-province');
    await get(`/audit/proofs/inclusion?eventId=${eventId}`, province).expect(200);
    await get(`/audit/proofs/inclusion?eventId=not-a-uuid`).expect(400);
  });

  it('proves a later checkpoint extends the earlier one', async () => {
    await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send(record(DEMO_SUBJECTS.xuyiTongda, 4))
      .expect(201);
    await t.app.get(LedgerSealer).sealAll({ checkpoint: true, waitMs: 10_000 });
    const latest: Checkpoint = (await get('/audit/checkpoints/latest').expect(200)).body;
    const res = await get(
      `/audit/proofs/consistency?from=${firstCheckpoint.treeSize}&to=${latest.treeSize}`,
    ).expect(200);
    const proof = (res.body.proof as string[]).map((h) => Buffer.from(h, 'hex'));
    const [a, b] = [firstCheckpoint, latest].map((c) => Buffer.from(c.rootHash, 'hex'));
    expect(verifyConsistency(firstCheckpoint.treeSize, latest.treeSize, a, b, proof)).toBe(true);
    await get(`/audit/proofs/consistency?from=${latest.treeSize}&to=${firstCheckpoint.treeSize}`).expect(400);
  });

  it('exports an evidence bundle that credence-verify accepts, and names each kind of later tampering', async () => {
    const res = await get(`/audit/evidence?subjectCode=${DEMO_SUBJECTS.xuyiTongda.code}`).expect(200);
    const bundle = res.body as Bundle;
    expect(bundle.streams).toHaveLength(3);
    expect(bundle.checkpoints.length).toBe(2);
    const ok = await credenceVerify(bundle, '--public-key', publicKeyFile);
    expect(ok.out).toMatch(/^OK: every chain/m);
    expect(ok.code).toBe(0);

    const clone = () => JSON.parse(JSON.stringify(bundle)) as Bundle;
    const problems = (b: Bundle) =>
      verifyBundle(b, { trustedPublicKey: bundle.signingKey.publicKey }).failures.map((f) => f.problem);

    const edited = clone();
    edited.streams[0].events[0].data.decisionNumber = '改过的';
    const cli = await credenceVerify(edited, '--public-key', publicKeyFile);
    expect(cli.code).toBe(1);
    expect(cli.out).toMatch(/FAIL \[chain\/hash-mismatch\] stream creditRecord-[0-9a-f-]+, version 1/);
    expect(cli.out).toMatch(/FAIL \[ledger\/event-changed\]/);
    expect(cli.out).toMatch(/FAIL \[ledger\/inclusion-failed\]/);

    const removed = clone();
    removed.streams[0].events.splice(0, 1);
    expect(problems(removed)).toEqual(['event-missing']);

    const renumbered = clone();
    renumbered.streams[0].events[0].streamVersion = 2;
    expect(problems(renumbered)).toEqual(expect.arrayContaining(['version-gap', 'event-missing']));

    const rerooted = clone();
    rerooted.checkpoints[1].rootHash = 'ab'.repeat(32);
    expect(problems(rerooted)).toEqual(
      expect.arrayContaining(['bad-signature', 'inclusion-failed', 'consistency-failed']),
    );

    const badPath = clone();
    badPath.inclusionProofs[0].path[0] = '00'.repeat(32);
    expect(problems(badPath)).toEqual(['inclusion-failed']);

    const badConsistency = clone();
    badConsistency.consistencyProofs[0].path[0] = '00'.repeat(32);
    expect(problems(badConsistency)).toEqual(['consistency-failed']);

    const noProofs = clone();
    noProofs.consistencyProofs = [];
    expect(problems(noProofs)).toEqual(['consistency-missing']);

    // Another key re-signs every checkpoint and presents itself as the bundle's key: consistent on its own, so only
    // pinning the published key catches it.
    const forger = SigningKey.deterministicEd25519('forger');
    const forged = clone();
    forged.signingKey = { keyId: forger.keyId, algorithm: 'ed25519', publicKey: forger.publicKeyPem };
    forged.keys = [];
    for (const c of forged.checkpoints) {
      c.keyId = forger.keyId;
      c.signature = forger.sign(c.signedNote).toString('base64');
    }
    expect(verifyBundle(forged).ok).toBe(true);
    expect(problems(forged)).toEqual(['untrusted-key', 'untrusted-key']);
    const pinned = await credenceVerify(forged, '--key-id', bundle.signingKey.keyId);
    expect(pinned.code).toBe(1);
    expect(pinned.out).toMatch(/FAIL \[checkpoint\/untrusted-key\] checkpoint \d+/);
    const unpinned = await credenceVerify(bundle);
    expect(unpinned.code).toBe(0);
    expect(unpinned.out).toMatch(/WARN trust anchor taken from the bundle/);
  });

  it('says which events of a bundle no signed checkpoint covers yet, and the verifier warns of the same', async () => {
    const fresh = await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send(record(DEMO_SUBJECTS.xuyiTongda, 7))
      .expect(201);
    const unsealed = async () =>
      (await get(`/audit/evidence?caseId=${fresh.body.id}`).expect(200)).body as Bundle & {
        unsealedEvents: { caseId: string; streamVersion: number; ledgerIndex: number | null }[];
      };
    const before = await unsealed();
    expect(before.unsealedEvents).toEqual([
      expect.objectContaining({ caseId: fresh.body.id, streamVersion: 1, ledgerIndex: null }),
    ]);
    const pinned = { trustedPublicKey: before.signingKey.publicKey };
    expect(verifyBundle(before, pinned).warnings).toEqual([expect.stringMatching(/v1 was not sealed yet/)]);

    // In the ledger but after the latest checkpoint: still unproven, now with its place in the ledger.
    await t.app.get(LedgerSealer).sealAll({ checkpoint: false, waitMs: 10_000 });
    const leaf = await unsealed();
    expect(leaf.unsealedEvents).toEqual([
      expect.objectContaining({ streamVersion: 1, ledgerIndex: expect.any(Number) }),
    ]);

    await t.app.get(LedgerSealer).sealAll({ checkpoint: true, waitMs: 10_000 });
    const sealed = await unsealed();
    expect(sealed.unsealedEvents).toEqual([]);
    expect(verifyBundle(sealed, pinned)).toMatchObject({ ok: true, warnings: [] });
  });

  it('scopes evidence to the auditor’s authority', async () => {
    await get(`/audit/evidence?caseId=${ziyangCase}`).expect(404);
    const other = await get(`/audit/evidence?subjectCode=${DEMO_SUBJECTS.ziyangAnshun.code}`).expect(200);
    expect(other.body.streams).toEqual([]);
    await get('/audit/evidence').expect(400);
    const admin = await get(`/audit/evidence?caseId=${ziyangCase}`, await loginAs(t, 'admin')).expect(200);
    expect(verifyBundle(admin.body).ok).toBe(true);
  });

  it('records every evidence export in the access log', async () => {
    await t.app.get(AccessLog).flush();
    const log = await get('/audit/access-log?actor=auditor-xuyi').expect(200);
    expect(log.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'audit-export',
          resourceId: expect.stringContaining('evidence.json'),
        }),
      ]),
    );
  });

  it('runs a verification in the background and reports its progress', async () => {
    const started = await t.http
      .post('/api/v1/audit/verifications')
      .auth(auditor, { type: 'bearer' })
      .send({})
      .expect(202);
    let job: { done: boolean; ok: boolean; eventsChecked: number; eventsTotal: number; status: string };
    for (;;) {
      job = (await get(`/audit/verifications/${started.body.id}`).expect(200)).body;
      if (job.done) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(job).toMatchObject({ status: 'done', ok: true });
    expect(job.eventsChecked).toBeGreaterThan(0);
    expect(job.eventsChecked).toBe(job.eventsTotal);
    await get(`/audit/verifications/${started.body.id}`, await loginAs(t, 'auditor-province')).expect(404);
  });

  it('reports a job whose process stopped beating as abandoned', async () => {
    const started = await t.http
      .post('/api/v1/audit/verifications')
      .auth(auditor, { type: 'bearer' })
      .send({})
      .expect(202);
    while (!(await get(`/audit/verifications/${started.body.id}`).expect(200)).body.done)
      await new Promise((resolve) => setTimeout(resolve, 50));
    // As if its process had died mid-run: still `running`, silent for three hours.
    await t.database.superuser.query(
      `UPDATE audit_verifications SET status = 'running', finished_at = NULL, updated_at = $2 WHERE id = $1`,
      [started.body.id, new Date(t.clock.now().getTime() - 3 * 3_600_000)],
    );
    const job = (await get(`/audit/verifications/${started.body.id}`).expect(200)).body;
    expect(job).toMatchObject({ status: 'abandoned', done: true });
  });
});

describe('audit integrity (e2e): the sealer runs inside the API process with RUN_WORKER', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RUN_WORKER: 'true', WORKER_POLL_MS: '20', AUDIT_CHECKPOINT_EVERY_EVENTS: '1' });
    await seedDemoIdentities(t);
  });
  afterAll(() => t.close());

  it('seals a registered record and signs a checkpoint without being asked', async () => {
    const officer = await loginAs(t, 'officer-xuyi');
    await t.http
      .post('/api/v1/credit-records')
      .auth(officer, { type: 'bearer' })
      .send(record(DEMO_SUBJECTS.xuyiTongda, 9))
      .expect(201);
    const auditor = await loginAs(t, 'auditor-xuyi');
    let status = 0;
    for (let i = 0; i < 200 && status !== 200; i++) {
      status = (await t.http.get('/api/v1/audit/checkpoints/latest').auth(auditor, { type: 'bearer' }))
        .status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 25));
    }
    expect(status).toBe(200);
  });
});
