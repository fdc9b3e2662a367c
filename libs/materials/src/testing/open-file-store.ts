import { loadEnv, ManualClock, uuidv7, type Sql } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../../test/setup/test-database';
import type { BlobStore } from '../blob-store';
import { FileStore } from '../file-store.service';
import { MaterialAccess } from '../material-access.service';
import { PostgresBlobStore } from '../postgres-blob-store';

export interface OpenedFileStore {
  t: TestDatabase;
  files: FileStore;
  access: MaterialAccess;
  blobs: BlobStore;
  clock: ManualClock;
}

/** A FileStore over a fresh test database, with the PostgreSQL blob store unless another is given. */
export async function openFileStore(
  options: { env?: Record<string, string>; blobs?: (t: TestDatabase, clock: ManualClock) => BlobStore } = {},
): Promise<OpenedFileStore> {
  const t = await createTestDatabase();
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  const env = loadEnv({ NODE_ENV: 'test', ...options.env });
  const blobs = options.blobs?.(t, clock) ?? new PostgresBlobStore(t.db, clock);
  const files = new FileStore(t.db, blobs, env, clock);
  return { t, files, access: new MaterialAccess(t.db, files), blobs, clock };
}

/** A bare `cases` row of an authority (what the access rule reads), written as the superuser. */
export async function insertCase(
  sql: Sql,
  owner: { authorityCode: string; authorityPath: string; subjectCode: string },
): Promise<string> {
  const id = uuidv7();
  await sql.query(
    `INSERT INTO cases (id, type, stream_id, state, state_label_zh, state_label_en, status, version, machine_id,
                        machine_version, authority_code, authority_path, subject_code, subject_name, title,
                        created_at, updated_at)
     VALUES ($1, 'test', $2, '{open}', '处理中', 'Open', 'active', 1, 'test', '1', $3, $4, $5, '测试主体', '测试', now(), now())`,
    [id, `test-${id}`, owner.authorityCode, owner.authorityPath, owner.subjectCode],
  );
  return id;
}
