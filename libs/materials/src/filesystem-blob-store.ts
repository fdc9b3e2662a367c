import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { assertSha256, BlobStore } from './blob-store';

/**
 * Blobs as files under one directory, `ab/abcdef…` (a level of fan-out keeps directories small). It shows the seam
 * an object store uses: nothing here takes part in the database transaction.
 */
export class FilesystemBlobStore extends BlobStore {
  constructor(private readonly root: string) {
    super();
  }

  async put(sha256: string, content: Buffer): Promise<void> {
    if (await this.has(sha256)) return;
    const path = this.pathOf(sha256);
    await mkdir(join(path, '..'), { recursive: true });
    // Written aside and renamed into place: a reader never sees half a blob, and two writers of the same bytes
    // each rename a complete copy over the other.
    const partial = `${path}.${randomUUID()}.partial`;
    try {
      await writeFile(partial, content, { flag: 'wx' });
      await rename(partial, path);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
  }

  async get(sha256: string): Promise<Readable | null> {
    if (!(await this.has(sha256))) return null;
    return createReadStream(this.pathOf(sha256));
  }

  async has(sha256: string): Promise<boolean> {
    try {
      return (await stat(this.pathOf(sha256))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  private pathOf(sha256: string): string {
    assertSha256(sha256);
    return join(this.root, sha256.slice(0, 2), sha256);
  }
}
