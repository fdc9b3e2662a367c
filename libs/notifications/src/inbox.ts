import { Injectable } from '@nestjs/common';
import { Clock, Database, NotFoundError } from '@credence/shared';

export interface InboxQuery {
  unread?: boolean;
  page: number;
  pageSize: number;
}

export interface InboxNotification {
  id: string;
  eventType: string;
  caseId: string | null;
  caseType: string | null;
  title: { zh: string; en: string };
  body: { zh: string; en: string };
  link: string | null;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
}

interface Row {
  id: string;
  event_type: string;
  case_id: string | null;
  case_type: string | null;
  title_zh: string;
  title_en: string;
  body_zh: string;
  body_en: string;
  link: string | null;
  data: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
}

const COLUMNS = `id::text, event_type, case_id::text, case_type, title_zh, title_en, body_zh, body_en, link, data,
  created_at, read_at`;

const toView = (r: Row): InboxNotification => ({
  id: r.id,
  eventType: r.event_type,
  caseId: r.case_id,
  caseType: r.case_type,
  title: { zh: r.title_zh, en: r.title_en },
  body: { zh: r.body_zh, en: r.body_en },
  link: r.link,
  data: r.data,
  createdAt: r.created_at.toISOString(),
  readAt: r.read_at?.toISOString() ?? null,
});

/**
 * An account's inbox (站内信). Every query is keyed by the reader's own account id: a notification of someone else
 * is absent (404), never forbidden.
 */
@Injectable()
export class Inbox {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  async list(accountId: string, query: InboxQuery) {
    const { rows } = await this.db.query<Row & { total: string }>(
      `SELECT ${COLUMNS}, count(*) OVER () AS total FROM notifications
        WHERE account_id = $1 AND ($2::boolean IS NOT TRUE OR read_at IS NULL)
        ORDER BY created_at DESC, id DESC LIMIT $3 OFFSET $4`,
      [accountId, query.unread ?? false, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return {
      unreadCount: await this.unreadCount(accountId),
      total: rows.length > 0 ? Number(rows[0].total) : 0,
      page: query.page,
      pageSize: query.pageSize,
      items: rows.map(toView),
    };
  }

  async unreadCount(accountId: string): Promise<number> {
    const { rows } = await this.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM notifications WHERE account_id = $1 AND read_at IS NULL`,
      [accountId],
    );
    return rows[0].n;
  }

  /** Marks one notification read (the first reading time stays). */
  async markRead(accountId: string, id: string): Promise<InboxNotification> {
    const { rows } = await this.db.query<Row>(
      `UPDATE notifications SET read_at = coalesce(read_at, $3) WHERE id = $1 AND account_id = $2
       RETURNING ${COLUMNS}`,
      [id, accountId, this.clock.now()],
    );
    if (rows.length === 0) throw new NotFoundError({ zh: '通知', en: 'Notification' });
    return toView(rows[0]);
  }

  /** Marks everything unread as read; returns how many changed. */
  async markAllRead(accountId: string): Promise<{ marked: number; unreadCount: number }> {
    const { rowCount } = await this.db.query(
      `UPDATE notifications SET read_at = $2 WHERE account_id = $1 AND read_at IS NULL`,
      [accountId, this.clock.now()],
    );
    return { marked: rowCount ?? 0, unreadCount: 0 };
  }
}
