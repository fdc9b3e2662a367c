import { describe, expect, it } from '@jest/globals';
import { cleanFileName } from './file-name';
import { detectMediaType } from './media-type';
import { samplePdf, sampleJpeg, samplePng, sampleOfd, zipOf } from './testing/sample-files';
import { zipEntryNames } from './zip-entries';

describe('detectMediaType', () => {
  it('recognises each accepted format by its bytes', () => {
    expect(detectMediaType(samplePdf())).toBe('application/pdf');
    expect(detectMediaType(sampleJpeg())).toBe('image/jpeg');
    expect(detectMediaType(samplePng())).toBe('image/png');
    expect(detectMediaType(sampleOfd())).toBe('application/ofd');
  });

  it('goes by the bytes only: a PNG is a PNG whatever it is called', () => {
    // The function is given no name at all; FileStore never passes the client's name or Content-Type to it.
    expect(detectMediaType(samplePng())).toBe('image/png');
    expect(detectMediaType(Buffer.from('这是一个改名为 .pdf 的文本文件\n', 'utf8'))).toBeNull();
  });

  it('refuses a truncated signature', () => {
    expect(detectMediaType(Buffer.from('%PDF', 'latin1'))).toBeNull();
    expect(detectMediaType(Buffer.from([0xff, 0xd8]))).toBeNull();
    expect(detectMediaType(samplePng().subarray(0, 7))).toBeNull();
    expect(detectMediaType(Buffer.from('PK\x03', 'latin1'))).toBeNull();
    expect(detectMediaType(Buffer.alloc(0))).toBeNull();
  });

  it('refuses a signature that is not at the start', () => {
    expect(detectMediaType(Buffer.concat([Buffer.from(' '), samplePdf()]))).toBeNull();
  });

  it('refuses a ZIP that is not an OFD package', () => {
    const docx = zipOf([
      { name: '[Content_Types].xml', content: '<Types/>' },
      { name: 'word/document.xml', content: '<w:document/>' },
    ]);
    expect(zipEntryNames(docx)).toEqual(['[Content_Types].xml', 'word/document.xml']);
    expect(detectMediaType(docx)).toBeNull();
  });

  it('wants OFD.xml at the root, not in a folder', () => {
    expect(detectMediaType(zipOf([{ name: 'Doc_0/OFD.xml', content: '<ofd:OFD/>' }]))).toBeNull();
    expect(detectMediaType(zipOf([{ name: 'OFD.xml.bak', content: '<ofd:OFD/>' }]))).toBeNull();
  });

  it('reads the central directory, not the local headers', () => {
    // The local header still says OFD.xml; the central directory (what unzip trusts) names another entry.
    const ofd = Buffer.from(sampleOfd());
    const listed = ofd.lastIndexOf('OFD.xml');
    expect(listed).toBeGreaterThan(ofd.indexOf('OFD.xml'));
    ofd.write('OFD.xmX', listed, 'latin1');
    expect(zipEntryNames(ofd)).toEqual(['OFD.xmX', 'Doc_0/Document.xml']);
    expect(detectMediaType(ofd)).toBeNull();
  });

  it('refuses an OFD whose end is cut off', () => {
    const ofd = sampleOfd();
    expect(detectMediaType(ofd.subarray(0, ofd.length - 1))).toBeNull();
    expect(detectMediaType(ofd.subarray(0, ofd.length - 30))).toBeNull();
    expect(detectMediaType(ofd.subarray(0, 100))).toBeNull();
  });

  it('finds the directory behind an archive comment', () => {
    expect(
      detectMediaType(zipOf([{ name: 'OFD.xml', content: '<ofd:OFD/>' }], 'PK\x05\x06 in a comment')),
    ).toBe('application/ofd');
  });

  it('refuses a directory that points outside the file', () => {
    const ofd = sampleOfd();
    const broken = Buffer.from(ofd);
    broken.writeUInt32LE(ofd.length + 1000, ofd.length - 22 + 16);
    expect(zipEntryNames(broken)).toBeNull();
    expect(detectMediaType(broken)).toBeNull();
  });
});

describe('cleanFileName', () => {
  it('keeps Chinese names and drops directories and control characters', () => {
    expect(cleanFileName('整改完成证明.pdf', 'application/pdf')).toBe('整改完成证明.pdf');
    expect(cleanFileName('C:\\fakepath\\承诺书.pdf', 'application/pdf')).toBe('承诺书.pdf');
    expect(cleanFileName('../../etc/passwd', 'application/pdf')).toBe('passwd');
    expect(cleanFileName('a\u0000b\u202ecod.exe', 'image/png')).toBe('abcod.exe');
  });

  it('names a nameless file after its type', () => {
    expect(cleanFileName('', 'application/ofd')).toBe('material.ofd');
    expect(cleanFileName('..', 'image/jpeg')).toBe('material.jpg');
  });

  it('keeps the end (with the extension) of a very long name', () => {
    const name = cleanFileName(`${'长'.repeat(300)}.pdf`, 'application/pdf');
    expect([...name]).toHaveLength(200);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});
