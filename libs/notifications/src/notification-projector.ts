import { Injectable } from '@nestjs/common';
import { Counter } from 'prom-client';
import { Database, Env, metricsRegistry, type BilingualText, type Sql } from '@credence/shared';
import { Subscription, type RecordedEvent } from '@credence/event-store';
import { OutwardChannels } from './outward/outward-channel';
import type { Audience, NotificationContext, NotificationTemplate } from './templates/notification-template';
import { NOTIFICATION_TEMPLATES } from './templates/notification-templates';

/** The checkpoint name of the projector in `subscription_checkpoints`; renaming it notifies everyone again. */
export const NOTIFICATIONS_SUBSCRIPTION = 'notifications';
/** Events per batch (one transaction with its checkpoint). */
export const NOTIFICATIONS_BATCH = 200;

const notificationsWritten = new Counter({
  name: 'credence_notifications_total',
  help: 'Notifications written to inboxes, by event type',
  labelNames: ['event_type'] as const,
  registers: [metricsRegistry],
});
const outwardQueued = new Counter({
  name: 'credence_outward_messages_queued_total',
  help: 'Outward messages (e-mail, SMS) queued with notifications, by channel',
  labelNames: ['channel'] as const,
  registers: [metricsRegistry],
});

interface CaseRow {
  stream_id: string;
  id: string;
  type: string;
  authority_code: string;
  authority_path: string;
  subject_code: string;
  subject_name: string;
  title: string;
}

/** A version-5-shaped UUID from a hash of `text` (as `derivedId` makes them), so clients may check it as one. */
const derivedUuid = (text: string) =>
  `overlay(overlay(md5(${text}) placing '5' from 13 for 1) placing '8' from 17 for 1)::uuid`;

/**
 * One statement per notified event: the recipients (active accounts of the audience, never the one who acted),
 * their notifications, and an outward message per configured channel the recipient has an address for and has not
 * turned off. Ids are derived from the event and the account (and the channel), so a replayed batch writes nothing
 * twice.
 */
const NOTIFY = `
WITH recipients AS (
  SELECT a.id, ct.email, ct.phone, coalesce(ct.language, 'zh-CN') AS language,
         coalesce(ct.channels, ARRAY['email', 'sms']) AS channels
    FROM accounts a LEFT JOIN account_contacts ct ON ct.account_id = a.id
   WHERE a.active AND a.id::text IS DISTINCT FROM $2::text
     AND (($3::text[] IS NULL AND a.role = 'applicant' AND a.subject_code = $4::text)
          OR (a.role = ANY($3::text[]) AND a.authority_code::text = $5::text))
), notified AS (
  INSERT INTO notifications (id, account_id, event_id, event_type, case_id, case_type, authority_code, authority_path,
                             title_zh, title_en, body_zh, body_en, link, data, created_at)
  SELECT ${derivedUuid(`'notification:' || $1::text || ':' || r.id::text`)}, r.id, $1::text::uuid, $7::text,
         $8::text::uuid, $9::text, $5::text, $6::text, $10::text, $11::text, $12::text, $13::text, $14::text,
         $15::jsonb, $16::timestamptz
    FROM recipients r
  ON CONFLICT (id) DO NOTHING
  RETURNING id, account_id
), queued AS (
  INSERT INTO outward_messages (id, notification_id, account_id, authority_code, authority_path, channel, address,
                                language, subject, body, next_attempt_at, created_at)
  SELECT ${derivedUuid(`'outward:' || n.id::text || ':' || ch.channel`)}, n.id, n.account_id, $5::text, $6::text,
         ch.channel, ch.address, r.language,
         CASE WHEN r.language = 'en' THEN $11::text ELSE $10::text END,
         CASE WHEN r.language = 'en' THEN $13::text ELSE $12::text END
           || coalesce(E'\\n\\n' || $18::text || $14::text, ''),
         $16::timestamptz, $16::timestamptz
    FROM notified n JOIN recipients r ON r.id = n.account_id
   CROSS JOIN LATERAL (VALUES ('email', r.email), ('sms', r.phone)) AS ch (channel, address)
   WHERE ch.address IS NOT NULL AND ch.channel = ANY(r.channels) AND ch.channel = ANY($17::text[])
  ON CONFLICT (id) DO NOTHING
  RETURNING channel
)
SELECT (SELECT count(*) FROM notified)::int AS notified,
       (SELECT coalesce(array_agg(channel), '{}') FROM queued) AS queued`;

