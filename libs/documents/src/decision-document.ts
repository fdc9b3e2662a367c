import { createHash } from 'node:crypto';
import { beijingDateOf, isIsoDate, startOfBeijingDay, type BilingualText } from '@credence/shared';

/** Kinds the workflows issue today; any other kind is rendered the same way, its title taken from `title`. */
export type DecisionDocumentKind =
  'repair-decision' | 'repair-refusal' | 'repair-revocation' | 'objection-answer' | 'appeal-decision';

export interface DecisionDocumentSection {
  /** Without a number: the renderer numbers sections 一、二、三、… in order. */
  heading: BilingualText;
  /** One paragraph per entry. */
  body: string[];
}

/**
 * A formal document an authority hands the applicant (信用修复决定书, 不予受理通知书, 异议处理结果告知书, 复核决定书 …).
 * The workflows build it from their events; `renderDecisionPdf` turns it into a deterministic PDF.
 */
export interface DecisionDocument {
  kind: DecisionDocumentKind | (string & {});
  /** e.g. 信用修复决定书 / Credit repair decision. The English title is shown as a subtitle only. */
  title: BilingualText;
  /** The case number, e.g. XF-320830-2026-000123. */
  documentNumber: string;
  authority: { code: string; name: string };
  /**
   * Enterprise name and unified social credit code, or a person's name and ID number (masked by the caller).
   * `codeKind` names the code in the document; without it a masked code or a valid ID number is labelled 身份证号码,
   * a valid USCC 统一社会信用代码, anything else 证件号码.
   */
  subject: { name: string; code: string; codeKind?: 'uscc' | 'resident-id' };
  /** Record concerned, decision, reasons … in the order they are printed. */
  sections: DecisionDocumentSection[];
  /** e.g. 《信用修复管理办法》（国家发展改革委令第36号）第十条. */
  legalBasis: string[];
  /** A Beijing calendar date (2026-06-01) or an ISO instant; printed as its Beijing date, 2026年6月1日. */
  decidedAt: string;
  /** How to object or appeal, if the decision can be challenged. */
  remedies?: string;
  /** e.g. 本文书内容可通过案件编号核验. */
  footer?: string;
}

/**
 * The content as a fixed-shape value: only the fields that are rendered, in a fixed key order. Its JSON is what the
 * content digest is computed over, so two documents that print the same have the same digest.
 */
export function canonicalDecisionDocument(doc: DecisionDocument): DecisionDocument {
  assertDecisionDocument(doc);
  const canonical: DecisionDocument = {
    kind: doc.kind,
    title: { zh: doc.title.zh, en: doc.title.en },
    documentNumber: doc.documentNumber,
    authority: { code: doc.authority.code, name: doc.authority.name },
    subject: { name: doc.subject.name, code: doc.subject.code },
    sections: doc.sections.map((s) => ({
      heading: { zh: s.heading.zh, en: s.heading.en },
      body: [...s.body],
    })),
    legalBasis: [...doc.legalBasis],
    decidedAt: doc.decidedAt,
  };
  if (doc.subject.codeKind) canonical.subject.codeKind = doc.subject.codeKind;
  if (doc.remedies) canonical.remedies = doc.remedies;
  if (doc.footer) canonical.footer = doc.footer;
  return canonical;
}

/** `sha256:<hex>` of the canonical content. Recorded in the PDF's Info and the source of its file identifier. */
export function decisionContentDigest(doc: DecisionDocument): string {
  const json = JSON.stringify(canonicalDecisionDocument(doc));
  return `sha256:${createHash('sha256').update(json, 'utf8').digest('hex')}`;
}

/** The decision's Beijing calendar date and the instant stamped as the PDF's creation and modification date. */
export function decisionDate(decidedAt: string): { date: string; instant: Date } {
  if (isIsoDate(decidedAt)) return { date: decidedAt, instant: startOfBeijingDay(decidedAt) };
  const instant = new Date(decidedAt);
  if (!decidedAt.includes('T') || Number.isNaN(instant.getTime())) {
    throw new RangeError(`decidedAt is neither a calendar date nor an ISO instant: ${decidedAt}`);
  }
  return { date: beijingDateOf(instant), instant };
}

/**
 * The content comes from a workflow's events, never straight from a request: a malformed document is a bug in its
 * caller, so it fails loudly instead of printing a document with blanks.
 */
function assertDecisionDocument(doc: DecisionDocument): void {
  const required: [string, unknown][] = [
    ['kind', doc.kind],
    ['title.zh', doc.title?.zh],
    ['title.en', doc.title?.en],
    ['documentNumber', doc.documentNumber],
    ['authority.code', doc.authority?.code],
    ['authority.name', doc.authority?.name],
    ['subject.name', doc.subject?.name],
    ['subject.code', doc.subject?.code],
    ['decidedAt', doc.decidedAt],
  ];
  for (const [field, value] of required) {
    if (typeof value !== 'string' || value.trim() === '') {
      throw new TypeError(`decision document: ${field} must be a non-empty string`);
    }
  }
  if (!Array.isArray(doc.sections)) throw new TypeError('decision document: sections must be an array');
  doc.sections.forEach((section, i) => {
    const heading = section.heading?.zh;
    if (typeof heading !== 'string' || heading.trim() === '' || !isStringArray(section.body)) {
      throw new TypeError(`decision document: sections[${i}] needs a heading and a body of paragraphs`);
    }
  });
  if (!isStringArray(doc.legalBasis)) throw new TypeError('decision document: legalBasis must hold strings');
  decisionDate(doc.decidedAt);
}

function isStringArray(value: unknown): value is string[] {
  return Array.isArray(value) && value.every((entry) => typeof entry === 'string');
}
