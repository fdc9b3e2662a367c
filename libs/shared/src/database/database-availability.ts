import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { databaseFaultOf } from './connection-errors';
import { connectionTimeoutSettings } from './data-source';

/** What the last look at the database found. */
export type DatabaseState = 'up' | 'down' | 'unresponsive';

/** A probe (and so /health) gets this long to hear back; /health must answer within a second either way. */
export const PROBE_TIMEOUT_MS = 800;
/** While the database is away it is probed this often, so requests pass again soon after it returns. */
const PROBE_INTERVAL_MS = 500;

/**
 * Whether the database answers, known to the whole process: requests fail fast with 503 while it is away instead
 * of each waiting for its own timeout, and /health says what is down within a second. Nothing is probed while
 * things go well; a connection-level failure anywhere (reported here) starts probing on a connection of its own
 * until the database answers again.
 */
export class DatabaseAvailability implements OnApplicationShutdown {
  private readonly logger = new Logger(DatabaseAvailability.name);
  private state: DatabaseState = 'up';
  private since = Date.now();
  private client?: Client;
  private probing?: Promise<DatabaseState>;
  private loop?: NodeJS.Timeout;
  private closed = false;

  constructor(private readonly url: string) {}

  get isAvailable(): boolean {
    return this.state === 'up';
  }

  get current(): DatabaseState {
    return this.state;
  }

  /**
   * Any error on the way to the database: a lost connection marks it down at once; a timeout first asks the
   * database itself (a slow statement is not an outage). Other errors are ignored.
   */
  report(error: unknown): void {
    const fault = databaseFaultOf(error);
    if (fault === 'lost') this.markDown('down', error);
    else if (fault === 'timeout') void this.probe();
  }

  /** Looks now (one probe at a time, shared by concurrent callers); answers within PROBE_TIMEOUT_MS. */
  probe(): Promise<DatabaseState> {
    this.probing ??= this.probeOnce().finally(() => (this.probing = undefined));
    return this.probing;
  }

  onApplicationShutdown(): void {
    this.closed = true;
    clearTimeout(this.loop);
    this.dropClient();
  }

  private async probeOnce(): Promise<DatabaseState> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'unresponsive'>((resolve) => {
      timer = setTimeout(() => resolve('unresponsive'), PROBE_TIMEOUT_MS);
    });
    const attempt = this.select1().then(
      () => 'up' as const,
      (error: unknown) => ({ error }),
    );
    const outcome = await Promise.race([attempt, timeout]);
    clearTimeout(timer);
    if (outcome === 'up') this.markUp();
    else if (outcome === 'unresponsive')
      this.markDown('unresponsive', new Error('no answer within the probe timeout'));
    else this.markDown('down', outcome.error);
    return this.state;
  }

  private async select1(): Promise<void> {
    if (this.closed) throw new Error('shutting down');
    if (!this.client) {
      const client = new Client({
        connectionString: this.url,
        application_name: 'credence-probe',
        ...connectionTimeoutSettings({ connectMs: PROBE_TIMEOUT_MS, statementMs: 0 }),
      });
      client.on('error', () => this.dropClient(client));
      this.client = client;
      try {
        await client.connect();
      } catch (error) {
        this.dropClient(client);
        throw error;
      }
    }
    await this.client.query('SELECT 1');
  }

  private markDown(state: Exclude<DatabaseState, 'up'>, error: unknown): void {
    // A probe that did not hear back leaves its connection unusable: the next one starts afresh.
    if (state === 'unresponsive') this.dropClient();
    else if (databaseFaultOf(error) === 'lost') this.dropClient();
    if (this.state === 'up') {
      this.since = Date.now();
      this.logger.warn(
        { reason: error instanceof Error ? error.message : String(error), state },
        'database unavailable: answering 503 until it returns (数据库不可用)',
      );
    }
    this.state = state;
    this.scheduleProbe();
  }

  private markUp(): void {
    if (this.state !== 'up')
      this.logger.log({ downForMs: Date.now() - this.since }, 'database available again (数据库已恢复)');
    this.state = 'up';
    this.since = Date.now();
  }

  private scheduleProbe(): void {
    if (this.closed || this.loop) return;
    this.loop = setTimeout(() => {
      this.loop = undefined;
      void this.probe().then((state) => {
        if (state !== 'up') this.scheduleProbe();
      });
    }, PROBE_INTERVAL_MS);
    this.loop.unref();
  }

  private dropClient(client = this.client): void {
    if (!client) return;
    if (client === this.client) this.client = undefined;
    // end() would wait for a server that may not answer; destroying the socket frees it at once.
    (client as unknown as { connection?: { stream?: { destroy(): void } } }).connection?.stream?.destroy();
    client.end().catch(() => undefined);
  }
}
