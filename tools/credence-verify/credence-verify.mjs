#!/usr/bin/env node
// credence-verify — checks a Credence evidence bundle offline, with Node.js (≥ 18) alone.
//
//   node credence-verify.mjs bundle.json [--public-key key.pem | --key-id <hex>] [--json]
//
// It recomputes every event's hash chain (SM3 or SHA-256 over RFC 8785 canonical JSON), every ledger leaf,
// every inclusion proof up to a signed checkpoint (RFC 9162 Merkle tree, SHA-256), every checkpoint signature
// (Ed25519 or SM2) and the consistency proofs between checkpoints. Exit code 0: everything holds; 1: something
// does not, and each problem is named with where it is; 2: the bundle could not be read.
//
// Pin the key you trust with --public-key (the PEM from GET /api/v1/audit/public-key) or --key-id; without
// either, the bundle's own key is used and you are told to compare its id with the published one.
// This file depends on nothing but Node's built-in modules, so it can be copied and audited on its own.

import { Buffer } from 'node:buffer';
import { createHash, createPublicKey, verify as verifySignatureRaw } from 'node:crypto';
import { readFileSync, realpathSync } from 'node:fs';
import process from 'node:process';
import { pathToFileURL } from 'node:url';

export const FORMAT = 'credence-evidence/1';
const GENESIS = '00'.repeat(32);

// ---------------------------------------------------------------------------------------------------------------
// RFC 8785 canonical JSON and the event hash (the same as the server's libs/event-store/src/hash-chain.ts)

/** JCS: keys sorted by UTF-16 code units, no whitespace, numbers and strings as ECMAScript serialises them. */
export function canonicalJson(value) {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value))
      throw new TypeError('non-finite number in JSON');
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value))
    return `[${value.map((item) => (item === undefined ? 'null' : canonicalJson(item))).join(',')}]`;
  const entries = Object.entries(value)
    .filter(([, v]) => v !== undefined && typeof v !== 'function')
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** The canonical text an event's hash covers. */
export function canonicalEvent(e) {
  return canonicalJson({
    streamId: e.streamId,
    streamVersion: e.streamVersion,
    eventId: e.eventId,
    type: e.type,
    schemaVersion: e.schemaVersion,
    data: e.data,
    metadata: e.metadata,
    recordedAt: e.recordedAt,
  });
}

/** hash = H(prevHash ‖ canonical(event)), H = SM3 (GB/T 32905) or SHA-256. Hex in, hex out. */
export function eventHash(e) {
  if (e.hashAlgorithm !== 'sm3' && e.hashAlgorithm !== 'sha256')
    throw new Error(`unknown hash algorithm ${e.hashAlgorithm}`);
  return createHash(e.hashAlgorithm)
    .update(Buffer.from(e.prevHash, 'hex'))
    .update(canonicalEvent(e), 'utf8')
    .digest('hex');
}

// ---------------------------------------------------------------------------------------------------------------
// RFC 9162 Merkle tree verification (SHA-256, leaf = H(0x00 ‖ data), node = H(0x01 ‖ left ‖ right))

export const leafHash = (data) => createHash('sha256').update(Buffer.of(0)).update(data).digest();
export const nodeHash = (l, r) => createHash('sha256').update(Buffer.of(1)).update(l).update(r).digest();
const odd = (x) => x % 2 === 1;
const half = (x) => Math.floor(x / 2);
const isSize = (x) => Number.isSafeInteger(x) && x >= 0;

/** RFC 9162 §2.1.3.2. */
export function verifyInclusion(index, size, leaf, path, root) {
  if (!isSize(index) || !isSize(size) || index >= size) return false;
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of path) {
    if (sn === 0) return false;
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
  return sn === 0 && r.equals(root);
}

