import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createHash } from 'node:crypto';
import type { Response } from 'supertest';
import { DEMO_SUBJECTS } from '@credence/identity';
import { caseMaterialWrites } from '@credence/materials';
import { insertCase } from '../../libs/materials/src/testing/open-file-store';
import {
  sampleJpeg,
  sampleOfd,
  samplePdf,
  samplePng,
  zipOf,
} from '../../libs/materials/src/testing/sample-files';
import { loginAs, seedDemoIdentities } from '../setup/auth';
import { createTestApp, type TestApp } from '../setup/create-test-app';

const LIMIT = 64 * 1024;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The raw bytes of a download, whatever its Content-Type. */
function binary(res: Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

describe('materials (e2e)', () => {
  let t: TestApp;
  const token: Record<string, string> = {};

  const upload = (
    user: string,
    content: Buffer,
    filename: string,
    contentType = 'application/octet-stream',
  ) =>
    t.http
      .post('/api/v1/files')
      .auth(token[user], { type: 'bearer' })
      .attach('file', content, { filename, contentType });
  const get = (user: string, path: string) =>
    t.http.get(`/api/v1/files/${path}`).auth(token[user], { type: 'bearer' });
  const download = (user: string, id: string) => get(user, `${id}/content`).buffer(true).parse(binary);

  beforeAll(async () => {
    t = await createTestApp({ MATERIAL_MAX_BYTES: String(LIMIT), ACCESS_LOG_FLUSH_MS: '0' });
    await seedDemoIdentities(t);
    for (const user of [
      'applicant-a',
      'applicant-b',
      'officer-xuyi',
      'reviewer-xuyi',
      'officer-ziyang',
      'auditor-province',
    ])
      token[user] = await loginAs(t, user);
  });
  afterAll(() => t.close());

  describe('upload', () => {
    it.each([
      ['整改完成证明.pdf', 'application/pdf', samplePdf('upload')],
      ['现场照片.jpg', 'image/jpeg', sampleJpeg('upload')],
      ['营业执照.png', 'image/png', samplePng()],
      ['电子证照.ofd', 'application/ofd', sampleOfd('upload')],
    ])('accepts %s as %s', async (name, mediaType, bytes) => {
      const res = await upload('applicant-a', bytes, name).expect(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        sha256: sha256(bytes),
        size: bytes.length,
        mediaType,
        fileName: name,
        uploadedAt: '2026-06-01T02:00:00.000Z',
      });
      expect(res.headers.location).toBe(`/api/v1/files/${res.body.id}`);
    });

    it('types a file by its content: text named .pdf is refused, a PNG named .pdf is a PNG', async () => {
      const text = Buffer.from('这不是 PDF，只是改了扩展名的文本。\n', 'utf8');
      const res = await upload('applicant-a', text, '承诺书.pdf', 'application/pdf').expect(415);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({
        status: 415,
        code: 'MATERIAL.UNSUPPORTED_TYPE',
        allowed: ['application/pdf', 'image/jpeg', 'image/png', 'application/ofd'],
      });
      const zip = zipOf([{ name: 'word/document.xml', content: '<w:document/>' }]);
      await upload('applicant-a', zip, '不是OFD.ofd').expect(415);

      const png = await upload('applicant-a', samplePng(), 'scan.pdf', 'application/pdf').expect(201);
      expect(png.body.mediaType).toBe('image/png');
    });

    it('refuses a file over MATERIAL_MAX_BYTES with 413 and the limit', async () => {
      const huge = Buffer.concat([samplePdf(), Buffer.alloc(LIMIT * 3)]);
      const res = await upload('applicant-a', huge, 'huge.pdf').expect(413);
      expect(res.body).toMatchObject({ status: 413, code: 'MATERIAL.TOO_LARGE', limitBytes: LIMIT });
      // One byte over: received in full, refused by the store with the same problem.
      const justOver = Buffer.concat([samplePdf(), Buffer.alloc(LIMIT + 1 - samplePdf().length)]);
      expect((await upload('applicant-a', justOver, 'over.pdf').expect(413)).body.code).toBe(
        'MATERIAL.TOO_LARGE',
      );
      const atLimit = Buffer.concat([samplePdf(), Buffer.alloc(LIMIT - samplePdf().length)]);
      await upload('applicant-a', atLimit, 'limit.pdf').expect(201);
    });

    it('refuses an empty file, a missing file and a malformed form with coded problems', async () => {
      expect((await upload('applicant-a', Buffer.alloc(0), 'empty.pdf').expect(422)).body.code).toBe(
        'MATERIAL.EMPTY',
      );
      const json = await t.http
        .post('/api/v1/files')
        .auth(token['applicant-a'], { type: 'bearer' })
        .send({ file: 'abc' })
        .expect(400);
      expect(json.body.code).toBe('MATERIAL.FILE_REQUIRED');
      const noFile = await t.http
        .post('/api/v1/files')
        .auth(token['applicant-a'], { type: 'bearer' })
        .field('note', 'no file here')
        .expect(400);
      expect(noFile.body.code).toBe('MATERIAL.FILE_REQUIRED');
      const wrongField = await t.http
        .post('/api/v1/files')
        .auth(token['applicant-a'], { type: 'bearer' })
        .attach('document', samplePdf(), 'a.pdf')
        .expect(400);
      expect(wrongField.body.code).toBe('MATERIAL.UPLOAD_MALFORMED');
    });

    it('needs a login', async () => {
      await t.http.post('/api/v1/files').attach('file', samplePdf(), 'a.pdf').expect(401);
    });

    it('answers a retry under the same Idempotency-Key with the first answer, and refuses another file under it', async () => {
      const send = (bytes: Buffer, name: string) =>
        upload('applicant-a', bytes, name).set('Idempotency-Key', 'upload-retry-1');
      const first = await send(samplePdf('retry'), '重试.pdf').expect(201);
      const retry = await send(samplePdf('retry'), '重试.pdf').expect(201);
      expect(retry.headers['idempotent-replayed']).toBe('true');
      expect(retry.body).toEqual(first.body);
      expect(retry.headers.location).toBe(first.headers.location);
      const other = await send(samplePdf('another file'), '重试.pdf').expect(422);
      expect(other.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
      const rows = await t.database.superuser.query(
        'SELECT count(*)::int AS n FROM materials WHERE file_name = $1',
        ['重试.pdf'],
      );
      expect(rows.rows[0].n).toBe(1);
    });
  });

  describe('download', () => {
    const bytes = sampleOfd('download');
    let fileId: string;

    beforeAll(async () => {
      fileId = (await upload('applicant-a', bytes, '行政处罚决定书（已履行）.ofd').expect(201)).body.id;
    });

    it('gives the owner the identical bytes, named in UTF-8, with the digest as ETag', async () => {
      const res = await download('applicant-a', fileId).expect(200);
      expect(Buffer.isBuffer(res.body) && res.body.equals(bytes)).toBe(true);
      expect(sha256(res.body)).toBe(sha256(bytes));
      expect(res.headers['content-type']).toBe('application/ofd');
      expect(res.headers['content-length']).toBe(String(bytes.length));
      expect(res.headers.etag).toBe(`"${sha256(bytes)}"`);
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['content-disposition']).toBe(
        `attachment; filename="${'_'.repeat(12)}.ofd"; filename*=UTF-8''${encodeURIComponent('行政处罚决定书（已履行）.ofd')}`,
      );

      const meta = await get('applicant-a', fileId).expect(200);
      expect(meta.body).toMatchObject({
        id: fileId,
        sha256: sha256(bytes),
        mediaType: 'application/ofd',
        fileName: '行政处罚决定书（已履行）.ofd',
        ownerSubjectCode: DEMO_SUBJECTS.xuyiTongda.code,
      });
    });

    it('hides the file from another applicant and from staff of an authority with no case for it', async () => {
      for (const user of ['applicant-b', 'officer-xuyi', 'officer-ziyang', 'auditor-province']) {
        const res = await download(user, fileId).expect(404);
        expect(JSON.parse(res.body.toString('utf8'))).toMatchObject({ code: 'NOT_FOUND' });
        await get(user, fileId).expect(404);
      }
      await get('applicant-a', '00000000-0000-7000-8000-000000000000/content').expect(404);
      await get('applicant-a', 'not-a-uuid').expect(404);
    });

    it("opens it to the staff of the case it is attached to (and their auditors), no one else's", async () => {
      // A case of the 盱眙 authority about the applicant's subject (only its row matters to the access rule).
      const caseId = await insertCase(t.database.superuser, {
        authorityCode: '320830',
        authorityPath: '320000/320800/320830',
        subjectCode: DEMO_SUBJECTS.xuyiTongda.code,
      });
      // What a workflow does when a material is attached: the write runs beside the append of the event.
      const [write] = caseMaterialWrites(caseId, [{ id: fileId, sha256: sha256(bytes) }], t.clock.now());
      await t.database.superuser.query(
        `WITH appended AS (SELECT 1 AS x), w1 AS (${write.text}) SELECT x FROM appended`,
        write.values,
      );

      for (const user of ['officer-xuyi', 'reviewer-xuyi', 'auditor-province']) {
        const res = await download(user, fileId).expect(200);
        expect(res.body.equals(bytes)).toBe(true);
        await get(user, fileId).expect(200);
      }
      await download('officer-ziyang', fileId).expect(404);
      await download('applicant-b', fileId).expect(404);
    });

    it('logs every read in the access log, under the reader', async () => {
      const { rows } = await t.database.superuser.query(
        `SELECT a.username, l.detail, l.authority_code FROM access_log l JOIN accounts a ON a.id = l.actor_id::uuid
          WHERE l.kind = 'material' AND l.resource_id = $1 ORDER BY l.read_at, l.id`,
        [fileId],
      );
      const reads = rows.map((r) => `${r.username}:${r.detail.read}:${r.authority_code ?? '-'}`);
      expect(reads).toContain('applicant-a:content:-');
      expect(reads).toContain('officer-xuyi:content:320830');
      expect(reads).toContain('auditor-province:metadata:320000');
      expect(reads.some((r) => r.startsWith('applicant-b'))).toBe(false);
    });
  });
});