/**
 * Tells people what happened to them or what waits for them (站内信), following the event store: a checkpointed
 * Subscription whose batch, notifications, outward messages and checkpoint commit in one transaction, so each
 * event notifies each recipient exactly once across restarts and with several workers (the checkpoint row is taken
 * with SKIP LOCKED). What an event says, and to whom, is its template (`NOTIFICATION_TEMPLATES`).
 */
@Injectable()
export class NotificationProjector {
  readonly subscription: Subscription;
  private readonly templates: Readonly<Record<string, NotificationTemplate>> = NOTIFICATION_TEMPLATES;

  constructor(
    db: Database,
    private readonly env: Env,
    private readonly channels: OutwardChannels,
  ) {
    this.subscription = new Subscription(
      db,
      NOTIFICATIONS_SUBSCRIPTION,
      (events, tx) => this.project(events, tx),
      {
        batchSize: NOTIFICATIONS_BATCH,
      },
    );
  }

  pollOnce(): Promise<number> {
    return this.subscription.pollOnce();
  }

  /**
   * Handles everything below the horizon, waiting (up to `waitMs`) for events an older open transaction still holds
   * back. For tests and catch-up; the worker polls.
   */
  drain(waitMs = 30_000): Promise<number> {
    return this.subscription.drainHeldBack(waitMs);
  }

  private async project(events: RecordedEvent[], tx: Sql): Promise<void> {
    const wanted = events.filter((e) => this.templates[e.type] !== undefined);
    if (wanted.length === 0) return;
    const { rows: cases } = await tx.query<CaseRow>(
      `SELECT stream_id, id::text AS id, type, authority_code, authority_path, subject_code, subject_name, title
         FROM cases WHERE stream_id = ANY($1::text[])`,
      [[...new Set(wanted.map((e) => e.streamId))]],
    );
    const caseOf = new Map(cases.map((c) => [c.stream_id, c]));
    for (const event of wanted) {
      const owner = caseOf.get(event.streamId);
      if (owner) await this.notify(tx, event, owner, this.templates[event.type]);
    }
  }

  private async notify(tx: Sql, event: RecordedEvent, owner: CaseRow, template: NotificationTemplate) {
    const context: NotificationContext = {
      event,
      caseId: owner.id,
      caseType: owner.type,
      caseRef: owner.title || owner.id,
      subjectName: owner.subject_name,
      clockLabel: await this.clockLabel(tx, event),
    };
    const audience: Audience | null =
      typeof template.audience === 'function' ? template.audience(context) : template.audience;
    if (audience === null) return;
    const rendered = template.render(context);
    const channels = this.channels.enabled().filter((c) => c === 'email' || template.sms === true);
    const { rows } = await tx.query<{ notified: number; queued: string[] }>(NOTIFY, [
      event.eventId,
      event.metadata.actorId ?? null,
      audience === 'applicant' ? null : [...audience],
      owner.subject_code,
      owner.authority_code,
      owner.authority_path,
      event.type,
      owner.id,
      owner.type,
      rendered.title.zh,
      rendered.title.en,
      rendered.body.zh,
      rendered.body.en,
      rendered.link,
      JSON.stringify(rendered.data),
      event.recordedAt,
      channels,
      // Outward text is read outside the product: its link is absolute.
      this.env.PUBLIC_BASE_URL.replace(/\/+$/, ''),
    ]);
    notificationsWritten.inc({ event_type: event.type }, rows[0].notified);
    for (const channel of rows[0].queued) outwardQueued.inc({ channel });
  }

  /** The label of the clock a clock event names, as the case's clocks read model holds it. */
  private async clockLabel(tx: Sql, event: RecordedEvent): Promise<BilingualText | null> {
    const clock = (event.data as { clock?: unknown }).clock;
    if (typeof clock !== 'string') return null;
    const { rows } = await tx.query<{ label_zh: string; label_en: string }>(
      `SELECT label_zh, label_en FROM case_clocks WHERE stream_id = $1 AND name = $2`,
      [event.streamId, clock],
    );
    return rows[0] ? { zh: rows[0].label_zh, en: rows[0].label_en } : null;
  }
}