/** RFC 9162 §2.1.4.2, plus the cases it leaves to the caller (equal sizes, empty first tree). */
export function verifyConsistency(first, second, firstRoot, secondRoot, proof) {
  if (!isSize(first) || !isSize(second) || first > second) return false;
  if (first === second) return proof.length === 0 && firstRoot.equals(secondRoot);
  if (first === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  let pow = 1;
  while (pow < first) pow *= 2;
  const path = pow === first ? [firstRoot, ...proof] : [...proof];
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

// ---------------------------------------------------------------------------------------------------------------
// Signatures

/** The signed note of a checkpoint: origin, tree size, base64 root, ISO 8601 instant, one per line. */
export function checkpointNoteText(c) {
  return `${c.origin}\n${c.treeSize}\n${Buffer.from(c.rootHash, 'hex').toString('base64')}\n${c.sealedAt}\n`;
}

export const keySuccessionText = (predecessor, successor) =>
  `credence audit key succession\n${predecessor}\n${successor}\n`;

export function keyIdOf(publicKeyPem) {
  return createHash('sha256')
    .update(createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' }))
    .digest('hex');
}

/** Ed25519 over the text; SM2 with SM3 (the key must be parsed from PEM to be treated as SM2 by OpenSSL). */
export function verifySignature(algorithm, publicKeyPem, text, signatureBase64) {
  try {
    const digest = algorithm === 'sm2' ? 'sm3' : algorithm === 'ed25519' ? null : undefined;
    if (digest === undefined) return false;
    return verifySignatureRaw(
      digest,
      Buffer.from(text, 'utf8'),
      createPublicKey(publicKeyPem),
      Buffer.from(signatureBase64, 'base64'),
    );
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// The bundle

const PROBLEMS = {
  'unknown-format': '无法识别的证据包格式 / unknown bundle format',
  'key-id-mismatch': '密钥标识与公钥不符 / key id does not match its public key',
  'untrusted-key': '检查点由不受信任的密钥签名 / checkpoint signed by an untrusted key',
  'bad-signature': '检查点签名无效 / checkpoint signature invalid',
  'consistency-missing': '缺少检查点之间的一致性证明 / consistency proof between checkpoints missing',
  'consistency-failed': '检查点之间的一致性证明不成立 / consistency proof between checkpoints fails',
  'wrong-stream': '事件不属于该流 / event filed under another stream',
  'version-gap': '流中事件缺失或顺序错误 / event missing or out of order in its stream',
  'bad-genesis': '流的起点被伪造 / forged stream start',
  'broken-link': '哈希链断开 / hash chain link broken',
  'hash-mismatch': '事件内容与其哈希不符 / event content does not match its hash',
  'event-missing': '账本叶子对应的事件不在证据包中 / event of a ledger leaf is missing from the bundle',
  'event-changed': '事件哈希与账本记录不符 / event hash differs from the ledger',
  'leaf-mismatch': '账本叶子哈希错误 / ledger leaf hash wrong',
  'inclusion-missing': '缺少包含证明 / inclusion proof missing',
  'inclusion-failed': '包含证明不成立 / inclusion proof fails',
};

/**
 * Checks everything in a bundle. `options.trustedKeyId` / `options.trustedPublicKey` pin the key trusted;
 * otherwise the bundle's signingKey is the anchor (reported as a warning).
 */
export function verifyBundle(bundle, options = {}) {
  const failures = [];
  const warnings = [];
  const fail = (check, problem, where = {}, detail = {}) =>
    failures.push({ check, problem, ...where, ...detail, message: PROBLEMS[problem] });

  if (bundle?.format !== FORMAT) {
    fail('bundle', 'unknown-format', {}, { expected: FORMAT, actual: String(bundle?.format) });
    return { ok: false, failures, warnings, summary: {} };
  }

  // Keys: ids must be the hash of the key; trust flows back from the anchor through signed successions.
  const keys = new Map();
  for (const k of [...(bundle.keys ?? []), ...(bundle.signingKey ? [bundle.signingKey] : [])]) {
    let id;
    try {
      id = keyIdOf(k.publicKey);
    } catch {
      id = null;
    }
    if (id !== k.keyId)
      fail('keys', 'key-id-mismatch', { keyId: k.keyId }, { actual: id ?? 'unreadable key' });
    else keys.set(k.keyId, { ...keys.get(k.keyId), ...k });
  }
  let anchorId = bundle.signingKey?.keyId;
  if (options.trustedPublicKey) {
    anchorId = keyIdOf(options.trustedPublicKey);
    // Node names Ed25519 keys; an SM2 key parsed from PEM has no type name Node knows.
    const algorithm =
      createPublicKey(options.trustedPublicKey).asymmetricKeyType === 'ed25519' ? 'ed25519' : 'sm2';
    if (!keys.has(anchorId))
      keys.set(anchorId, { keyId: anchorId, algorithm, publicKey: options.trustedPublicKey });
  } else if (options.trustedKeyId) anchorId = options.trustedKeyId;
  else
    warnings.push(
      `trust anchor taken from the bundle: compare key id ${anchorId} with GET /api/v1/audit/public-key ` +
        '(信任根取自证据包本身，请与公开的公钥标识核对)',
    );
  const trusted = new Set(keys.has(anchorId) ? [anchorId] : []);
  for (let current = keys.get(anchorId); current?.predecessorKeyId && current.successionSignature;) {
    const predecessor = keys.get(current.predecessorKeyId);
    if (!predecessor || trusted.has(predecessor.keyId)) break;
    const text = keySuccessionText(predecessor.keyId, current.keyId);
    if (!verifySignature(current.algorithm, current.publicKey, text, current.successionSignature)) break;
    trusted.add(predecessor.keyId);
    current = predecessor;
  }

  // Checkpoints: signatures, then consistency between neighbours.
  const checkpoints = [...(bundle.checkpoints ?? [])].sort((a, b) => a.treeSize - b.treeSize);
  const checkpointAt = new Map(checkpoints.map((c) => [c.treeSize, c]));
  for (const c of checkpoints) {
    const key = keys.get(c.keyId);
    if (!trusted.has(c.keyId) || key.algorithm !== c.algorithm)
      fail('checkpoint', 'untrusted-key', { treeSize: c.treeSize }, { actual: c.keyId });
    else if (!verifySignature(c.algorithm, key.publicKey, checkpointNoteText(c), c.signature))
      fail('checkpoint', 'bad-signature', { treeSize: c.treeSize }, { actual: c.keyId });
  }
  const consistency = new Map(
    (bundle.consistencyProofs ?? []).map((p) => [`${p.fromTreeSize}:${p.toTreeSize}`, p]),
  );
  for (let i = 1; i < checkpoints.length; i++) {
    const [a, b] = [checkpoints[i - 1], checkpoints[i]];
    const proof = consistency.get(`${a.treeSize}:${b.treeSize}`);
    if (!proof)
      fail('checkpoint', 'consistency-missing', { treeSize: b.treeSize }, { expected: `from ${a.treeSize}` });
    else if (
      !verifyConsistency(
        a.treeSize,
        b.treeSize,
        Buffer.from(a.rootHash, 'hex'),
        Buffer.from(b.rootHash, 'hex'),
        proof.path.map((h) => Buffer.from(h, 'hex')),
      )
    )
      fail(
        'checkpoint',
        'consistency-failed',
        { treeSize: b.treeSize },
        { expected: `consistent with ${a.treeSize}` },
      );
  }

  // Chains: every stream from its genesis; the recomputed hashes are what the ledger must hold.
  const recomputed = new Map();
  let eventCount = 0;
  for (const stream of bundle.streams ?? []) {
    let previousHash = GENESIS;
    let version = 0;
    let broken = false;
    for (const e of stream.events ?? []) {
      eventCount++;
      const where = { streamId: stream.streamId, streamVersion: e.streamVersion };
      let hash;
      try {
        hash = eventHash(e);
      } catch {
        hash = null;
      }
      recomputed.set(`${e.streamId}\u0000${e.streamVersion}`, { event: e, hash });
      if (broken) continue;
      let problem = null;
      let detail = {};
      if (e.streamId !== stream.streamId) [problem, detail] = ['wrong-stream', { actual: e.streamId }];
      else if (e.streamVersion !== version + 1)
        [problem, detail] = [
          'version-gap',
          { expected: String(version + 1), actual: String(e.streamVersion) },
        ];
      else if (e.prevHash !== previousHash)
        [problem, detail] = [
          version === 0 ? 'bad-genesis' : 'broken-link',
          { expected: previousHash, actual: e.prevHash },
        ];
      else if (hash !== e.hash)
        [problem, detail] = ['hash-mismatch', { expected: hash ?? 'unhashable', actual: e.hash }];
      if (problem) {
        fail('chain', problem, where, detail);
        broken = true; // later events of a broken stream are not judged against a broken predecessor
      }
      version = e.streamVersion;
      previousHash = e.hash;
    }
  }

  // Ledger leaves against the recomputed event hashes, and their inclusion in the latest signed tree.
  const proofs = new Map((bundle.inclusionProofs ?? []).map((p) => [p.ledgerIndex, p]));
  const latest = checkpoints.at(-1);
  const sealed = new Set();
  for (const leaf of bundle.ledger ?? []) {
    const where = {
      streamId: leaf.streamId,
      streamVersion: leaf.streamVersion,
      ledgerIndex: leaf.ledgerIndex,
    };
    const key = `${leaf.streamId}\u0000${leaf.streamVersion}`;
    sealed.add(key);
    const found = recomputed.get(key);
    if (!found) {
      fail('ledger', 'event-missing', where, { expected: leaf.eventHash });
      continue;
    }
    if (found.hash !== leaf.eventHash)
      fail('ledger', 'event-changed', where, {
        expected: leaf.eventHash,
        actual: found.hash ?? 'unhashable',
      });
    const expectedLeaf = leafHash(Buffer.from(leaf.eventHash, 'hex')).toString('hex');
    if (expectedLeaf !== leaf.leafHash)
      fail('ledger', 'leaf-mismatch', where, { expected: expectedLeaf, actual: leaf.leafHash });
    if (!latest || leaf.ledgerIndex >= latest.treeSize) {
      warnings.push(
        `ledger index ${leaf.ledgerIndex} (${leaf.streamId} v${leaf.streamVersion}) is after the latest checkpoint`,
      );
      continue;
    }
    const proof = proofs.get(leaf.ledgerIndex);
    const checkpoint = proof && checkpointAt.get(proof.treeSize);
    if (
      !proof ||
      !checkpoint ||
      proof.streamId !== leaf.streamId ||
      proof.streamVersion !== leaf.streamVersion
    ) {
      fail('ledger', 'inclusion-missing', where, { treeSize: latest.treeSize });
      continue;
    }
    // The leaf is rebuilt from the event's content, not taken from the bundle: content → hash → leaf → signed root.
    const ok =
      found.hash !== null &&
      verifyInclusion(
        leaf.ledgerIndex,
        checkpoint.treeSize,
        leafHash(Buffer.from(found.hash, 'hex')),
        proof.path.map((h) => Buffer.from(h, 'hex')),
        Buffer.from(checkpoint.rootHash, 'hex'),
      );
    if (!ok) fail('ledger', 'inclusion-failed', { ...where, treeSize: checkpoint.treeSize });
  }
  for (const [key, { event }] of recomputed)
    if (!sealed.has(key))
      warnings.push(`${event.streamId} v${event.streamVersion} was not sealed yet when exported (尚未封存)`);

  return {
    ok: failures.length === 0,
    failures,
    warnings,
    summary: {
      anchorKeyId: anchorId ?? null,
      trustedKeyIds: [...trusted],
      streams: (bundle.streams ?? []).length,
      events: eventCount,
      ledgerLeaves: (bundle.ledger ?? []).length,
      checkpoints: checkpoints.length,
      inclusionProofs: proofs.size,
      consistencyProofs: consistency.size,
      latestTreeSize: latest?.treeSize ?? null,
    },
  };
}

export function describe(f) {
  const where = [
    f.streamId && `stream ${f.streamId}`,
    f.streamVersion !== undefined && `version ${f.streamVersion}`,
    f.ledgerIndex !== undefined && `ledger index ${f.ledgerIndex}`,
    f.treeSize !== undefined && `checkpoint ${f.treeSize}`,
    f.keyId && `key ${f.keyId}`,
  ].filter(Boolean);
  const detail = [f.expected && `expected ${f.expected}`, f.actual && `found ${f.actual}`]
    .filter(Boolean)
    .join('; ');
  return `FAIL [${f.check}/${f.problem}] ${where.join(', ') || 'bundle'}: ${f.message}${detail ? ` (${detail})` : ''}`;
}

function main(argv) {
  const args = [...argv];
  const json = args.includes('--json');
  const take = (name) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : undefined;
  };
  const publicKeyFile = take('--public-key');
  const keyId = take('--key-id');
  const file = args.filter((a) => a !== '--json')[0];
  if (!file) {
    process.stderr.write(
      'usage: node credence-verify.mjs bundle.json [--public-key key.pem | --key-id <hex>] [--json]\n',
    );
    return 2;
  }
  let bundle;
  let trustedPublicKey;
  try {
    bundle = JSON.parse(readFileSync(file, 'utf8'));
    trustedPublicKey = publicKeyFile ? readFileSync(publicKeyFile, 'utf8') : undefined;
  } catch (error) {
    process.stderr.write(`cannot read ${file}: ${error.message}\n`);
    return 2;
  }
  const report = verifyBundle(bundle, { trustedPublicKey, trustedKeyId: keyId });
  if (json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return report.ok ? 0 : 1;
  }
  const s = report.summary;
  const out = [`credence-verify ${file}`];
  if (s.streams !== undefined)
    out.push(
      `  ${s.streams} streams, ${s.events} events, ${s.ledgerLeaves} ledger leaves, ${s.checkpoints} checkpoints ` +
        `(latest tree size ${s.latestTreeSize}), ${s.inclusionProofs} inclusion and ${s.consistencyProofs} consistency proofs`,
      `  trusted keys: ${s.trustedKeyIds.join(', ') || 'none'}`,
    );
  for (const w of report.warnings) out.push(`WARN ${w}`);
  for (const f of report.failures) out.push(describe(f));
  out.push(
    report.ok
      ? 'OK: every chain, leaf, inclusion proof, signature and consistency proof holds (校验通过)'
      : `FAILED: ${report.failures.length} problem(s) (校验失败)`,
  );
  process.stdout.write(`${out.join('\n')}\n`);
  return report.ok ? 0 : 1;
}

// Run as a program (also through an npm bin symlink), not when imported.
const invokedAs = process.argv[1] ? pathToFileURL(realpathSync(process.argv[1])).href : '';
if (import.meta.url === invokedAs) process.exitCode = main(process.argv.slice(2));
