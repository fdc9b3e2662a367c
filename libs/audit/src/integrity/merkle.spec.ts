import fc from 'fast-check';
import { createHash } from 'node:crypto';
import {
  consistencyProof,
  EMPTY_ROOT,
  foldSubtrees,
  inclusionProof,
  inclusionProofRanges,
  leafHash,
  levelsOf,
  MerkleFrontier,
  perfectSubtreesOf,
  rootOfLeafHashes,
  verifyConsistency,
  verifyInclusion,
} from './merkle';

const hex = (s: string) => Buffer.from(s, 'hex');
const hexes = (buffers: Buffer[]) => buffers.map((b) => b.toString('hex'));

// The leaf inputs and expected hashes of the Certificate Transparency reference tests (RFC 6962 reference
// implementation, kept as the transparency-dev/merkle `testonly` vectors).
const LEAF_INPUTS = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map(hex);
const ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];
const INCLUSION = [
  { index: 0, size: 1, path: [] },
  { index: 0, size: 2, path: ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7'] },
  { index: 1, size: 2, path: ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d'] },
  { index: 2, size: 3, path: ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125'] },
  {
    index: 1,
    size: 5,
    path: [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    index: 0,
    size: 8,
    path: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    index: 5,
    size: 8,
    path: [
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];
const CONSISTENCY = [
  { first: 1, second: 1, proof: [] },
  {
    first: 1,
    second: 8,
    proof: [
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4',
    ],
  },
  {
    first: 2,
    second: 5,
    proof: [
      '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
    ],
  },
  {
    first: 6,
    second: 8,
    proof: [
      '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a',
      'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0',
      'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
    ],
  },
];

const LEAVES = LEAF_INPUTS.map(leafHash);

describe('RFC 6962 Merkle tree (reference vectors)', () => {
  it('computes the reference root of every prefix of the test leaves', () => {
    for (let n = 0; n <= 8; n++) expect(rootOfLeafHashes(LEAVES.slice(0, n)).toString('hex')).toBe(ROOTS[n]);
    expect(EMPTY_ROOT.toString('hex')).toBe(ROOTS[0]);
  });

  it.each(INCLUSION)(
    'builds and verifies the inclusion proof of leaf $index in $size',
    ({ index, size, path }) => {
      const leaves = LEAVES.slice(0, size);
      expect(hexes(inclusionProof(leaves, index))).toEqual(path);
      expect(verifyInclusion(index, size, LEAVES[index], path.map(hex), hex(ROOTS[size]))).toBe(true);
    },
  );

  it.each(CONSISTENCY)(
    'builds and verifies the consistency proof $first → $second',
    ({ first, second, proof }) => {
      expect(hexes(consistencyProof(LEAVES.slice(0, second), first))).toEqual(proof);
      expect(verifyConsistency(first, second, hex(ROOTS[first]), hex(ROOTS[second]), proof.map(hex))).toBe(
        true,
      );
    },
  );

  it('rejects wrong roots, leaves, indexes, sizes and mutated paths', () => {
    const { index, size, path } = INCLUSION[6];
    const proof = path.map(hex);
    const root = hex(ROOTS[size]);
    expect(verifyInclusion(index, size, LEAVES[4], proof, root)).toBe(false);
    expect(verifyInclusion(index + 1, size, LEAVES[index], proof, root)).toBe(false);
    expect(verifyInclusion(index, size - 2, LEAVES[index], proof, root)).toBe(false);
    expect(verifyInclusion(index, size, LEAVES[index], proof, hex(ROOTS[7]))).toBe(false);
    expect(verifyInclusion(index, size, LEAVES[index], proof.slice(0, 2), root)).toBe(false);
    expect(verifyInclusion(index, size, LEAVES[index], [...proof, proof[0]], root)).toBe(false);
    expect(verifyInclusion(size, size, LEAVES[index], proof, root)).toBe(false);
    const { first, second, proof: cp } = CONSISTENCY[3];
    const c = cp.map(hex);
    expect(verifyConsistency(first, second, hex(ROOTS[5]), hex(ROOTS[second]), c)).toBe(false);
    expect(verifyConsistency(first, second, hex(ROOTS[first]), hex(ROOTS[7]), c)).toBe(false);
    expect(verifyConsistency(first, second, hex(ROOTS[first]), hex(ROOTS[second]), c.slice(1))).toBe(false);
    expect(verifyConsistency(first, second, hex(ROOTS[first]), hex(ROOTS[second]), [])).toBe(false);
    expect(verifyConsistency(second, first, hex(ROOTS[second]), hex(ROOTS[first]), c)).toBe(false);
    expect(verifyConsistency(3, 3, hex(ROOTS[3]), hex(ROOTS[4]), [])).toBe(false);
  });

  it('a leaf is not an interior node (domain separation)', () => {
    // Without the 0x00/0x01 prefixes the concatenation of two leaf hashes would hash to the parent.
    const forged = createHash('sha256')
      .update(Buffer.concat([LEAVES[0], LEAVES[1]]))
      .digest();
    expect(leafHash(Buffer.concat([LEAVES[0], LEAVES[1]]))).not.toEqual(rootOfLeafHashes(LEAVES.slice(0, 2)));
    expect(forged).not.toEqual(rootOfLeafHashes(LEAVES.slice(0, 2)));
  });
});

describe('Merkle frontier and subtree decomposition', () => {
  const leavesOf = (n: number) => Array.from({ length: n }, (_, i) => leafHash(Buffer.from(String(i))));

  it('gives the same root after every append as hashing the whole tree, and reports completed subtrees', () => {
    const leaves = leavesOf(70);
    const frontier = new MerkleFrontier();
    const completed: string[] = [];
    leaves.forEach((leaf, i) => {
      frontier.append(leaf, (s, hash) => {
        const start = s.index * 2 ** s.level;
        expect(hash).toEqual(rootOfLeafHashes(leaves, start, start + 2 ** s.level));
        completed.push(`${s.level}:${s.index}`);
      });
      expect(frontier.root()).toEqual(rootOfLeafHashes(leaves, 0, i + 1));
    });
    expect(completed).toContain('6:0');
    expect(frontier.size).toBe(70);
    expect(levelsOf(70)).toEqual([6, 2, 1]);
  });

  it('restores from the perfect subtrees of its size', () => {
    const leaves = leavesOf(13);
    const subtrees = perfectSubtreesOf({ start: 0, end: 13 }).map((s) =>
      rootOfLeafHashes(leaves, s.index * 2 ** s.level, (s.index + 1) * 2 ** s.level),
    );
    const frontier = new MerkleFrontier(13, subtrees);
    expect(frontier.root()).toEqual(rootOfLeafHashes(leaves));
    frontier.append(leafHash(Buffer.from('x')));
    expect(frontier.root()).toEqual(rootOfLeafHashes([...leaves, leafHash(Buffer.from('x'))]));
  });

  it('proofs verify for every leaf and every pair of sizes; folded subtrees equal the range hash', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 80 }), fc.nat(), fc.nat(), (size, a, b) => {
        const leaves = leavesOf(size);
        const root = rootOfLeafHashes(leaves);
        const index = a % size;
        expect(verifyInclusion(index, size, leaves[index], inclusionProof(leaves, index), root)).toBe(true);
        for (const range of inclusionProofRanges(index, size)) {
          const parts = perfectSubtreesOf(range).map((s) =>
            rootOfLeafHashes(leaves, s.index * 2 ** s.level, (s.index + 1) * 2 ** s.level),
          );
          expect(foldSubtrees(parts)).toEqual(rootOfLeafHashes(leaves, range.start, range.end));
        }
        const first = (b % size) + 1;
        const proof = consistencyProof(leaves, first);
        expect(verifyConsistency(first, size, rootOfLeafHashes(leaves, 0, first), root, proof)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
