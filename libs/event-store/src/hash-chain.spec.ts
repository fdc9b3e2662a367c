import { createHash } from 'node:crypto';
import { canonicalEvent, chainHash, GENESIS_HASH, type HashedFields } from './hash-chain';

const fields = (streamVersion: number, data: unknown): HashedFields => ({
  streamId: 'case-1',
  streamVersion,
  eventId: '0190f0e0-0000-7000-8000-000000000000',
  type: 'Submitted',
  schemaVersion: 1,
  data,
  metadata: { actorId: 'u1', actorRole: 'officer', correlationId: 'c1' },
  recordedAt: new Date('2026-01-01T08:00:00.000Z'),
});

describe('hash chain', () => {
  it('is H(prev ‖ canonical(event)) with 32-byte SM3 and SHA-256 digests', () => {
    const e = fields(1, { b: 1, a: 2 });
    for (const algorithm of ['sm3', 'sha256'] as const) {
      const expected = createHash(algorithm).update(
        Buffer.concat([GENESIS_HASH, Buffer.from(canonicalEvent(e))]),
      );
      const hash = chainHash(algorithm, GENESIS_HASH, e);
      expect(hash).toHaveLength(32);
      expect(hash.equals(expected.digest())).toBe(true);
    }
    expect(chainHash('sm3', GENESIS_HASH, e).equals(chainHash('sha256', GENESIS_HASH, e))).toBe(false);
  });

  it('matches the GB/T 32905 SM3 test vector, so the chain is the national standard', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('covers every field: key order does not matter, content and links do', () => {
    const h1 = chainHash('sm3', GENESIS_HASH, fields(1, { a: 1, b: 2 }));
    expect(chainHash('sm3', GENESIS_HASH, fields(1, { b: 2, a: 1 })).equals(h1)).toBe(true);
    expect(chainHash('sm3', GENESIS_HASH, fields(1, { a: 1, b: 3 })).equals(h1)).toBe(false);
    expect(chainHash('sm3', GENESIS_HASH, fields(2, { a: 1, b: 2 })).equals(h1)).toBe(false);
    expect(chainHash('sm3', Buffer.alloc(32, 1), fields(1, { a: 1, b: 2 })).equals(h1)).toBe(false);
    expect(chainHash('sm3', GENESIS_HASH, { ...fields(1, { a: 1, b: 2 }), type: 'Other' }).equals(h1)).toBe(
      false,
    );
  });

  it('links: each hash feeds the next', () => {
    const h1 = chainHash('sm3', GENESIS_HASH, fields(1, {}));
    const h2 = chainHash('sm3', h1, fields(2, {}));
    const forged = chainHash('sm3', GENESIS_HASH, fields(2, {}));
    expect(h2.equals(forged)).toBe(false);
  });
});
