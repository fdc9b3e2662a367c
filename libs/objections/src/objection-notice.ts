import { chineseDate, type DecisionDocument, type DecisionDocumentSection } from '@credence/documents';
import { beijingDateOf, maskedSubjectCode } from '@credence/shared';
import type { FieldChange, RecordKind } from '@credence/credit-records';
import type { LoadedCase } from '@credence/workflow';
import {
  GROUND_LABELS,
  OUTCOME_LABELS,
  REFUSAL_REASON_LABELS,
  type Answer,
  type ObjectionContext,
  type RefusalReason,
} from './domain/objection';

const KIND_LABELS: Record<RecordKind, string> = {
  serious_list: '严重失信主体名单信息',
  administrative_penalty: '行政处罚信息',
  abnormal_list: '异常名录信息',
  other: '其他失信信息',
};

const FIELD_NAMES: Record<FieldChange['field'], string> = {
  facts: '违法失信事实',
  legalBasis: '法律依据',
  kind: '记录种类',
  subjectName: '主体名称',
};

const dateOf = (instant: string) => chineseDate(beijingDateOf(new Date(instant)));

/** A person's ID number is masked in a document (first six and last four shown); a USCC is public. */
const shown = (field: FieldChange['field'], value: string | null) => {
  if (value === null) return '（空）';
  return field === 'kind' ? (KIND_LABELS[value as RecordKind] ?? value) : value;
};

function correctionLines(answer: Answer): string[] {
  return (answer.correction?.changes ?? []).map(
    (c) => `${FIELD_NAMES[c.field]}由“${shown(c.field, c.from)}”更正为“${shown(c.field, c.to)}”。`,
  );
}

/** What the outcome means for the record, in the words the subject reads. */
function outcomeParagraphs(answer: Answer): string[] {
  switch (answer.outcome) {
    case 'correct':
      return [
        '处理结果：更正。该信用信息已更正，更正前后的内容均保留于记录的历史中。',
        ...correctionLines(answer),
      ];
    case 'remove':
      return ['处理结果：删除。该信用信息已删除，不再公示。'];
    case 'maintain':
      return ['处理结果：维持。经核实，该信用信息准确，予以维持；异议标注已取消。'];
    case 'unverifiable':
      return [
        '处理结果：无法核实。经溯源核实，该信用信息无法确认，异议及核实情况已一并记载于该信用记录。',
        ...(answer.note ? [`记载内容：${answer.note}`] : []),
      ];
  }
}

function objectionSection(c: ObjectionContext): DecisionDocumentSection {
  const r = c.record!;
  return {
    heading: { zh: '异议事项', en: 'The objection' },
    body: [
      `${r.subject.name}于${dateOf(c.filedAt!)}对${r.authorityName}作出的${r.decisionNumber}（${KIND_LABELS[r.kind]}）提出异议，异议事由：${GROUND_LABELS[c.ground!].zh}。`,
      ...(c.statement ? [`异议请求及理由：${c.statement}`] : []),
    ],
  };
}

const reasonsSection = (zh: string, en: string, reasons: string[]): DecisionDocumentSection[] =>
  reasons.length > 0 ? [{ heading: { zh, en }, body: reasons }] : [];

/** The first due date of the appeal window, as computed at the answer (what the notice told the subject). */
export function appealWindowFirstDue(loaded: Pick<LoadedCase, 'events'>): string | null {
  const started = loaded.events.find((e) => e.type === 'ClockStarted' && e.data.clock === 'appealWindow');
  return typeof started?.data.dueDate === 'string' ? started.data.dueDate : null;
}

/** The notice of a loaded objection (its events up to some instant): what the subject downloads, byte for byte. */
export function noticeOfLoaded(loaded: LoadedCase): DecisionDocument | null {
  return objectionNotice(loaded.snapshot.context as ObjectionContext, appealWindowFirstDue(loaded));
}

