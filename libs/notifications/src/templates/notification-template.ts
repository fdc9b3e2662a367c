import type { BilingualText } from '@credence/shared';
import type { RecordedEvent } from '@credence/event-store';

/** Staff roles a notification may go to, at the case's own authority. */
export type StaffRole = 'officer' | 'senior_reviewer';

/**
 * Who is told: `applicant` — every active account of the case's subject (the enterprise or person the case is
 * about); a list of staff roles — every active account in those roles at the case's authority.
 */
export type Audience = 'applicant' | readonly StaffRole[];

/** What a template knows besides the event: the case as the read model holds it. */
export interface NotificationContext {
  event: RecordedEvent;
  caseId: string;
  caseType: string;
  /** The case number, or the decision number of a record (the case's title). */
  caseRef: string;
  subjectName: string;
  /** The clock a clock event names, as the case's clocks label it. */
  clockLabel: BilingualText | null;
}

/** A notification as stored: both languages, so the inbox answers in the reader's. */
export interface RenderedNotification {
  title: BilingualText;
  body: BilingualText;
  /** Where the reader goes next (the case, or its decision document). */
  link: string | null;
  /** The facts the text names, for clients that lay them out themselves (items, reasons, due date). */
  data: Record<string, unknown>;
}

export interface NotificationTemplate {
  /** Who is told; a function where the event decides (a clock of the applicant's or of the authority's). */
  audience: Audience | ((context: NotificationContext) => Audience | null);
  /** Worth a text message as well as an e-mail (a deadline the reader must meet, a decision). */
  sms?: boolean;
  render(context: NotificationContext): RenderedNotification;
}
