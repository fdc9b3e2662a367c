import type { BilingualText } from '@credence/shared';
import type { Audience, StaffRole, NotificationContext, NotificationTemplate } from './notification-template';
import {
  documentLinked,
  factLine,
  legalBasisLine,
  listLine,
  outcomeLine,
  reasonsLine,
  say,
  strings,
  told,
  withGrounds,
  type Data,
} from './notification-text';

export { caseLink } from './notification-text';

/**
 * What each event tells whom, keyed by event type. Templates depend on the event names, not on the workflows' code
 * (the sentences they are made of are in notification-text.ts). Adding a notification is one entry here; the
 * projector picks it up on its next batch.
 */

const APPLICANT: Audience = 'applicant';
const OFFICERS: Audience = ['officer'];
const REVIEWERS: Audience = ['senior_reviewer'];
const STAFF: Audience = ['officer', 'senior_reviewer'];

/** A request for missing items (补正): every item at once, with the reasons and the way forward. */
const supplementRequested = told(
  APPLICANT,
  say('请补正材料', 'Please supply missing items'),
  (c, data) => [
    say(
      `${c.subjectName}：认定单位要求补正以下材料。`,
      `${c.subjectName}: the authority asks for the following.`,
    ),
    listLine(strings(data.items), '补正事项', 'Items'),
    reasonsLine(data),
    say(
      '请在补正期限内提交，逾期未补正的申请将终止办理。',
      'Supply them before the window closes, or the case ends.',
    ),
  ],
  { sms: true, extra: (_c, data) => ({ data: { items: strings(data.items) } }) },
);

/** The items arrived: the officer goes on (the same words for a repair application and an objection). */
const supplemented = told(
  OFFICERS,
  say('申请人已补正材料', 'The applicant supplied the missing items'),
  (c) => [
    say(`${c.subjectName}已提交补正材料，请继续办理。`, `${c.subjectName} supplied what was asked for.`),
  ],
);

/** Clocks the applicant must beat (补正 window, appeal window); every other clock is the authority's. */
const APPLICANT_CLOCKS = new Set(['supplement', 'appealWindow']);
const clockAudience = (c: NotificationContext): Audience =>
  APPLICANT_CLOCKS.has(String((c.event.data as Data).clock)) ? APPLICANT : STAFF;
const clockName = (c: NotificationContext): BilingualText =>
  c.clockLabel ?? say(String((c.event.data as Data).clock), String((c.event.data as Data).clock));

/** A clock event: its name in the title, its due date in the sentence and the facts. */
const clockTemplate = (
  title: (name: BilingualText) => BilingualText,
  sentence: (name: BilingualText, dueDate: string) => BilingualText,
): NotificationTemplate =>
  told(
    clockAudience,
    (c) => title(clockName(c)),
    (c, d) => [sentence(clockName(c), String(d.dueDate))],
    { sms: true, extra: (_c, d) => ({ data: { clock: d.clock, dueDate: d.dueDate, dueAt: d.dueAt } }) },
  );

