import type { Clock, Database, Sql } from '@credence/shared';
import { assertSha256, BlobStore } from './blob-store';

/** The default: blobs in the `material_blobs` table, written in the same transaction as the file row. */
export class PostgresBlobStore extends BlobStore {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {
    super();
  }

  async put(sha256: string, content: Buffer, tx: Sql = this.db): Promise<void> {
    assertSha256(sha256);
    // Checked first so a duplicate upload does not ship its bytes to the server again only to be discarded.
    if (await this.has(sha256, tx)) return;
    await tx.query(
      `INSERT INTO material_blobs (sha256, content, size, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (sha256) DO NOTHING`,
      [sha256, content, content.length, this.clock.now()],
    );
  }

  async get(sha256: string): Promise<Buffer | null> {
    assertSha256(sha256);
    const { rows } = await this.db.query<{ content: Buffer }>(
      'SELECT content FROM material_blobs WHERE sha256 = $1',
      [sha256],
    );
    return rows[0]?.content ?? null;
  }

  async has(sha256: string, tx: Sql = this.db): Promise<boolean> {
    assertSha256(sha256);
    const { rowCount } = await tx.query('SELECT 1 FROM material_blobs WHERE sha256 = $1', [sha256]);
    return (rowCount ?? 0) > 0;
  }
}
