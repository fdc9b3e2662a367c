import fc from 'fast-check';
import { canonicalJson, chainHash, GENESIS_HASH } from '@credence/event-store';
import * as offline from '../../../../tools/credence-verify/credence-verify.mjs';
import { checkpointView } from './checkpoints';
import { consistencyProof, inclusionProof, leafHash, rootOfLeafHashes } from './merkle';
import { checkpointNoteText, SigningKey } from './signing';

// The standalone verifier reimplements canonical JSON, the event hash, the Merkle proofs and the signed note:
// these tests hold it to the server's implementations.
describe('credence-verify agrees with the server', () => {
  it('canonical JSON (RFC 8785) of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(offline.canonicalJson(value)).toBe(canonicalJson(value));
      }),
      { numRuns: 500 },
    );
    const tricky = { é: 1, a: [1e21, 0.1, -0, 'ü\u2028"'], A: { '\u{1F600}': null, '': true }, b: 1.5e-7 };
    expect(offline.canonicalJson(tricky)).toBe(canonicalJson(tricky));
  });

  it('the event hash, SM3 and SHA-256, after the JSON round trip of an export', () => {
    fc.assert(
      fc.property(
        fc.record({
          data: fc.dictionary(fc.string(), fc.jsonValue()),
          metadata: fc.dictionary(fc.string(), fc.jsonValue()),
          streamVersion: fc.integer({ min: 1, max: 1000 }),
          type: fc.string({ minLength: 1 }),
          algorithm: fc.constantFrom('sm3' as const, 'sha256' as const),
          prev: fc.uint8Array({ minLength: 32, maxLength: 32 }),
          at: fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }),
        }),
        (e) => {
          const fields = {
            streamId: 'creditRecord-0190f0e0-0000-7000-8000-000000000000',
            streamVersion: e.streamVersion,
            eventId: '0190f0e0-0000-7000-8000-000000000001',
            type: e.type,
            schemaVersion: 1,
            data: e.data,
            metadata: e.metadata,
            recordedAt: e.at,
          };
          const prevHash = Buffer.from(e.prev);
          const exported = JSON.parse(
            JSON.stringify({
              ...fields,
              recordedAt: e.at.toISOString(),
              hashAlgorithm: e.algorithm,
              prevHash: prevHash.toString('hex'),
            }),
          ) as offline.JsonEvent;
          expect(offline.eventHash(exported)).toBe(chainHash(e.algorithm, prevHash, fields).toString('hex'));
        },
      ),
      { numRuns: 200 },
    );
    expect(GENESIS_HASH.toString('hex')).toBe('00'.repeat(32));
  });

  it('inclusion and consistency proofs of the server verify offline, and altered ones do not', () => {
    const leaves = Array.from({ length: 37 }, (_, i) => leafHash(Buffer.from([i])));
    for (let size = 1; size <= leaves.length; size++) {
      const root = rootOfLeafHashes(leaves, 0, size);
      for (let index = 0; index < size; index++) {
        const path = inclusionProof(leaves.slice(0, size), index);
        expect(offline.verifyInclusion(index, size, leaves[index], path, root)).toBe(true);
        if (path.length > 0) {
          const bad = path.map((p, i) => (i === path.length - 1 ? leafHash(p) : p));
          expect(offline.verifyInclusion(index, size, leaves[index], bad, root)).toBe(false);
        }
      }
      for (let first = 1; first <= size; first++) {
        const proof = consistencyProof(leaves.slice(0, size), first);
        const firstRoot = rootOfLeafHashes(leaves, 0, first);
        expect(offline.verifyConsistency(first, size, firstRoot, root, proof)).toBe(true);
        if (first < size) expect(offline.verifyConsistency(first, size, root, root, proof)).toBe(false);
      }
    }
    expect(offline.leafHash(Buffer.alloc(0)).toString('hex')).toBe(
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
    );
  });

  it.each(['ed25519', 'sm2'] as const)('the signed note and %s signatures', (algorithm) => {
    const key = SigningKey.fromPem(algorithm, SigningKey.generatePem(algorithm));
    const note = {
      origin: 'credence.audit.ledger',
      treeSize: 42,
      rootHash: Buffer.alloc(32, 3),
      sealedAt: new Date('2026-06-01T02:00:00Z'),
    };
    const view = checkpointView({
      ...note,
      keyId: key.keyId,
      algorithm,
      signature: key.sign(checkpointNoteText(note)),
      previousTreeSize: null,
    });
    expect(offline.checkpointNoteText(view)).toBe(checkpointNoteText(note));
    expect(offline.checkpointNoteText(view)).toBe(view.signedNote);
    expect(offline.keyIdOf(key.publicKeyPem)).toBe(key.keyId);
    expect(offline.verifySignature(algorithm, key.publicKeyPem, view.signedNote, view.signature)).toBe(true);
    expect(
      offline.verifySignature(
        algorithm,
        key.publicKeyPem,
        view.signedNote.replace('42', '43'),
        view.signature,
      ),
    ).toBe(false);
  });

  it('refuses a bundle of another format', () => {
    const report = offline.verifyBundle({ format: 'something-else' });
    expect(report.ok).toBe(false);
    expect(report.failures[0]).toMatchObject({ problem: 'unknown-format' });
  });
});