export const NOTIFICATION_TEMPLATES: Readonly<Record<string, NotificationTemplate>> = {
  // ── credit repair: the applicant learns each step; staff learn of new work ──
  RepairApplicationSubmitted: told(
    OFFICERS,
    say('新的信用修复申请', 'New credit repair application'),
    (c) => [
      say(
        `${c.subjectName}提交了信用修复申请，请在受理期限内办理。`,
        `${c.subjectName} applied for credit repair.`,
      ),
    ],
  ),
  RepairApplicationAccepted: told(
    APPLICANT,
    say('信用修复申请已受理', 'Credit repair application accepted'),
    () => [say('认定单位已受理您的信用修复申请。', 'The authority accepted your application.')],
  ),
  RepairApplicationRefused: told(
    APPLICANT,
    say('信用修复申请不予受理', 'Credit repair application not accepted'),
    withGrounds(
      say('认定单位决定不予受理您的信用修复申请。', 'The authority did not accept your application.'),
    ),
    { sms: true },
  ),
  RepairSupplementRequested: supplementRequested,
  RepairSupplementProvided: supplemented,
  RepairReviewExtended: told(
    APPLICANT,
    say('办理期限已延长', 'The time to decide was extended'),
    (_c, data) => [
      say('认定单位延长了您的信用修复申请的办理期限。', 'The authority extended the time to decide.'),
      reasonsLine(data),
    ],
  ),
  RepairRecommended: told(
    REVIEWERS,
    say('信用修复申请待复核决定', 'Credit repair awaiting the senior decision'),
    () => [
      say('经办人已提出审核意见，请复核并作出决定。', 'The officer recommended; a senior decision is due.'),
    ],
  ),
  RepairApproved: told(
    APPLICANT,
    say('准予信用修复', 'Credit repair approved'),
    (_c, data) => [
      say(
        '认定单位决定准予信用修复，该记录已停止公示。',
        'Your record was repaired and is no longer published.',
      ),
      legalBasisLine(data),
      say('可下载信用修复决定书。', 'The decision document is available.'),
    ],
    { sms: true, extra: (c) => documentLinked(c, 'decision.pdf') },
  ),
  RepairRejected: told(
    APPLICANT,
    say('不予信用修复', 'Credit repair refused'),
    withGrounds(say('认定单位决定不予信用修复。', 'The authority refused the repair.')),
    { sms: true },
  ),
  RepairApprovalRevoked: told(
    APPLICANT,
    say('信用修复决定已撤销', 'Credit repair revoked'),
    withGrounds(
      say(
        '认定单位撤销了信用修复决定，该记录将重新公示。',
        'The repair was revoked; the record is published again.',
      ),
    ),
    { sms: true },
  ),
  RepairSupplementWindowElapsed: told(
    APPLICANT,
    say('补正期限已届满', 'The supplement window closed'),
    () => [
      say(
        '补正期限内未收到补正材料，申请已终止办理。',
        'Nothing was supplied in time; the application ended.',
      ),
    ],
  ),

  // ── objections ──
  ObjectionFiled: told(OFFICERS, say('新的异议申请', 'New objection'), (c) => [
    say(`${c.subjectName}对信用记录提出异议，请在受理期限内办理。`, `${c.subjectName} objected to a record.`),
  ]),
  ObjectionAccepted: told(APPLICANT, say('异议申请已受理', 'Objection accepted'), () => [
    say(
      '认定单位已受理您的异议申请，相关记录标注“异议处理中”。',
      'Accepted; the record shows the objection mark.',
    ),
  ]),
  ObjectionRefused: told(
    APPLICANT,
    say('异议申请不予受理', 'Objection not accepted'),
    withGrounds(say('认定单位决定不予受理您的异议申请。', 'The authority did not accept your objection.')),
    { sms: true },
  ),
  SupplementRequested: supplementRequested,
  Supplemented: supplemented,
  VerificationExtended: told(
    APPLICANT,
    say('核实期限已延长', 'The verification period was extended'),
    (_c, data) => [
      say('认定单位延长了异议核实期限。', 'The authority extended the time to verify.'),
      reasonsLine(data),
    ],
  ),
  ObjectionAnswered: told(
    APPLICANT,
    say('异议已答复', 'Objection answered'),
    (_c, data) => [
      say('认定单位已答复您的异议申请。', 'The authority answered your objection.'),
      outcomeLine(data),
      reasonsLine(data),
      say(
        '可下载异议处理结果告知书；如有不服，可在复核期限内申请复核。',
        'The notice is available; you may appeal in time.',
      ),
    ],
    { sms: true, extra: (c) => documentLinked(c, 'notice.pdf') },
  ),
  AppealFiled: told(REVIEWERS, say('新的异议复核申请', 'New appeal'), (c) => [
    say(`${c.subjectName}对异议答复申请复核，请作出复核决定。`, `${c.subjectName} appealed the answer.`),
  ]),
  AppealDecided: told(
    APPLICANT,
    say('异议复核已决定', 'Appeal decided'),
    (_c, data) => [
      data.decision === 'overturn'
        ? say('复核决定：撤销原答复。', 'The appeal overturned the answer.')
        : say('复核决定：维持原答复。', 'The appeal upheld the answer.'),
      outcomeLine(data),
      reasonsLine(data),
    ],
    { sms: true },
  ),

  // ── the record: objection marks (异议标注) ──
  ObjectionMarked: told(
    APPLICANT,
    say('记录已标注异议处理中', 'Record marked: objection in progress'),
    () => [
      say(
        '该信用记录在所有公示页面标注“异议处理中”。',
        'The record shows “objection in progress” in every view.',
      ),
    ],
  ),
  ObjectionMarkCleared: told(APPLICANT, say('异议标注已解除', 'Objection mark cleared'), () => [
    say('该信用记录的“异议处理中”标注已解除。', 'The record no longer shows the objection mark.'),
  ]),

  // ── commitments: checks and breaches ──
  FulfilmentCheckStarted: told(
    APPLICANT,
    say('信用承诺践诺核查开始', 'Fulfilment check of your commitment started'),
    (_c, data) => [
      say(
        '认定单位开始核查您的信用承诺履行情况。',
        'The authority is checking whether the commitment was kept.',
      ),
      factLine(data.description, '核查说明', 'Check'),
    ],
  ),
  CommitmentFulfilled: told(APPLICANT, say('信用承诺已践诺', 'Commitment kept'), () => [
    say('核查认定您已履行信用承诺。', 'The check found the commitment kept.'),
  ]),
  CommitmentBreached: told(
    APPLICANT,
    say('信用承诺已认定违诺', 'Commitment found broken'),
    (_c, data) => [
      say(
        '核查认定您违反了信用承诺，将依规记录违诺信息。',
        'The commitment was found broken; a breach is recorded.',
      ),
      factLine(data.findings, '核查结论', 'Findings'),
      legalBasisLine(data),
    ],
    { sms: true },
  ),
  FulfilmentCheckOverdue: told(STAFF, say('践诺核查已逾期', 'Fulfilment check overdue'), () => [
    say('该信用承诺的核查期限已过，请尽快核查。', 'The check of this commitment is overdue.'),
  ]),

  // ── statutory clocks (the engine's own events, on every case type) ──
  ClockDueSoon: clockTemplate(
    (name) => say(`期限临近：${name.zh}`, `Due soon: ${name.en}`),
    (name, due) => say(`${name.zh}将于${due}届满。`, `${name.en} ends on ${due}.`),
  ),
  ClockElapsed: clockTemplate(
    (name) => say(`已逾期：${name.zh}`, `Overdue: ${name.en}`),
    (name, due) => say(`${name.zh}已于${due}届满。`, `${name.en} ended on ${due}.`),
  ),

  // ── 催办: an urge recorded on a case reaches the staff who must act ──
  CaseUrged: told(
    // The roles the urged step waits on (the workbench records them); both staff roles when it names none.
    (c) => {
      const roles = strings((c.event.data as Data).roles).filter(
        (r): r is StaffRole => r === 'officer' || r === 'senior_reviewer',
      );
      return roles.length > 0 ? roles : STAFF;
    },
    say('催办', 'Reminder to act'),
    (_c, data) => [
      say('该案件被催办，请尽快办理。', 'This case was urged; please act on it.'),
      factLine(data.note, '催办说明', 'Note'),
    ],
    { sms: true },
  ),
};

/** The event types anything is told of (the projector reads only these). */
export const NOTIFIED_EVENT_TYPES: readonly string[] = Object.keys(NOTIFICATION_TEMPLATES);
