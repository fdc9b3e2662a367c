import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { createHash } from 'node:crypto';
import { uuidv7 } from '@credence/shared';
import { FilesystemBlobStore } from './filesystem-blob-store';
import { openFileStore, type OpenedFileStore } from './testing/open-file-store';
import { samplePdf, samplePng } from './testing/sample-files';

const applicant = { id: uuidv7(), subjectCode: '91320830MA1XY0012B' };
const colleague = { id: uuidv7(), subjectCode: '91320830MA1XY0012B' };
const stranger = { id: uuidv7(), subjectCode: '91512000MA6AB0034C' };
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

async function bytesOf(content: Buffer | Readable): Promise<Buffer> {
  if (Buffer.isBuffer(content)) return content;
  const chunks: Buffer[] = [];
  for await (const chunk of content) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('FileStore over PostgreSQL', () => {
  let s: OpenedFileStore;
  beforeAll(async () => (s = await openFileStore({ env: { MATERIAL_MAX_BYTES: '4096' } })));
  afterAll(() => s.t.drop());

  it('keeps the same bytes once, and each upload as a file of its own', async () => {
    const bytes = samplePdf('dedup');
    const first = await s.files.store({ content: bytes, fileName: '整改证明.pdf', owner: applicant });
    const second = await s.files.store({ content: bytes, fileName: '再次上传.pdf', owner: stranger });

    expect(first.id).not.toBe(second.id);
    expect(first.sha256).toBe(sha256(bytes));
    expect(second.sha256).toBe(first.sha256);
    expect(second).toMatchObject({ fileName: '再次上传.pdf', uploadedBy: stranger.id, size: bytes.length });
    const blobs = await s.t.superuser.query('SELECT size FROM material_blobs WHERE sha256 = $1', [
      first.sha256,
    ]);
    expect(blobs.rows).toEqual([{ size: String(bytes.length) }]);
    const files = await s.t.superuser.query('SELECT id FROM materials WHERE sha256 = $1 ORDER BY id', [
      first.sha256,
    ]);
    // Ids made in the same clock millisecond order randomly: compare as sets.
    expect(files.rows.map((r) => r.id).sort()).toEqual([first.id, second.id].sort());
  });

  it('gives back the identical bytes and the row it stored', async () => {
    const bytes = samplePng();
    const stored = await s.files.store({ content: bytes, fileName: 'photo.png', owner: applicant });
    const opened = await s.files.open(stored.id);
    expect(opened?.file).toEqual(stored);
    expect((await bytesOf(opened!.content)).equals(bytes)).toBe(true);
    expect(await s.files.describe(uuidv7())).toBeNull();
    expect(await s.files.describe('not-a-uuid')).toBeNull();
  });

  it('types a file by its bytes, not its name', async () => {
    const png = await s.files.store({ content: samplePng(), fileName: '扫描件.pdf', owner: applicant });
    expect(png.mediaType).toBe('image/png');
    await expect(
      s.files.store({ content: Buffer.from('plain text\n'), fileName: 'letter.pdf', owner: applicant }),
    ).rejects.toMatchObject({ code: 'MATERIAL.UNSUPPORTED_TYPE', status: 415 });
  });

  it('refuses empty and oversized files', async () => {
    await expect(
      s.files.store({ content: Buffer.alloc(0), fileName: 'empty.pdf', owner: applicant }),
    ).rejects.toMatchObject({ code: 'MATERIAL.EMPTY', status: 422 });
    const large = Buffer.concat([samplePdf(), Buffer.alloc(4096)]);
    await expect(
      s.files.store({ content: large, fileName: 'large.pdf', owner: applicant }),
    ).rejects.toMatchObject({ code: 'MATERIAL.TOO_LARGE', status: 413, details: { limitBytes: 4096 } });
  });

  it('lets an actor attach only files of their own or of their subject', async () => {
    const mine = await s.files.store({ content: samplePdf('mine'), fileName: 'a.pdf', owner: applicant });
    const ours = await s.files.store({ content: samplePdf('ours'), fileName: 'b.pdf', owner: colleague });
    const theirs = await s.files.store({ content: samplePdf('theirs'), fileName: 'c.pdf', owner: stranger });

    const owned = await s.files.requireOwned([mine.id, ours.id, mine.id], applicant);
    expect(owned.map((f) => f.id)).toEqual([mine.id, ours.id]);

    const missing = uuidv7();
    await expect(
      s.files.requireOwned([mine.id, theirs.id, missing, 'nonsense'], applicant),
    ).rejects.toMatchObject({
      code: 'MATERIAL.NOT_FOUND_OR_NOT_YOURS',
      status: 404,
      details: { fileIds: [theirs.id, missing, 'nonsense'] },
    });
    // Staff have no subject: only what they uploaded themselves.
    const officer = { id: uuidv7(), subjectCode: null };
    await expect(s.files.requireOwned([mine.id], officer)).rejects.toMatchObject({
      details: { fileIds: [mine.id] },
    });
  });

  it('never lets the application change or remove a file or a blob', async () => {
    const stored = await s.files.store({
      content: samplePdf('kept'),
      fileName: 'kept.pdf',
      owner: applicant,
    });
    for (const statement of [
      `UPDATE materials SET file_name = 'x.pdf' WHERE id = '${stored.id}'`,
      `DELETE FROM materials WHERE id = '${stored.id}'`,
      `UPDATE material_blobs SET content = '\\x00' WHERE sha256 = '${stored.sha256}'`,
      `DELETE FROM material_blobs WHERE sha256 = '${stored.sha256}'`,
    ]) {
      await expect(s.t.db.query(statement)).rejects.toMatchObject({ code: '42501' });
    }
  });
});

describe('FileStore over the filesystem blob store', () => {
  let s: OpenedFileStore;
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'credence-materials-'));
    s = await openFileStore({ blobs: () => new FilesystemBlobStore(dir) });
  });
  afterAll(async () => {
    await s.t.drop();
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps the same bytes in one file, named by their digest, and none in the database', async () => {
    const bytes = samplePdf('filesystem');
    const first = await s.files.store({ content: bytes, fileName: 'one.pdf', owner: applicant });
    const second = await s.files.store({ content: bytes, fileName: 'two.pdf', owner: applicant });

    expect(second.id).not.toBe(first.id);
    expect(await readdir(join(dir, first.sha256.slice(0, 2)))).toEqual([first.sha256]);
    const blobs = await s.t.superuser.query('SELECT count(*)::int AS n FROM material_blobs');
    expect(blobs.rows[0].n).toBe(0);
    const files = await s.t.superuser.query('SELECT count(*)::int AS n FROM materials WHERE sha256 = $1', [
      first.sha256,
    ]);
    expect(files.rows[0].n).toBe(2);

    const opened = await s.files.open(second.id);
    expect(opened!.content).toBeInstanceOf(Readable);
    expect((await bytesOf(opened!.content)).equals(bytes)).toBe(true);
  });

  it('refuses a key that is not a digest (it names a path)', async () => {
    await expect(s.blobs.get('../../etc/passwd')).rejects.toThrow('not a SHA-256');
  });
});
