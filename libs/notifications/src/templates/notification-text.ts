import type { BilingualText } from '@credence/shared';
import type {
  NotificationContext,
  NotificationTemplate,
  RenderedNotification,
} from './notification-template';

/**
 * The sentences notifications are made of. Templates read the event's data as stored (every shape ever recorded:
 * members added later are optional), so every reader here tolerates a missing or malformed member.
 */

export type Data = Record<string, unknown>;

export const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
export const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** A plain sentence in both languages. */
export const say = (zh: string, en: string): BilingualText => ({ zh, en });

/** The reasons an event gives: the list, or the one joined reason older events carry. */
function reasonsOf(data: Data): string[] {
  const list = strings(data.reasons);
  if (list.length > 0) return list;
  const one = text(data.reason);
  return one ? [one] : [];
}

/** Sentences joined, empty parts left out. */
function body(...parts: (BilingualText | null)[]): BilingualText {
  const present = parts.filter((p): p is BilingualText => p !== null && p.zh !== '');
  return { zh: present.map((p) => p.zh).join(''), en: present.map((p) => p.en).join(' ') };
}

/** `label：value。` when the event names a value, else nothing. */
export function factLine(value: unknown, zh: string, en: string): BilingualText | null {
  const fact = text(value);
  return fact ? say(`${zh}：${fact}。`, `${en}: ${fact}.`) : null;
}

/** `label：a；b。` for a list the event names, else nothing. */
export function listLine(items: string[], zh: string, en: string): BilingualText | null {
  if (items.length === 0) return null;
  return say(`${zh}：${items.join('；')}。`, `${en}: ${items.join('; ')}.`);
}

export const reasonsLine = (data: Data): BilingualText | null => listLine(reasonsOf(data), '理由', 'Reasons');
export const legalBasisLine = (data: Data): BilingualText | null =>
  factLine(data.legalBasis, '依据', 'Legal basis');

/** The outcome of an objection's answer, in words. */
const OBJECTION_OUTCOMES: Record<string, BilingualText> = {
  correct: say('更正', 'corrected'),
  remove: say('删除', 'removed'),
  maintain: say('维持', 'maintained'),
  unverifiable: say('无法核实', 'could not be verified'),
};

export function outcomeLine(data: Data): BilingualText | null {
  const outcome = text(data.outcome);
  const label = outcome ? OBJECTION_OUTCOMES[outcome] : undefined;
  return label ? say(`处理结果：${label.zh}。`, `Outcome: ${label.en}.`) : null;
}

const CASE_PATHS: Record<string, string> = {
  repairApplication: 'repair-applications',
  objection: 'objections',
  commitment: 'commitments',
  creditRecord: 'credit-records',
};

/** The case's own page in the API, or none for a case type without one. */
export function caseLink(
  c: Pick<NotificationContext, 'caseType' | 'caseId'>,
  document?: string,
): string | null {
  const path = CASE_PATHS[c.caseType];
  if (!path) return null;
  return `/api/v1/${path}/${c.caseId}${document ? `/${document}` : ''}`;
}

/** What a template adds to the plain notice: another link, more facts. */
export interface Extra {
  link?: string | null;
  data?: Data;
}

/** A decision's notice links to its document (决定书, 告知书) and names it among the facts. */
export const documentLinked = (c: NotificationContext, document: string): Extra => ({
  link: caseLink(c, document),
  data: { document: caseLink(c, document) },
});

/** A notification about the case: a title, sentences, the case link and the facts named. */
function about(
  c: NotificationContext,
  title: BilingualText,
  sentences: (BilingualText | null)[],
  extra: Extra = {},
): RenderedNotification {
  const data = c.event.data as Data;
  return {
    title: { zh: `${title.zh}：${c.caseRef}`, en: `${title.en}: ${c.caseRef}` },
    body: body(...sentences),
    link: extra.link === undefined ? caseLink(c) : extra.link,
    data: { caseRef: c.caseRef, reasons: reasonsOf(data), ...extra.data },
  };
}

/**
 * A template in the shape nearly every event takes: who is told, whether by text message too (`sms`: a deadline the
 * reader must meet, a decision), a title and the sentences of the body, read from the case and the event's data.
 */
export function told(
  audience: NotificationTemplate['audience'],
  title: BilingualText | ((c: NotificationContext) => BilingualText),
  sentences: (c: NotificationContext, data: Data) => (BilingualText | null)[],
  options: { sms?: true; extra?: (c: NotificationContext, data: Data) => Extra } = {},
): NotificationTemplate {
  const render = (c: NotificationContext): RenderedNotification => {
    const data = c.event.data as Data;
    return about(
      c,
      typeof title === 'function' ? title(c) : title,
      sentences(c, data),
      options.extra?.(c, data),
    );
  };
  return options.sms ? { audience, sms: true, render } : { audience, render };
}

/** A refusal or a decision against the reader: the statement, then its reasons and legal basis. */
export const withGrounds =
  (statement: BilingualText) =>
  (_c: NotificationContext, data: Data): (BilingualText | null)[] => [
    statement,
    reasonsLine(data),
    legalBasisLine(data),
  ];
