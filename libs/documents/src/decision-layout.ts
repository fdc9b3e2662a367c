import { chineseDate, chineseNumeral, subjectCodeLabel } from './chinese-text';
import { type DecisionDocument } from './decision-document';
import {
  AUTHORITY_SIZE,
  BODY_SIZE,
  FOOTER_SIZE,
  LINE_PITCH,
  MARGINS,
  NUMBER_SIZE,
  PAGE_NUMBER_OFFSET,
  PAGE_NUMBER_SIZE,
  PARAGRAPH_INDENT,
  RULE_GAP,
  SEPARATOR_COLOUR,
  SUBTITLE_COLOUR,
  SUBTITLE_SIZE,
  TEXT_COLOUR,
  TITLE_SIZE,
  TYPE_AREA,
} from './page-geometry';

/** Registered font names for the two weights; the documents use the embedded Noto Sans SC. */
export interface LayoutFonts {
  regular: string;
  bold: string;
}

export const EMBEDDED_FONTS: LayoutFonts = { regular: 'NotoSansSC-Regular', bold: 'NotoSansSC-Bold' };

/** Where the seal would be: an electronic document carries none (no seal image is ever drawn). */
const ELECTRONIC_SEAL_NOTE = '（电子文书）';

interface TextStyle {
  font: keyof LayoutFonts;
  size: number;
  align?: 'left' | 'center' | 'right';
  indent?: number;
  colour?: string;
  /** Line pitch; body text keeps the 22-lines-a-page pitch, display text its font's own line height. */
  pitch?: number;
}

/**
 * Lays a decision document out like an official document: authority and title centred, number right-aligned over a
 * red rule, the addressee flush left, numbered bold headings, legal basis, remedies, then the signature block at the
 * bottom right and the closing note at the foot of the last page. Wrapping is pdfkit's (Unicode line breaking, which
 * breaks between any two CJK characters and keeps closing punctuation off the start of a line); pages are added as
 * the text runs over, and numbered once all are laid out.
 */
export class DecisionLayout {
  constructor(
    private readonly pdf: PDFKit.PDFDocument,
    private readonly fonts: LayoutFonts = EMBEDDED_FONTS,
  ) {}

  draw(doc: DecisionDocument, date: string): void {
    this.header(doc);
    this.addressee(doc.subject);
    const blocks = bodyBlocks(doc);
    const closing = blocks.findLastIndex((block) => block.kind === 'paragraph');
    blocks.forEach((block, i) => {
      if (block.kind === 'heading') {
        // A heading never ends a page alone: it needs room for itself and the first line of its text.
        this.keepRoom(2 * LINE_PITCH);
        this.paragraph(block.text, { ...BODY, font: 'bold' });
        return;
      }
      // Nor does the signature stand on a page without text (GB/T 9704 §7.3.5): the closing paragraph goes with it.
      if (i === closing) this.keepRoom(this.heightOf(block.text, BODY) + SIGNATURE_LINES * LINE_PITCH);
      this.paragraph(block.text, BODY);
    });
    this.signature(doc.authority.name, chineseDate(date));
    if (doc.footer) this.footer(doc.footer);
    this.pageNumbers();
  }

  private header(doc: DecisionDocument): void {
    this.paragraph(doc.authority.name, { font: 'bold', size: AUTHORITY_SIZE, align: 'center' });
    this.pdf.moveDown(0.4);
    this.paragraph(doc.title.zh, { font: 'bold', size: TITLE_SIZE, align: 'center' });
    this.paragraph(doc.title.en, {
      font: 'regular',
      size: SUBTITLE_SIZE,
      align: 'center',
      colour: SUBTITLE_COLOUR,
    });
    this.pdf.moveDown(0.8);
    this.paragraph(`编号：${doc.documentNumber}`, { font: 'regular', size: NUMBER_SIZE, align: 'right' });
    // The addressee starts half a line under the red rule.
    const ruleY = this.pdf.y + RULE_GAP;
    this.pdf
      .save()
      .moveTo(MARGINS.left, ruleY)
      .lineTo(MARGINS.left + TYPE_AREA.width, ruleY)
      .lineWidth(1)
      .strokeColor(SEPARATOR_COLOUR)
      .stroke()
      .restore();
    this.pdf.y = ruleY + LINE_PITCH / 2;
  }

  /** 主送: the subject flush left, ending in a full-width colon (§7.3.2). */
  private addressee(subject: DecisionDocument['subject']): void {
    const label = subjectCodeLabel(subject.code, subject.codeKind);
    this.paragraph(`${subject.name}（${label}：${subject.code}）：`, { ...BODY, indent: 0 });
  }

