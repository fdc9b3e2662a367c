import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** The offline verifier as shipped in the package (tools/credence-verify, the `credence-verify` bin). */
export const VERIFIER_FILE = 'credence-verify.mjs';

/**
 * The bytes of the offline verifier, found from the package root (source and dist alike, as the console's files
 * are). Read once: the file is part of the release, not data.
 */
export function verifierScript(from = import.meta.dirname): Buffer {
  let dir = resolve(from);
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`${VERIFIER_FILE} not found above ${from}`);
    dir = parent;
  }
  cached ??= readFileSync(join(dir, 'tools', 'credence-verify', VERIFIER_FILE));
  return cached;
}

let cached: Buffer | undefined;
