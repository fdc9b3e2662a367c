import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { checkMaterial, fetchFile, fileNameOf, MATERIAL_MAX_BYTES, type DownloadProgress } from './transfer';

describe('materials and documents', () => {
  it('accepts PDF, JPEG, PNG and OFD up to the limit, and nothing else', () => {
    expect(checkMaterial({ name: '整改证明.pdf', type: 'application/pdf', size: 1000 })).toBe('ok');
    expect(checkMaterial({ name: 'scan.JPG', type: '', size: 1000 })).toBe('ok');
    expect(checkMaterial({ name: '电子证照.ofd', type: '', size: 1000 })).toBe('ok');
    expect(checkMaterial({ name: 'notes.docx', type: 'application/msword', size: 10 })).toBe('badType');
    expect(checkMaterial({ name: 'big.pdf', type: 'application/pdf', size: MATERIAL_MAX_BYTES + 1 })).toBe(
      'tooLarge',
    );
  });

  it('reads the UTF-8 file name of a download', () => {
    expect(fileNameOf(`attachment; filename*=UTF-8''${encodeURIComponent('XF-1-信用修复决定书.pdf')}`)).toBe(
      'XF-1-信用修复决定书.pdf',
    );
    expect(fileNameOf('attachment; filename="notice.pdf"')).toBe('notice.pdf');
    expect(fileNameOf(null)).toBeNull();
  });

  describe('a download with its progress', () => {
    const realFetch = globalThis.fetch;
    afterEach(() => {
      globalThis.fetch = realFetch;
    });
    /** An answer streamed in two chunks, with or without its length. */
    const answer = (headers: Record<string, string>) =>
      new Response(
        new ReadableStream({
          start(controller) {
            controller.enqueue(new Uint8Array(600));
            controller.enqueue(new Uint8Array(400));
            controller.close();
          },
        }),
        { headers },
      );

    it('reports percentages when the answer says its length, bytes when it streams without one', async () => {
      const seen: DownloadProgress[] = [];
      globalThis.fetch = jest.fn(() =>
        Promise.resolve(answer({ 'Content-Length': '1000', 'Content-Type': 'application/json' })),
      );
      const sized = await fetchFile('/api/v1/audit/evidence?caseId=x', (p) => seen.push(p));
      expect(seen).toEqual([
        { percent: 60, receivedBytes: 600 },
        { percent: 99, receivedBytes: 1000 },
        { percent: 100, receivedBytes: 1000 },
      ]);
      expect(sized.blob.size).toBe(1000);
      expect(sized.fileName).toBeNull();

      seen.length = 0;
      globalThis.fetch = jest.fn(() =>
        Promise.resolve(answer({ 'Content-Disposition': 'attachment; filename="decisions-1.csv"' })),
      );
      const streamed = await fetchFile('/api/v1/audit/decisions?format=csv', (p) => seen.push(p));
      expect(seen.slice(0, 2)).toEqual([
        { percent: null, receivedBytes: 600 },
        { percent: null, receivedBytes: 1000 },
      ]);
      expect(streamed.fileName).toBe('decisions-1.csv');
    });

    it('throws the problem the API answered', async () => {
      globalThis.fetch = jest.fn(() =>
        Promise.resolve(
          Response.json(
            { title: '导出结果超过 200000 行', status: 422, code: 'AUDIT.EXPORT_TOO_LARGE' },
            { status: 422 },
          ),
        ),
      );
      await expect(fetchFile('/api/v1/audit/decisions?format=csv', () => undefined)).rejects.toMatchObject({
        problem: { code: 'AUDIT.EXPORT_TOO_LARGE', status: 422 },
      });
    });
  });
});