/**
 * The notice of the latest answer of an objection, built from its events only (never from a request), so rendering
 * it again gives the same bytes (renderDecisionPdf is deterministic): 复核决定书 after an appeal decision,
 * 异议处理结果告知书 after an answer, 不予受理告知书 after a refusal; null while there is none.
 * `appealWindowClosesOn` is the last day of the appeal window as first computed at the answer.
 */
export function objectionNotice(
  c: ObjectionContext,
  appealWindowClosesOn: string | null,
): DecisionDocument | null {
  if (!c.record || !c.caseNumber) return null;
  const r = c.record;
  const subject = { name: r.subject.name, code: maskedSubjectCode(r.subject.code) };
  const finding = { code: r.authorityCode, name: r.authorityName };
  const footer = `本文书内容可通过异议编号${c.caseNumber}在信用交通平台核验。`;
  if (c.appealDecision && c.appeal) {
    const d = c.appealDecision;
    return {
      kind: 'appeal-decision',
      title: { zh: '异议复核决定书', en: 'Objection appeal decision' },
      documentNumber: c.caseNumber,
      authority: { code: c.appeal.authority.code, name: c.appeal.authority.name },
      subject,
      sections: [
        objectionSection(c),
        {
          heading: { zh: '原处理结果', en: 'The answer appealed' },
          body: [
            `${r.authorityName}于${dateOf(c.answer!.at)}作出处理结果：${OUTCOME_LABELS[c.answer!.outcome].zh}。`,
            `${r.subject.name}于${dateOf(c.appeal.at)}申请复核${c.appeal.statement ? `，理由：${c.appeal.statement}` : '。'}`,
          ],
        },
        {
          heading: { zh: '复核决定', en: 'Decision' },
          body:
            d.decision === 'uphold'
              ? [`维持原处理结果（${OUTCOME_LABELS[d.outcome].zh}）。`]
              : ['撤销原处理结果，作出如下处理：', ...outcomeParagraphs(d)],
        },
        ...reasonsSection('复核理由', 'Reasons', d.reasons),
      ],
      legalBasis: d.legalBasis ? [d.legalBasis] : [],
      decidedAt: d.at,
      remedies: '本复核决定为异议处理的最终结果。',
      footer,
    };
  }
  if (c.answer) {
    const a = c.answer;
    return {
      kind: 'objection-answer',
      title: { zh: '异议处理结果告知书', en: 'Notice of the objection’s outcome' },
      documentNumber: c.caseNumber,
      authority: finding,
      subject,
      sections: [
        objectionSection(c),
        {
          heading: { zh: '核实情况', en: 'Verification' },
          body: [
            `本机关于${dateOf(c.acceptance?.at ?? c.filedAt!)}受理后，对该信用信息进行了溯源核实。`,
            ...a.reasons,
          ],
        },
        { heading: { zh: '处理结果', en: 'Outcome' }, body: outcomeParagraphs(a) },
      ],
      legalBasis: a.legalBasis ? [a.legalBasis] : [],
      decidedAt: a.at,
      remedies: appealWindowClosesOn
        ? `如对本处理结果不服，可于${chineseDate(appealWindowClosesOn)}前（含当日）通过信用交通平台申请复核一次；逾期未申请的，本处理结果即为最终结果。`
        : '如对本处理结果不服，可在复核申请期限内通过信用交通平台申请复核一次。',
      footer,
    };
  }
  if (c.refusal) {
    const f = c.refusal;
    const coded = f.reasonCodes.map((code) => REFUSAL_REASON_LABELS[code as RefusalReason]?.zh ?? code);
    return {
      kind: 'objection-refusal',
      title: { zh: '异议不予受理告知书', en: 'Notice that the objection is not accepted' },
      documentNumber: c.caseNumber,
      authority: finding,
      subject,
      sections: [
        objectionSection(c),
        {
          heading: { zh: '不予受理的理由', en: 'Reasons' },
          body: [...coded.map((t) => `${t}。`), ...f.reasons],
        },
      ],
      legalBasis: f.legalBasis ? [f.legalBasis] : [],
      decidedAt: f.at,
      remedies: '不予受理的情形消除后，可就该信用信息重新提出异议。',
      footer,
    };
  }
  return null;
}
