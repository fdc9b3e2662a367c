import { createHash } from 'node:crypto';

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing over SHA-256, with the leaf/node domain separation (0x00 / 0x01) that
 * stops a leaf being passed off as an interior node. Pure: no database; the offline verifier reimplements the
 * verification half byte for byte.
 *
 * Sizes and indexes are plain numbers (exact up to 2^53) and are halved with arithmetic, never with `>>`, which
 * would truncate at 2^31.
 */

export const EMPTY_ROOT = createHash('sha256').digest();

export function leafHash(data: Buffer): Buffer {
  return createHash('sha256').update(Buffer.of(0)).update(data).digest();
}

export function nodeHash(left: Buffer, right: Buffer): Buffer {
  return createHash('sha256').update(Buffer.of(1)).update(left).update(right).digest();
}

/** Leaves [start, end) of the tree: the subtree a proof element stands for. */
export interface LeafRange {
  start: number;
  end: number;
}

/** The largest power of two strictly smaller than n (n ≥ 2): where RFC 6962 splits a tree of n leaves. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** MTH over already-hashed leaves (RFC 9162 §2.1.1). */
export function rootOfLeafHashes(leaves: readonly Buffer[], start = 0, end = leaves.length): Buffer {
  const n = end - start;
  if (n === 0) return EMPTY_ROOT;
  if (n === 1) return leaves[start];
  const k = splitPoint(n);
  return nodeHash(rootOfLeafHashes(leaves, start, start + k), rootOfLeafHashes(leaves, start + k, end));
}

/**
 * Which subtrees make up the inclusion proof of leaf `index` in a tree of `size` leaves (RFC 9162 §2.1.3.1 PATH),
 * deepest first. Ranges rather than hashes, so a caller can fetch exactly those subtrees from storage.
 */
export function inclusionProofRanges(index: number, size: number): LeafRange[] {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size)
    throw new RangeError(`no leaf ${index} in a tree of ${size}`);
  const ranges: LeafRange[] = [];
  let [offset, n, m] = [0, size, index];
  const stack: LeafRange[] = [];
  while (n > 1) {
    const k = splitPoint(n);
    if (m < k) {
      stack.push({ start: offset + k, end: offset + n });
      n = k;
    } else {
      stack.push({ start: offset, end: offset + k });
      offset += k;
      m -= k;
      n -= k;
    }
  }
  // PATH appends the sibling after the sub-path: the innermost sibling comes first.
  while (stack.length > 0) ranges.push(stack.pop()!);
  return ranges;
}

/** Subtrees of the consistency proof from `first` to `second` leaves (RFC 9162 §2.1.4.1 SUBPROOF), in order. */
export function consistencyProofRanges(first: number, second: number): LeafRange[] {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second)
    throw new RangeError(`no consistency proof from ${first} to ${second}`);
  if (first === 0 || first === second) return [];
  const stack: LeafRange[] = [];
  let [offset, n, m, complete] = [0, second, first, true];
  for (;;) {
    if (m === n) {
      if (!complete) stack.push({ start: offset, end: offset + n });
      break;
    }
    const k = splitPoint(n);
    if (m <= k) {
      stack.push({ start: offset + k, end: offset + n });
      n = k;
    } else {
      stack.push({ start: offset, end: offset + k });
      offset += k;
      m -= k;
      n -= k;
      complete = false;
    }
  }
  return stack.reverse();
}

/** Inclusion proof over leaves held in memory (tests, small trees). */
export function inclusionProof(leaves: readonly Buffer[], index: number, size = leaves.length): Buffer[] {
  return inclusionProofRanges(index, size).map((r) => rootOfLeafHashes(leaves, r.start, r.end));
}

export function consistencyProof(leaves: readonly Buffer[], first: number, second = leaves.length): Buffer[] {
  return consistencyProofRanges(first, second).map((r) => rootOfLeafHashes(leaves, r.start, r.end));
}

const odd = (x: number) => x % 2 === 1;
const half = (x: number) => Math.floor(x / 2);

