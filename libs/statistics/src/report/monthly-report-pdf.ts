import PDFDocument from 'pdfkit';
import { EMBEDDED_FONTS, parsedFont } from '@credence/documents';
import type { MonthlyReport } from './monthly-report';
import { reportInstant } from './monthly-report-xlsx';
import { authorityName, percent, reportTables, type ReportTable } from './report-tables';

/**
 * Names the layout in every report (Info /Creator). The same data gives the same bytes only with the same layout and
 * the same pdfkit, fontkit and font versions (pinned, as for the decision documents): change the layout, change this.
 */
export const MONTHLY_REPORT_PDF_RENDERER = 'Credence monthly-report-pdf/1';

const MARGIN = 40;
const TEXT = 9;
const PAD = 3;

/**
 * The monthly report as an A4 PDF, Chinese first, with Noto Sans SC embedded (subset) so it prints anywhere.
 * Deterministic like the decision documents (libs/documents): dates in Info are the report's data instant, the file
 * identifier pdfkit derives from Info, streams uncompressed (deflate output depends on the zlib build).
 */
export async function renderMonthlyReportPdf(r: MonthlyReport): Promise<Buffer> {
  const instant = reportInstant(r);
  const title = `信用修复监管月报 ${r.month}`;
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 16, left: MARGIN, right: MARGIN },
    lang: 'zh-CN',
    displayTitle: true,
    compress: false,
    bufferPages: true,
    font: '',
    // Key order is part of the output (and of the file identifier): keep it fixed.
    info: {
      Title: `${title} ${authorityName(r)}`,
      Subject: `Monthly oversight report ${r.month}`,
      Author: authorityName(r),
      Creator: MONTHLY_REPORT_PDF_RENDERER,
      Producer: 'PDFKit',
      CreationDate: instant,
      ModDate: instant,
    },
  });
  const bytes = collect(pdf);
  // @types/pdfkit predates fontkit `Font` sources (pdfkit 0.20.0 changelog): hence the cast.
  pdf.registerFont(EMBEDDED_FONTS.regular, parsedFont('regular') as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.registerFont(EMBEDDED_FONTS.bold, parsedFont('bold') as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.font(EMBEDDED_FONTS.bold).fontSize(18).text(title, { align: 'center' });
  pdf
    .font(EMBEDDED_FONTS.regular)
    .fontSize(10)
    .text(`Monthly oversight report · ${authorityName(r)}`, {
      align: 'center',
    });
  pdf.moveDown(0.5);
  for (const table of reportTables(r)) drawTable(pdf, table);
  numberPages(pdf);
  pdf.end();
  return bytes;
}

function drawTable(pdf: PDFKit.PDFDocument, table: ReportTable): void {
  const width = pdf.page.width - 2 * MARGIN;
  const units = table.columns.reduce((sum, c) => sum + c.width, 0);
  const widths = table.columns.map((c) => (c.width / units) * width);
  const header = table.columns.map((c) => `${c.zh}\n${c.en}`);
  const body = table.rows.map((cells) =>
    cells.map((cell, i) =>
      table.columns[i].kind === 'rate' ? percent(cell as number | null) : cell === null ? '—' : String(cell),
    ),
  );
  if (pdf.y + 80 > pdf.page.maxY()) pdf.addPage();
  pdf.moveDown(0.6);
  pdf.font(EMBEDDED_FONTS.bold).fontSize(11).text(`${table.title.zh}  ${table.title.en}`, MARGIN, pdf.y);
  pdf.moveDown(0.2);
  drawRow(pdf, header, widths, table, true);
  for (const cells of body) {
    if (pdf.y + rowHeight(pdf, cells, widths) > pdf.page.maxY()) {
      pdf.addPage();
      drawRow(pdf, header, widths, table, true);
    }
    drawRow(pdf, cells, widths, table, false);
  }
  if (body.length === 0) drawRow(pdf, ['无 None', ...widths.slice(1).map(() => '')], widths, table, false);
}

function rowHeight(pdf: PDFKit.PDFDocument, cells: string[], widths: number[]): number {
  pdf.font(EMBEDDED_FONTS.regular).fontSize(TEXT);
  return (
    Math.max(...cells.map((c, i) => pdf.heightOfString(c || ' ', { width: widths[i] - 2 * PAD }))) + 2 * PAD
  );
}

function drawRow(
  pdf: PDFKit.PDFDocument,
  cells: string[],
  widths: number[],
  table: ReportTable,
  header: boolean,
): void {
  const top = pdf.y;
  const height = rowHeight(pdf, cells, widths);
  if (header)
    pdf
      .rect(
        MARGIN,
        top,
        widths.reduce((a, b) => a + b, 0),
        height,
      )
      .fill('#eef2f7');
  pdf
    .fillColor('#1f2329')
    .font(header ? EMBEDDED_FONTS.bold : EMBEDDED_FONTS.regular)
    .fontSize(TEXT);
  let x = MARGIN;
  cells.forEach((cell, i) => {
    const align = !header && table.columns[i].kind !== 'text' ? 'right' : 'left';
    if (cell) pdf.text(cell, x + PAD, top + PAD, { width: widths[i] - 2 * PAD, align });
    x += widths[i];
  });
  pdf
    .moveTo(MARGIN, top + height)
    .lineTo(x, top + height)
    .lineWidth(0.5)
    .stroke('#c9cdd4');
  pdf.x = MARGIN;
  pdf.y = top + height;
}

/** 第 n 页 / 共 N 页 at the foot of each page, once the count is known. */
function numberPages(pdf: PDFKit.PDFDocument): void {
  const { start, count } = pdf.bufferedPageRange();
  for (let i = start; i < start + count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font(EMBEDDED_FONTS.regular)
      .fontSize(8)
      .fillColor('#646a73')
      .text(`第 ${i + 1} 页 / 共 ${count} 页`, MARGIN, pdf.page.height - MARGIN, {
        width: pdf.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    pdf.page.margins.bottom = bottom;
  }
}

function collect(pdf: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
}
