import type { components } from '../api/schema';

type Notification = components['schemas']['InboxNotificationDto'];

/** How often the header asks for new messages while the page is open (and again whenever the window regains focus). */
export const INBOX_POLL_MS = 30_000;

/**
 * The console page a message leads to: its case's page (`/cases/{id}`), where the person also finds the documents the
 * message may name. The API's own `link` is an API address (for e-mail readers), not a page of the console.
 */
export function pageOfNotification(notification: Pick<Notification, 'caseId'>): string | null {
  return notification.caseId ? `/cases/${notification.caseId}` : null;
}
