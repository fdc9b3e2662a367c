/**
 * Reads the text back out of an uncompressed PDF written by `renderDecisionPdf(doc, { compress: false })`, the way a
 * viewer extracts it: each shown glyph ID (CID) is mapped to Unicode through the font's ToUnicode CMap. Only the
 * shapes pdfkit writes are understood (one `BT … ET` per line, hex strings in `TJ`, one `bfrange` array per 256 CIDs);
 * it is a test oracle, not a PDF parser.
 */
export interface PdfText {
  /** Lines of text per page, in drawing order. */
  pages: string[][];
  /** Per font resource (BaseFont name): the code points its ToUnicode CMap maps to. */
  toUnicode: Map<string, Set<number>>;
}

export function extractPdfText(pdf: Buffer): PdfText {
  const objects = new Map<number, string>();
  for (const match of pdf.toString('latin1').matchAll(/(\d+) 0 obj\n([\s\S]*?)\nendobj/g)) {
    objects.set(Number(match[1]), match[2]);
  }
  const object = (id: number): string => {
    const body = objects.get(id);
    if (body === undefined) throw new Error(`object ${id} missing`);
    return body;
  };
  const ref = (body: string, key: string): number => {
    const match = new RegExp(`/${key} (\\d+) 0 R`).exec(body);
    if (!match) throw new Error(`no /${key} in ${body.slice(0, 80)}`);
    return Number(match[1]);
  };

  const toUnicode = new Map<string, Set<number>>();
  const cmaps = new Map<number, Map<number, string>>();
  const fontMap = (fontId: number): Map<number, string> => {
    let map = cmaps.get(fontId);
    if (!map) {
      const font = object(fontId);
      map = parseToUnicode(streamOf(object(ref(font, 'ToUnicode'))));
      cmaps.set(fontId, map);
      const baseFont = /\/BaseFont \/(\S+)/.exec(font)?.[1] ?? String(fontId);
      toUnicode.set(
        baseFont,
        new Set([...map.values()].flatMap((s) => [...s].map((c) => c.codePointAt(0)!))),
      );
    }
    return map;
  };

  const catalog = [...objects.values()].find((body) => body.includes('/Type /Catalog'))!;
  const kids = /\/Kids \[([^\]]*)\]/.exec(object(ref(catalog, 'Pages')))![1];
  const pages = [...kids.matchAll(/(\d+) 0 R/g)].map(([, pageId]) => {
    const page = object(Number(pageId));
    const resources = object(ref(page, 'Resources'));
    const fonts = new Map(
      [...(/\/Font <<([^>]*)>>/.exec(resources)?.[1] ?? '').matchAll(/\/(\S+) (\d+) 0 R/g)].map(
        ([, name, id]) => [name, Number(id)],
      ),
    );
    const lines: string[] = [];
    let map = new Map<number, string>();
    let line = '';
    for (const op of streamOf(object(ref(page, 'Contents'))).matchAll(
      /\/(\S+) [\d.]+ Tf|\[(.*?)\] TJ|\bET\b/g,
    )) {
      if (op[1] !== undefined) map = fontMap(fonts.get(op[1])!);
      else if (op[2] !== undefined) line += decodeTj(op[2], map);
      else {
        lines.push(line);
        line = '';
      }
    }
    return lines;
  });
  return { pages, toUnicode };
}

function streamOf(body: string): string {
  return body.slice(body.indexOf('stream\n') + 'stream\n'.length, body.lastIndexOf('\nendstream'));
}

/** `<0000> <00ff> [<0041> <4fe1> …]` ranges → CID to text. */
function parseToUnicode(cmap: string): Map<number, string> {
  const map = new Map<number, string>();
  for (const [, start, values] of cmap.matchAll(/<([0-9a-f]+)> <[0-9a-f]+> \[([^\]]*)\]/gi)) {
    [...values.matchAll(/<([0-9a-f ]+)>/gi)].forEach(([, units], i) => {
      const codeUnits = units.split(' ').map((hex) => parseInt(hex, 16));
      map.set(parseInt(start, 16) + i, String.fromCharCode(...codeUnits));
    });
  }
  return map;
}

/** `<00010002> 14 <0003>` → the text of those CIDs (numbers between strings are kerning). */
function decodeTj(array: string, map: Map<number, string>): string {
  let text = '';
  for (const [, hex] of array.matchAll(/<([0-9a-f]*)>/gi)) {
    for (let i = 0; i < hex.length; i += 4) {
      const cid = parseInt(hex.slice(i, i + 4), 16);
      const chars = map.get(cid);
      if (chars === undefined) throw new Error(`CID ${cid} has no Unicode mapping`);
      text += chars;
    }
  }
  return text;
}
