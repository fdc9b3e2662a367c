import type { BilingualText } from '@credence/shared';
import type {
  Audience,
  StaffRole,
  NotificationContext,
  NotificationTemplate,
  RenderedNotification,
} from './notification-template';

/**
 * What each event tells whom, keyed by event type. Templates read the event's data as stored (every shape ever
 * recorded: members added later are optional), so they depend on the event names, not on the workflows' code.
 * Adding a notification is one entry here; the projector picks it up on its next batch.
 */

type Data = Record<string, unknown>;

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
const text = (value: unknown): string | null =>
  typeof value === 'string' && value.trim() !== '' ? value : null;

/** The reasons an event gives: the list, or the one joined reason older events carry. */
function reasonsOf(data: Data): string[] {
  const list = strings(data.reasons);
  if (list.length > 0) return list;
  const one = text(data.reason);
  return one ? [one] : [];
}

const joined = (items: string[]): BilingualText => ({ zh: items.join('；'), en: items.join('; ') });

/** Sentences joined, empty parts left out. */
function body(...parts: (BilingualText | null)[]): BilingualText {
  const present = parts.filter((p): p is BilingualText => p !== null && p.zh !== '');
  return { zh: present.map((p) => p.zh).join(''), en: present.map((p) => p.en).join(' ') };
}

function reasonsLine(data: Data): BilingualText | null {
  const reasons = reasonsOf(data);
  if (reasons.length === 0) return null;
  const j = joined(reasons);
  return { zh: `理由：${j.zh}。`, en: `Reasons: ${j.en}.` };
}

