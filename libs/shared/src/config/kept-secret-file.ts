import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Env } from './env';

/** Where a generated development secret is kept: beside the embedded database's data, never inside a database. */
export function keptSecretPath(env: Pick<Env, 'EMBEDDED_PG_DIR'>, name: string): string {
  return join(dirname(resolve(env.EMBEDDED_PG_DIR)), name);
}

/**
 * The text kept in `file`, made with `generate()` the first time. Written whole under a private name, then linked
 * into place: link fails if the file exists, so of two processes starting together one places its secret and the
 * other reads it — never a half-written file. `created` says whether this call made it (worth a log line).
 */
export function keptSecretFile(file: string, generate: () => string): { text: string; created: boolean } {
  try {
    return { text: readFileSync(file, 'utf8'), created: false };
  } catch {
    mkdirSync(dirname(file), { recursive: true });
    const draft = `${file}.${process.pid}.tmp`;
    writeFileSync(draft, generate(), { mode: 0o600 });
    let created = false;
    try {
      linkSync(draft, file);
      created = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(draft);
    }
    return { text: readFileSync(file, 'utf8'), created };
  }
}