  /**
   * 署名 and 成文日期 (§7.3.5): the date four characters in from the right, the authority centred over it (two
   * characters in if it is the longer), the electronic-document note where the seal would go. Kept on one page.
   */
  private signature(authority: string, date: string): void {
    this.keepRoom(SIGNATURE_LINES * LINE_PITCH);
    // One blank line after the text, none at the top of a page.
    if (this.pdf.y > MARGINS.top) this.pdf.y += LINE_PITCH;
    this.pdf.font(this.fonts.regular).fontSize(BODY_SIZE);
    const right = MARGINS.left + TYPE_AREA.width;
    const lines = [ELECTRONIC_SEAL_NOTE, authority, date];
    const widest = Math.max(...lines.map((line) => this.pdf.widthOfString(line)));
    let centre = right - 4 * BODY_SIZE - this.pdf.widthOfString(date) / 2;
    if (centre + widest / 2 > right - 2 * BODY_SIZE) centre = right - 2 * BODY_SIZE - widest / 2;
    centre = Math.max(centre, MARGINS.left + widest / 2);
    for (const line of lines) {
      const width = Math.min(this.pdf.widthOfString(line), TYPE_AREA.width);
      // A point to spare, so that rounding never wraps a line measured to fit exactly.
      const style: TextStyle = { font: 'regular', size: BODY_SIZE, pitch: LINE_PITCH };
      this.paragraph(line, style, centre - width / 2, width + 1);
    }
  }

  /** 版记-like closing note between two thin rules, at the foot of the last page (on a new one if it does not fit). */
  private footer(text: string): void {
    this.pdf.font(this.fonts.regular).fontSize(FOOTER_SIZE);
    const padding = FOOTER_SIZE / 2;
    const height = this.pdf.heightOfString(text, { width: TYPE_AREA.width }) + 2 * padding;
    const top = this.pdf.page.maxY() - height;
    if (this.pdf.y + LINE_PITCH / 2 > top) this.pdf.addPage();
    this.rule(top);
    this.rule(top + height);
    this.pdf.y = top + padding;
    this.paragraph(text, { font: 'regular', size: FOOTER_SIZE });
  }

  /** "— n —" centred under the type area of every page (§7.5). */
  private pageNumbers(): void {
    const range = this.pdf.bufferedPageRange();
    this.pdf.font(this.fonts.regular).fontSize(PAGE_NUMBER_SIZE).fillColor(TEXT_COLOUR);
    for (let i = range.start; i < range.start + range.count; i++) {
      this.pdf.switchToPage(i);
      const label = `— ${i + 1} —`;
      const x = MARGINS.left + (TYPE_AREA.width - this.pdf.widthOfString(label)) / 2;
      const y = this.pdf.page.height - MARGINS.bottom + PAGE_NUMBER_OFFSET;
      // Without line breaking pdfkit draws in the margin as asked instead of starting a new page.
      this.pdf.text(label, x, y, { lineBreak: false });
    }
  }

  private paragraph(text: string, style: TextStyle, x = MARGINS.left, width = TYPE_AREA.width): void {
    this.pdf
      .font(this.fonts[style.font])
      .fontSize(style.size)
      .fillColor(style.colour ?? TEXT_COLOUR);
    const lineGap = this.lineGap(style);
    this.pdf.text(text, x, this.pdf.y, {
      width,
      align: style.align ?? 'left',
      indent: style.indent ?? 0,
      lineGap,
    });
  }

  private heightOf(text: string, style: TextStyle): number {
    this.pdf.font(this.fonts[style.font]).fontSize(style.size);
    return this.pdf.heightOfString(text, {
      width: TYPE_AREA.width,
      indent: style.indent ?? 0,
      lineGap: this.lineGap(style),
    });
  }

  private lineGap(style: TextStyle): number {
    this.pdf.font(this.fonts[style.font]).fontSize(style.size);
    return style.pitch === undefined ? 0 : style.pitch - this.pdf.currentLineHeight(true);
  }

  private rule(y: number): void {
    this.pdf
      .save()
      .moveTo(MARGINS.left, y)
      .lineTo(MARGINS.left + TYPE_AREA.width, y)
      .lineWidth(0.5)
      .strokeColor(TEXT_COLOUR)
      .stroke()
      .restore();
  }

  /** Starts a new page unless `height` fits on this one; what no page could hold just flows on. */
  private keepRoom(height: number): void {
    if (this.pdf.y + height > this.pdf.page.maxY() && height <= TYPE_AREA.height) this.pdf.addPage();
  }
}

const BODY: TextStyle = { font: 'regular', size: BODY_SIZE, indent: PARAGRAPH_INDENT, pitch: LINE_PITCH };
/** A blank line, the electronic-document note, the authority, the date. */
const SIGNATURE_LINES = 4;

type Block = { kind: 'heading' | 'paragraph'; text: string };

/** Numbered sections (一、二、…), the legal basis as the last of them, then the remedies as a closing paragraph. */
function bodyBlocks(doc: DecisionDocument): Block[] {
  const sections = [...doc.sections.map((s) => ({ heading: s.heading.zh, body: s.body }))];
  if (doc.legalBasis.length > 0) sections.push({ heading: '法律依据', body: doc.legalBasis });
  const blocks = sections.flatMap((section, i): Block[] => [
    { kind: 'heading', text: `${chineseNumeral(i + 1)}、${section.heading}` },
    ...section.body.map((text): Block => ({ kind: 'paragraph', text })),
  ]);
  if (doc.remedies) blocks.push({ kind: 'paragraph', text: doc.remedies });
  return blocks;
}
