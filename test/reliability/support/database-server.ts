import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@credence/shared';

/**
 * A PostgreSQL server of a suite's own (embedded, in a temp directory) that the suite may stop, start again on the
 * same port and address, or freeze: the faults an operator's database goes through.
 */
export class DatabaseServer {
  private server?: EmbeddedDatabase;
  private port?: number;

  private constructor(private readonly parent: string) {}

  static async start(): Promise<DatabaseServer> {
    const parent = mkdtempSync(join(tmpdir(), 'credence-outage-'));
    chmodSync(parent, 0o755); // the server runs as its own OS user and must reach its data directory
    const db = new DatabaseServer(parent);
    await db.up();
    return db;
  }

  private get dataDir(): string {
    return join(this.parent, 'pg');
  }

  /** Starts the server (again), on the port it had: clients keep their URL. */
  async up(): Promise<void> {
    this.server = await startEmbeddedPostgres(this.dataDir, { persistent: true, port: this.port });
    this.port = this.server.port;
  }

  /** Fast shutdown (pg_ctl stop -m fast): sessions are terminated with 57P01, the socket disappears. */
  async down(): Promise<void> {
    await this.server?.stop();
    this.server = undefined;
  }

  urlFor(database: string): string {
    if (!this.server) throw new Error('the database server is not running');
    return this.server.urlFor(database);
  }

  async createDatabase(name: string): Promise<string> {
    const admin = new Client({ connectionString: this.urlFor('postgres') });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return this.urlFor(name);
  }

  /** The postmaster and every backend: what SIGSTOP must reach to make the server hang. */
  processes(): number[] {
    const postmaster = this.server?.pid;
    if (!postmaster) return [];
    const children = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .filter((pid) => {
        try {
          // Field 4 of /proc/<pid>/stat is the parent pid (after the parenthesised command name).
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === postmaster;
        } catch {
          return false;
        }
      })
      .map(Number);
    return [postmaster, ...children];
  }

  /** kill -STOP of the whole server: connections stay open and nothing answers. */
  freeze(): void {
    // The postmaster first, so that no backend is forked after the list is read.
    const [postmaster] = this.processes();
    if (postmaster) signal(postmaster, 'SIGSTOP');
    for (const pid of this.processes()) signal(pid, 'SIGSTOP');
  }

  thaw(): void {
    // The postmaster first: once it runs, a backend listed a moment ago may end (and be reaped) before its turn.
    for (const pid of this.processes()) signal(pid, 'SIGCONT');
  }

  async destroy(): Promise<void> {
    this.thaw();
    await this.down().catch(() => undefined);
    rmSync(this.parent, { recursive: true, force: true });
  }
}

/** Sends `name` to `pid`; a process that ended since it was listed needs no signal. */
function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
