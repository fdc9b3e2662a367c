import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { createHash } from 'node:crypto';
import { decisionContentDigest, renderDecisionPdf, type DecisionDocument } from '@credence/documents';
import { extractPdfText } from './testing/pdf-text';
import { sampleRepairDecision } from './testing/sample-decision';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const latin1 = (bytes: Buffer): string => bytes.toString('latin1');
const codePoints = (text: string): number[] => [...text].map((c) => c.codePointAt(0)!);
/** What of `needles` the PDF lacks: a failure names them instead of printing the whole file. */
const missing = (pdf: Buffer, needles: (string | RegExp)[]): (string | RegExp)[] => {
  const text = latin1(pdf);
  return needles.filter((n) => (typeof n === 'string' ? !text.includes(n) : !n.test(text)));
};

const SAMPLE_SHA256 = 'e923dd25b9c924910ad0c490fb1afa26802aea885f8e4e14473496084f304d4b';

const REAL_TIMERS = [
  'nextTick',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setTimeout',
  'clearTimeout',
  'setInterval',
  'clearInterval',
  'hrtime',
  'performance',
] as const;

describe('renderDecisionPdf', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('renders a typical decision as a two-page A4 PDF', async () => {
    const pdf = await renderDecisionPdf(sampleRepairDecision());

    expect(latin1(pdf.subarray(0, 5))).toBe('%PDF-');
    expect(latin1(pdf.subarray(-6)).trimEnd()).toBe('%%EOF');
    expect(missing(pdf, ['/Type /Pages\n/Count 2\n', '/MediaBox [0 0 595.28 841.89]'])).toEqual([]);
    expect(latin1(pdf).match(/\/Type \/Page\n/g)).toHaveLength(2);
  });

  it('gives byte-identical output for the same content, whenever and however often it is rendered', async () => {
    const [first, second] = await Promise.all([
      renderDecisionPdf(sampleRepairDecision()),
      renderDecisionPdf(sampleRepairDecision()),
    ]);
    const third = await renderDecisionPdf(structuredClone(sampleRepairDecision()));

    expect(sha256(second)).toBe(sha256(first));
    expect(third.equals(first)).toBe(true);

    // Another day on the machine's clock (only Date is faked: pdfkit's streams still need real timers).
    jest.useFakeTimers({ now: new Date('2031-12-31T23:59:59Z'), doNotFake: [...REAL_TIMERS] });
    const later = await renderDecisionPdf(sampleRepairDecision());
    expect(new Date().getUTCFullYear()).toBe(2031);
    expect(later.equals(first)).toBe(true);
  });

  it('is not deflated unless asked, so its bytes do not depend on the zlib inside Node', async () => {
    const plain = await renderDecisionPdf(sampleRepairDecision());
    const [deflated, again] = await Promise.all([
      renderDecisionPdf(sampleRepairDecision(), { compress: true }),
      renderDecisionPdf(sampleRepairDecision(), { compress: true }),
    ]);

    expect(missing(plain, ['/FlateDecode'])).toEqual(['/FlateDecode']);
    expect(missing(deflated, ['/FlateDecode'])).toEqual([]);
    expect(deflated.length).toBeLessThan(plain.length);
    expect(again.equals(deflated)).toBe(true);
  });

  it('renders the sample decision to the bytes it has always had', async () => {
    // Recorded digests are re-checked by rendering again: a change here breaks that for every document issued so
    // far. If the layout changed on purpose, bump DECISION_PDF_RENDERER and record the new digest.
    expect(sha256(await renderDecisionPdf(sampleRepairDecision()))).toBe(SAMPLE_SHA256);
  });

  it('stamps the decision date and a file identifier derived from the content', async () => {
    const doc = sampleRepairDecision();
    const pdf = await renderDecisionPdf(doc);
    const changed = await renderDecisionPdf({
      ...doc,
      remedies: `${doc.remedies}（复议机关：淮安市交通运输局）`,
    });

    // Creation and modification date: 2026-06-01 00:00 Beijing time.
    expect(latin1(pdf).match(/\(D:20260531160000Z\)/g)).toHaveLength(2);
    expect(missing(pdf, [`(${decisionContentDigest(doc)})`, '(Credence decision-pdf/1)'])).toEqual([]);
    const fileId = (bytes: Buffer): string => /\/ID \[<([0-9a-f]{32})>/.exec(latin1(bytes))![1];
    expect(fileId(changed)).not.toBe(fileId(pdf));
  });

  it('changes the bytes when any printed field changes', async () => {
    const base = sha256(await renderDecisionPdf(sampleRepairDecision()));
    const variants: Partial<DecisionDocument>[] = [
      { decidedAt: '2026-06-02' },
      { documentNumber: 'XF-320830-2026-000124' },
      { subject: { name: '江苏盱眙某某道路运输有限公司', code: '91320830MA1XY0013X' } },
      { footer: undefined },
    ];
    for (const variant of variants) {
      expect(sha256(await renderDecisionPdf(sampleRepairDecision(variant)))).not.toBe(base);
    }
  });

  it('embeds a subset of Noto Sans SC whose ToUnicode map makes the Chinese text extractable', async () => {
    const pdf = await renderDecisionPdf(sampleRepairDecision());

    const embedded = [
      '/FontFile2',
      /\/BaseFont \/[A-Z]{6}\+NotoSansSC-Regular/,
      /\/BaseFont \/[A-Z]{6}\+NotoSansSC-Bold/,
    ];
    expect(missing(pdf, embedded)).toEqual([]);
    expect(missing(pdf, ['/Helvetica'])).toEqual(['/Helvetica']);
    // Each font file is over 10 MB; the subsets of the glyphs used are a few dozen KB.
    expect(pdf.length).toBeLessThan(150_000);

    const { pages, toUnicode } = extractPdfText(pdf);
    const bold = [...toUnicode].find(([name]) => name.endsWith('NotoSansSC-Bold'))![1];
    for (const cp of codePoints('信用修复决定书')) expect(bold.has(cp)).toBe(true);
    expect(missing(pdf, ['<4fe1>'])).toEqual([]); // 信, as pdfkit writes it in the CMap

    const [first, second] = pages;
    expect(first.slice(0, 4)).toEqual([
      '盱眙县交通运输局',
      '信用修复决定书',
      'Credit repair decision',
      '编号：XF-320830-2026-000123',
    ]);
    expect(first.join('')).toContain(
      '江苏盱眙某某道路运输有限公司（统一社会信用代码：91320830MA1XY0012B）：',
    );
    expect(first).toContain('一、信用修复申请');
    expect(first.at(-1)).toBe('— 1 —');
    expect(second).toEqual(
      expect.arrayContaining(['五、法律依据', '（电子文书）', '盱眙县交通运输局', '2026年6月1日', '— 2 —']),
    );
    expect(second.join('')).toContain('本文书为电子文书，内容可通过案件编号在本系统核验。');
  });

  it('wraps long Chinese lines inside the type area, never starting a line with closing punctuation', async () => {
    const paragraph = '当事人应当按照规定履行义务，'.repeat(30);
    const pdf = await renderDecisionPdf(
      sampleRepairDecision({ sections: [{ heading: { zh: '理由', en: 'Reasons' }, body: [paragraph] }] }),
    );
    const lines = extractPdfText(pdf).pages.flat();
    const start = lines.findIndex((line) => line.startsWith('当事人'));
    const wrapped = lines.slice(start, start + 20).filter((line) => paragraph.includes(line));

    expect(wrapped.length).toBeGreaterThan(10);
    expect(wrapped.join('')).toBe(paragraph);
    // A 156 mm line holds 27 characters of 16 pt text; the first line is indented two characters.
    for (const line of wrapped) expect([...line].length).toBeLessThanOrEqual(27);
    for (const line of wrapped) expect(line).not.toMatch(/^[，。、；：）」』”]/);
  });

  it('flows onto as many pages as the text needs and keeps the signature with the closing paragraph', async () => {
    const long = sampleRepairDecision({
      sections: Array.from({ length: 12 }, (_, i) => ({
        heading: { zh: `事项${i + 1}`, en: `Item ${i + 1}` },
        body: ['经核查，该事项所涉材料真实、完整，符合规定的条件。'.repeat(4)],
      })),
    });
    const { pages } = extractPdfText(await renderDecisionPdf(long));

    expect(pages.length).toBeGreaterThanOrEqual(4);
    pages.forEach((lines, i) => expect(lines.at(-1)).toBe(`— ${i + 1} —`));
    expect(pages.flat()).toContain('十二、事项12');
    expect(pages.flat()).toContain('十三、法律依据');
    const last = pages.at(-1)!;
    expect(last.some((line) => line.startsWith('如对本决定不服'))).toBe(true);
    expect(last).toContain('（电子文书）');
  });

  it('never ends a page with a heading whose text starts on the next page', async () => {
    // Texts of every length from one to eight lines move the page breaks across the headings.
    for (let lines = 1; lines <= 8; lines++) {
      const doc = sampleRepairDecision({
        sections: Array.from({ length: 6 }, (_, i) => ({
          heading: { zh: `事项${i + 1}`, en: `Item ${i + 1}` },
          body: ['经核查，该事项所涉材料真实、完整，符合规定的条件。'.repeat(lines)],
        })),
      });
      const { pages } = extractPdfText(await renderDecisionPdf(doc));
      for (const page of pages.slice(0, -1)) expect(page.at(-2)).not.toMatch(/^[一二三四五六七八九十]+、/);
    }
  });

  it('refuses content it cannot print in full', async () => {
    await expect(renderDecisionPdf(sampleRepairDecision({ documentNumber: ' ' }))).rejects.toThrow(TypeError);
    await expect(renderDecisionPdf(sampleRepairDecision({ decidedAt: '2026-02-30' }))).rejects.toThrow(
      RangeError,
    );
    await expect(
      renderDecisionPdf(sampleRepairDecision({ sections: [{ heading: { zh: '', en: '' }, body: [] }] })),
    ).rejects.toThrow(/sections\[0\]/);
  });
});
