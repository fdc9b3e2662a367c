import PDFDocument from 'pdfkit';
import {
  canonicalDecisionDocument,
  decisionContentDigest,
  decisionDate,
  type DecisionDocument,
} from './decision-document';
import { DecisionLayout, EMBEDDED_FONTS } from './decision-layout';
import { parsedFont } from './fonts';
import { MARGINS } from './page-geometry';

export interface RenderDecisionPdfOptions {
  /**
   * Deflate the content and font streams. Off by default: deflated bytes are only as stable as the zlib build inside
   * Node (an upgrade can change them), which would break re-checking a recorded sha256 by rendering again. A typical
   * document is about 75 KB plain and 52 KB deflated (the font subset, most of it, barely compresses).
   */
  compress?: boolean;
}

/**
 * Names this renderer's layout in every PDF (Info /Creator). Regenerating a document gives the same bytes only with
 * the same layout and the same pdfkit, fontkit and font versions (all pinned): change the layout, change this name.
 */
export const DECISION_PDF_RENDERER = 'Credence decision-pdf/1';

/**
 * The document as an A4 PDF with the Chinese font embedded (subset). Deterministic: the same content gives the same
 * bytes, so the sha256 recorded in a case's events can be re-checked by rendering again (ADR 0013). Nothing in the
 * output depends on the clock or on chance: creation and modification dates are `decidedAt`, and the file
 * identifier pdfkit derives from the Info dictionary covers the content digest.
 */
export async function renderDecisionPdf(
  doc: DecisionDocument,
  options: RenderDecisionPdfOptions = {},
): Promise<Buffer> {
  const content = canonicalDecisionDocument(doc);
  const { date, instant } = decisionDate(content.decidedAt);
  // Key order is part of the output (and of the file identifier): keep it fixed.
  const info = {
    Title: `${content.title.zh} ${content.documentNumber}`,
    Subject: content.title.en,
    Author: content.authority.name,
    Keywords: content.documentNumber,
    Creator: DECISION_PDF_RENDERER,
    Producer: 'PDFKit',
    CreationDate: instant,
    ModDate: instant,
    ContentDigest: decisionContentDigest(content),
  };
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    // PDF 1.3, pdfkit's default: from 1.4 on it adds an XMP copy of the Info strings without escaping them for XML.
    lang: 'zh-CN',
    displayTitle: true,
    compress: options.compress ?? false,
    // Pages stay in memory until the end so that each can be numbered once the count is known.
    bufferPages: true,
    // No standard font: every glyph comes from the embedded Noto Sans SC.
    font: '',
    info,
  });
  const bytes = collect(pdf);
  // @types/pdfkit predates fontkit `Font` sources (pdfkit 0.20.0 changelog): hence the cast.
  pdf.registerFont(EMBEDDED_FONTS.regular, parsedFont('regular') as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.registerFont(EMBEDDED_FONTS.bold, parsedFont('bold') as unknown as PDFKit.Mixins.PDFFontSource);
  new DecisionLayout(pdf).draw(content, date);
  pdf.end();
  return bytes;
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}