/** RFC 9162 §2.1.3.2: recomputes the root from a leaf hash and its audit path. */
export function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Buffer,
  path: readonly Buffer[],
): Buffer | null {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(size) || index < 0 || index >= size) return null;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  path: readonly Buffer[],
  root: Buffer,
): boolean {
  const computed = rootFromInclusionProof(index, size, leaf, path);
  return computed !== null && computed.equals(root);
}

/** RFC 9162 §2.1.4.2, with the edge cases (equal sizes, empty first tree) the RFC leaves to the caller. */
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  proof: readonly Buffer[],
): boolean {
  if (!Number.isSafeInteger(first) || !Number.isSafeInteger(second) || first < 0 || first > second)
    return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(first) ? [firstRoot, ...proof] : [...proof];
  let fn = first - 1;
  let sn = second - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr = path[0];
  let sr = path[0];
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && fr.equals(firstRoot) && sr.equals(secondRoot);
}

function isPowerOfTwo(n: number): boolean {
  let k = 1;
  while (k < n) k *= 2;
  return k === n;
}

/** A perfect subtree: 2^level leaves starting at index · 2^level. */
export interface PerfectSubtree {
  level: number;
  index: number;
}

/**
 * Splits an aligned range (as every range of an RFC proof is) into perfect subtrees, left to right. The MTH of the
 * range is then the right fold of their hashes: H(s1, H(s2, … sk)).
 */
export function perfectSubtreesOf(range: LeafRange): PerfectSubtree[] {
  const out: PerfectSubtree[] = [];
  let start = range.start;
  let n = range.end - range.start;
  while (n > 0) {
    let size = 1;
    while (size * 2 <= n) size *= 2;
    if (start % size !== 0) throw new RangeError(`range [${range.start}, ${range.end}) is not aligned`);
    out.push({ level: Math.log2(size), index: start / size });
    start += size;
    n -= size;
  }
  return out;
}

/** Hash of a range from the hashes of its perfect subtrees (see perfectSubtreesOf). */
export function foldSubtrees(hashes: readonly Buffer[]): Buffer {
  if (hashes.length === 0) return EMPTY_ROOT;
  let r = hashes[hashes.length - 1];
  for (let i = hashes.length - 2; i >= 0; i--) r = nodeHash(hashes[i], r);
  return r;
}

/**
 * The right edge of the tree: one hash per set bit of the size (the perfect subtrees a tree of that size splits
 * into). Appending a leaf merges equal-sized subtrees like a binary counter, so the root after every leaf costs
 * O(log n) and the sealer never rehashes the ledger.
 */
export class MerkleFrontier {
  private readonly stack: { level: number; hash: Buffer }[];

  constructor(
    private count = 0,
    subtrees: Buffer[] = [],
  ) {
    const levels = levelsOf(count);
    if (levels.length !== subtrees.length) throw new RangeError('frontier does not match its size');
    this.stack = levels.map((level, i) => ({ level, hash: subtrees[i] }));
  }

  get size(): number {
    return this.count;
  }

  /** The perfect subtrees' roots, largest first: with the size, all it takes to continue the tree elsewhere. */
  get subtrees(): Buffer[] {
    return this.stack.map((s) => s.hash);
  }

  /**
   * Appends a leaf hash; calls `completed` for every perfect subtree the append finished (level ≥ 1), so a store
   * can keep interior nodes for proofs.
   */
  append(leaf: Buffer, completed?: (subtree: PerfectSubtree, hash: Buffer) => void): void {
    let top = { level: 0, hash: leaf };
    let position = this.count;
    while (this.stack.length > 0 && this.stack[this.stack.length - 1].level === top.level) {
      const left = this.stack.pop()!;
      top = { level: top.level + 1, hash: nodeHash(left.hash, top.hash) };
      position = Math.floor(position / 2);
      completed?.({ level: top.level, index: position }, top.hash);
    }
    this.stack.push(top);
    this.count++;
  }

  root(): Buffer {
    return foldSubtrees(this.stack.map((s) => s.hash));
  }
}

/** The levels of the perfect subtrees a tree of `size` leaves splits into, largest first. */
export function levelsOf(size: number): number[] {
  const levels: number[] = [];
  let level = 0;
  let rest = size;
  while (rest > 0) {
    if (odd(rest)) levels.unshift(level);
    rest = half(rest);
    level++;
  }
  return levels;
}