function legalBasisLine(data: Data): BilingualText | null {
  const basis = text(data.legalBasis);
  return basis ? { zh: `依据：${basis}。`, en: `Legal basis: ${basis}.` } : null;
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

/** A notification about the case: a title, sentences, the case link and the facts named. */
function about(
  c: NotificationContext,
  title: BilingualText,
  sentences: (BilingualText | null)[],
  extra: { link?: string | null; data?: Data } = {},
): RenderedNotification {
  const data = c.event.data as Data;
  return {
    title: { zh: `${title.zh}：${c.caseRef}`, en: `${title.en}: ${c.caseRef}` },
    body: body(...sentences),
    link: extra.link === undefined ? caseLink(c) : extra.link,
    data: { caseRef: c.caseRef, reasons: reasonsOf(data), ...extra.data },
  };
}

/** A plain sentence in both languages. */
const say = (zh: string, en: string): BilingualText => ({ zh, en });

/** The outcome of an objection's answer, in words. */
const OBJECTION_OUTCOMES: Record<string, BilingualText> = {
  correct: say('更正', 'corrected'),
  remove: say('删除', 'removed'),
  maintain: say('维持', 'maintained'),
  unverifiable: say('无法核实', 'could not be verified'),
};

function outcomeLine(data: Data): BilingualText | null {
  const outcome = text(data.outcome);
  const label = outcome ? OBJECTION_OUTCOMES[outcome] : undefined;
  return label ? say(`处理结果：${label.zh}。`, `Outcome: ${label.en}.`) : null;
}

/** A request for missing items (补正): every item at once, with the reasons and the way forward. */
function supplementRequested(c: NotificationContext): RenderedNotification {
  const data = c.event.data as Data;
  const items = strings(data.items);
  const list = joined(items);
  return about(
    c,
    say('请补正材料', 'Please supply missing items'),
    [
      say(
        `${c.subjectName}：认定单位要求补正以下材料。`,
        `${c.subjectName}: the authority asks for the following.`,
      ),
      items.length > 0 ? say(`补正事项：${list.zh}。`, `Items: ${list.en}.`) : null,
      reasonsLine(data),
      say(
        '请在补正期限内提交，逾期未补正的申请将终止办理。',
        'Supply them before the window closes, or the case ends.',
      ),
    ],
    { data: { items } },
  );
}

const APPLICANT: Audience = 'applicant';
const OFFICERS: Audience = ['officer'];
const REVIEWERS: Audience = ['senior_reviewer'];
const STAFF: Audience = ['officer', 'senior_reviewer'];

/** Clocks the applicant must beat (补正 window, appeal window); every other clock is the authority's. */
const APPLICANT_CLOCKS = new Set(['supplement', 'appealWindow']);
const clockAudience = (c: NotificationContext): Audience =>
  APPLICANT_CLOCKS.has(String((c.event.data as Data).clock)) ? APPLICANT : STAFF;
const clockName = (c: NotificationContext): BilingualText =>
  c.clockLabel ?? say(String((c.event.data as Data).clock), String((c.event.data as Data).clock));

export const NOTIFICATION_TEMPLATES: Readonly<Record<string, NotificationTemplate>> = {
  // ── credit repair: the applicant learns each step; staff learn of new work ──
  RepairApplicationSubmitted: {
    audience: OFFICERS,
    render: (c) =>
      about(c, say('新的信用修复申请', 'New credit repair application'), [
        say(
          `${c.subjectName}提交了信用修复申请，请在受理期限内办理。`,
          `${c.subjectName} applied for credit repair.`,
        ),
      ]),
  },
  RepairApplicationAccepted: {
    audience: APPLICANT,
    render: (c) =>
      about(c, say('信用修复申请已受理', 'Credit repair application accepted'), [
        say('认定单位已受理您的信用修复申请。', 'The authority accepted your application.'),
      ]),
  },
  RepairApplicationRefused: {
    audience: APPLICANT,
    sms: true,
    render: (c) =>
      about(c, say('信用修复申请不予受理', 'Credit repair application not accepted'), [
        say('认定单位决定不予受理您的信用修复申请。', 'The authority did not accept your application.'),
        reasonsLine(c.event.data),
        legalBasisLine(c.event.data),
      ]),
  },
  RepairSupplementRequested: { audience: APPLICANT, sms: true, render: supplementRequested },
  RepairSupplementProvided: {
    audience: OFFICERS,
    render: (c) =>
      about(c, say('申请人已补正材料', 'The applicant supplied the missing items'), [
        say(`${c.subjectName}已提交补正材料，请继续办理。`, `${c.subjectName} supplied what was asked for.`),
      ]),
  },
  RepairReviewExtended: {
    audience: APPLICANT,
    render: (c) =>
      about(c, say('办理期限已延长', 'The time to decide was extended'), [
        say('认定单位延长了您的信用修复申请的办理期限。', 'The authority extended the time to decide.'),
        reasonsLine(c.event.data),
      ]),
  },
  RepairRecommended: {
    audience: REVIEWERS,
    render: (c) =>
      about(c, say('信用修复申请待复核决定', 'Credit repair awaiting the senior decision'), [
        say('经办人已提出审核意见，请复核并作出决定。', 'The officer recommended; a senior decision is due.'),
      ]),
  },
  RepairApproved: {
    audience: APPLICANT,
    sms: true,
    render: (c) =>
      about(
        c,
        say('准予信用修复', 'Credit repair approved'),
        [
          say(
            '认定单位决定准予信用修复，该记录已停止公示。',
            'Your record was repaired and is no longer published.',
          ),
          legalBasisLine(c.event.data),
          say('可下载信用修复决定书。', 'The decision document is available.'),
        ],
        { link: caseLink(c, 'decision.pdf'), data: { document: caseLink(c, 'decision.pdf') } },
      ),
  },
  RepairRejected: {
    audience: APPLICANT,
    sms: true,
    render: (c) =>
      about(c, say('不予信用修复', 'Credit repair refused'), [
        say('认定单位决定不予信用修复。', 'The authority refused the repair.'),
        reasonsLine(c.event.data),
        legalBasisLine(c.event.data),
      ]),
  },
  RepairApprovalRevoked: {
    audience: APPLICANT,
    sms: true,
    render: (c) =>
      about(c, say('信用修复决定已撤销', 'Credit repair revoked'), [
        say(
          '认定单位撤销了信用修复决定，该记录将重新公示。',
          'The repair was revoked; the record is published again.',
        ),
        reasonsLine(c.event.data),
        legalBasisLine(c.event.data),
      ]),
  },
  RepairSupplementWindowElapsed: {
    audience: APPLICANT,
    render: (c) =>
      about(c, say('补正期限已届满', 'The supplement window closed'), [
        say(
          '补正期限内未收到补正材料，申请已终止办理。',
          'Nothing was supplied in time; the application ended.',
        ),
      ]),
  },

  // ── objections ──
  ObjectionFiled: {
    audience: OFFICERS,
    render: (c) =>
      about(c, say('新的异议申请', 'New objection'), [
        say(
          `${c.subjectName}对信用记录提出异议，请在受理期限内办理。`,
          `${c.subjectName} objected to a record.`,
        ),
      ]),
  },
  ObjectionAccepted: {
    audience: APPLICANT,
    render: (c) =>
      about(c, say('异议申请已受理', 'Objection accepted'), [
        say(
          '认定单位已受理您的异议申请，相关记录标注“异议处理中”。',
          'Accepted; the record shows the objection mark.',
        ),
      ]),
  },
  ObjectionRefused: {
    audience: APPLICANT,
    sms: true,
    render: (c) =>
      about(c, say('异议申请不予受理', 'Objection not accepted'), [
        say('认定单位决定不予受理您的异议申请。', 'The authority did not accept your objection.'),
        reasonsLine(c.event.data),
        legalBasisLine(c.event.data),
      ]),
  },
  SupplementRequested: { audience: APPLICANT, sms: true, render: supplementRequested },
  Supplemented: {
    audience: OFFICERS,
    render: (c) =>
      about(c, say('申请人已补正材料', 'The applicant supplied the missing items'), [
        say(`${c.subjectName}已提交补正材料，请继续办理。`, `${c.subjectName} supplied what was asked for.`),
      ]),
  },
  VerificationExtended: {
    audience: APPLICANT,
    render: (c) =>
      about(c, say('核实期限已延长', 'The verification period was extended'), [
        say('认定单位延长了异议核实期限。', 'The authority extended the time to verify.'),
        reasonsLine(c.event.data),
      ]),
  },
  ObjectionAnswered: {
    audience: APPLICANT,
    sms: true,
    render: (c) =>
      about(
        c,
        say('异议已答复', 'Objection answered'),
        [
          say('认定单位已答复您的异议申请。', 'The authority answered your objection.'),
          outcomeLine(c.event.data),
          reasonsLine(c.event.data),
          say(
            '可下载异议处理结果告知书；如有不服，可在复核期限内申请复核。',
            'The notice is available; you may appeal in time.',
          ),
        ],
        { link: caseLink(c, 'notice.pdf'), data: { document: caseLink(c, 'notice.pdf') } },
      ),
  },
  AppealFiled: {
    audience: REVIEWERS,
    render: (c) =>
      about(c, say('新的异议复核申请', 'New appeal'), [
        say(`${c.subjectName}对异议答复申请复核，请作出复核决定。`, `${c.subjectName} appealed the answer.`),
      ]),
  },
  AppealDecided: {
    audience: APPLICANT,
    sms: true,
    render: (c) =>
      about(c, say('异议复核已决定', 'Appeal decided'), [
        (c.event.data as Data).decision === 'overturn'
          ? say('复核决定：撤销原答复。', 'The appeal overturned the answer.')
          : say('复核决定：维持原答复。', 'The appeal upheld the answer.'),
        outcomeLine(c.event.data),
        reasonsLine(c.event.data),
      ]),
  },

  // ── the record: objection marks (异议标注) ──
  ObjectionMarked: {
    audience: APPLICANT,
    render: (c) =>
      about(c, say('记录已标注异议处理中', 'Record marked: objection in progress'), [
        say(
          '该信用记录在所有公示页面标注“异议处理中”。',
          'The record shows “objection in progress” in every view.',
        ),
      ]),
  },
  ObjectionMarkCleared: {
    audience: APPLICANT,
    render: (c) =>
      about(c, say('异议标注已解除', 'Objection mark cleared'), [
        say('该信用记录的“异议处理中”标注已解除。', 'The record no longer shows the objection mark.'),
      ]),
  },

  // ── commitments: checks and breaches ──
  FulfilmentCheckStarted: {
    audience: APPLICANT,
    render: (c) =>
      about(c, say('信用承诺践诺核查开始', 'Fulfilment check of your commitment started'), [
        say(
          '认定单位开始核查您的信用承诺履行情况。',
          'The authority is checking whether the commitment was kept.',
        ),
        text((c.event.data as Data).description)
          ? say(
              `核查说明：${String((c.event.data as Data).description)}。`,
              `Check: ${String((c.event.data as Data).description)}.`,
            )
          : null,
      ]),
  },
  CommitmentFulfilled: {
    audience: APPLICANT,
    render: (c) =>
      about(c, say('信用承诺已践诺', 'Commitment kept'), [
        say('核查认定您已履行信用承诺。', 'The check found the commitment kept.'),
      ]),
  },
  CommitmentBreached: {
    audience: APPLICANT,
    sms: true,
    render: (c) =>
      about(c, say('信用承诺已认定违诺', 'Commitment found broken'), [
        say(
          '核查认定您违反了信用承诺，将依规记录违诺信息。',
          'The commitment was found broken; a breach is recorded.',
        ),
        text((c.event.data as Data).findings)
          ? say(
              `核查结论：${String((c.event.data as Data).findings)}。`,
              `Findings: ${String((c.event.data as Data).findings)}.`,
            )
          : null,
        legalBasisLine(c.event.data),
      ]),
  },
  FulfilmentCheckOverdue: {
    audience: STAFF,
    render: (c) =>
      about(c, say('践诺核查已逾期', 'Fulfilment check overdue'), [
        say('该信用承诺的核查期限已过，请尽快核查。', 'The check of this commitment is overdue.'),
      ]),
  },

  // ── statutory clocks (the engine's own events, on every case type) ──
  ClockDueSoon: {
    audience: clockAudience,
    sms: true,
    render: (c) => {
      const d = c.event.data as Data;
      const name = clockName(c);
      return about(
        c,
        say(`期限临近：${name.zh}`, `Due soon: ${name.en}`),
        [say(`${name.zh}将于${String(d.dueDate)}届满。`, `${name.en} ends on ${String(d.dueDate)}.`)],
        { data: { clock: d.clock, dueDate: d.dueDate, dueAt: d.dueAt } },
      );
    },
  },
  ClockElapsed: {
    audience: clockAudience,
    sms: true,
    render: (c) => {
      const d = c.event.data as Data;
      const name = clockName(c);
      return about(
        c,
        say(`已逾期：${name.zh}`, `Overdue: ${name.en}`),
        [say(`${name.zh}已于${String(d.dueDate)}届满。`, `${name.en} ended on ${String(d.dueDate)}.`)],
        { data: { clock: d.clock, dueDate: d.dueDate, dueAt: d.dueAt } },
      );
    },
  },

  // ── 催办: an urge recorded on a case reaches the staff who must act ──
  CaseUrged: {
    // The roles the urged step waits on (the workbench records them); both staff roles when it names none.
    audience: (c) => {
      const roles = strings((c.event.data as Data).roles).filter(
        (r): r is StaffRole => r === 'officer' || r === 'senior_reviewer',
      );
      return roles.length > 0 ? roles : STAFF;
    },
    sms: true,
    render: (c) => {
      const note = text((c.event.data as Data).note);
      return about(c, say('催办', 'Reminder to act'), [
        say('该案件被催办，请尽快办理。', 'This case was urged; please act on it.'),
        note ? say(`催办说明：${note}。`, `Note: ${note}.`) : null,
      ]);
    },
  },
};

/** The event types anything is told of (the projector reads only these). */
export const NOTIFIED_EVENT_TYPES: readonly string[] = Object.keys(NOTIFICATION_TEMPLATES);
