import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import pg from 'pg';
import { Clock, Database, type Sql } from '@credence/shared';
import type { AccountRow } from './account.store';

/** The channel every change of an account is announced on, in the statement that makes it. */
export const ACCOUNTS_CHANNEL = 'credence_accounts';

/** Entries older than this are read again: a backstop for a change made by hand in SQL, without the notification. */
const MAX_AGE_MS = 60_000;
const MAX_ENTRIES = 10_000;
const RECONNECT_MS = 1_000;

/**
 * `UPDATE accounts …` wrapped so that the same statement announces each changed account on ACCOUNTS_CHANNEL
 * (delivered at commit, only if it commits). `update` must be an UPDATE … RETURNING id. Returns the changed ids.
 */
export async function updateAccountsAnnounced(
  sql: Sql,
  update: string,
  values: unknown[],
): Promise<string[]> {
  const { rows } = await sql.query<{ id: string }>(
    `WITH changed AS (${update}) SELECT id::text, pg_notify('${ACCOUNTS_CHANNEL}', id::text) FROM changed`,
    values,
  );
  return rows.map((r) => r.id);
}

/** Announces a change to an account that is not an UPDATE of its row (its related subjects), in the caller's transaction. */
export async function announceAccountChange(sql: Sql, id: string): Promise<void> {
  await sql.query(`SELECT pg_notify('${ACCOUNTS_CHANNEL}', $1::text)`, [id]);
}

/**
 * The authenticated account, kept between requests of this process so that a request costs no account query
 * (ADR 0028). Deactivation and role changes still take effect at once: every change is announced by the statement
 * that makes it (updateAccountsAnnounced), the process that made it drops its entry before answering, and every
 * process LISTENs on its own connection and drops what it hears. While that connection is not up (before the first
 * request, after a loss) nothing is kept and every request reads the account, as without a cache.
 */
@Injectable()
export class AccountCache implements OnApplicationShutdown {
  private readonly logger = new Logger(AccountCache.name);
  private readonly entries = new Map<string, { row: AccountRow; at: number }>();
  private listener: pg.Client | null = null;
  private listening = false;
  private starting = false;
  private closed = false;
  /** No new connection attempt before this (performance.now()): a database that is down is not hammered. */
  private retryAt = 0;
  /**
   * Bumped by every invalidation: a read that began before one may have seen the old row, so it is not kept. This
   * closes the race of a request reading an account while its deactivation commits.
   */
  private generation = 0;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The account as of a read that saw no invalidation since; null when it must be read. */
  get(id: string): AccountRow | null {
    if (!this.listening) {
      this.start();
      return null;
    }
    const entry = this.entries.get(id);
    if (!entry) return null;
    if (this.clock.now().getTime() - entry.at > MAX_AGE_MS) {
      this.entries.delete(id);
      return null;
    }
    return entry.row;
  }

  /** A ticket to take before reading an account, handed back to `put`. */
  ticket(): number {
    return this.generation;
  }

  /** Keeps an active account read under `ticket`, unless anything was invalidated meanwhile. */
  put(row: AccountRow, ticket: number): void {
    if (!this.listening || ticket !== this.generation || !row.active) return;
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(row.id, { row, at: this.clock.now().getTime() });
  }

  /** Drops one account (or all): called by whoever changed it, before answering, and on every notification. */
  invalidate(id?: string): void {
    this.generation++;
    if (id === undefined) this.entries.clear();
    else this.entries.delete(id);
  }

  /** Whether entries are being kept (the listener is connected); for tests and metrics. */
  get active(): boolean {
    return this.listening;
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    this.listening = false;
    await this.listener?.end().catch(() => undefined);
  }

  /** Connects the listener in the background; requests meanwhile read the account as before. */
  private start(): void {
    if (this.starting || this.closed || performance.now() < this.retryAt) return;
    this.starting = true;
    void this.connect().finally(() => (this.starting = false));
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({ ...this.db.pool.options, application_name: 'credence-account-cache' });
    const lost = () => {
      if (this.listener !== client) return;
      this.listener = null;
      this.listening = false;
      this.invalidate();
      void client.end().catch(() => undefined);
      // Retried by a request after a pause, not by a loop of its own: an idle process holds no timer.
      this.retryAt = performance.now() + RECONNECT_MS;
    };
    client.on('error', lost);
    client.on('end', lost);
    client.on('notification', (message) => {
      if (message.channel === ACCOUNTS_CHANNEL) this.invalidate(message.payload || undefined);
    });
    this.listener = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${ACCOUNTS_CHANNEL}`);
      if (this.closed) return void (await client.end());
      // Whatever changed before LISTEN took effect was not heard: start from nothing.
      this.invalidate();
      this.listening = true;
    } catch (error) {
      this.logger.warn({ err: error }, 'account cache listener not connected; reading accounts per request');
      lost();
    }
  }
}
