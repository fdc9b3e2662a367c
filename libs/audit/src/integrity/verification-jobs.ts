import { Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Actor } from '@credence/identity';
import { Clock, Database, NotFoundError, uuidv7 } from '@credence/shared';
import {
  IntegrityVerifier,
  type IntegrityFailure,
  type IntegrityProgress,
  type IntegrityReport,
} from './integrity-verifier';
import { SigningKey } from './signing';
import { visibleStreams } from './stream-access';

interface JobRow {
  id: string;
  requested_by: string;
  stream_id: string | null;
  status: 'running' | 'done' | 'failed';
  phase: string;
  events_total: string;
  events_checked: string;
  failures_found: number;
  ok: boolean | null;
  report: IntegrityReport | null;
  error: string | null;
  started_at: Date;
  updated_at: Date;
  finished_at: Date | null;
}

/** Progress is written at most this often: a million events must not mean a thousand UPDATEs a second. */
const PROGRESS_INTERVAL_MS = 500;
/** A running job touches its row this often, progress or not … */
const HEARTBEAT_MS = 30_000;
/** … so one silent for longer than this lost its process (a crash or a kill), and is reported as abandoned. */
const ABANDONED_AFTER_MS = 4 * HEARTBEAT_MS;

/**
 * `credence audit verify` as a background job of the API. The job row holds the progress, so any API process can
 * answer for it. A job whose process died stops beating and is reported `abandoned`; start another.
 */
@Injectable()
export class VerificationJobs implements BeforeApplicationShutdown {
  private readonly logger = new Logger(VerificationJobs.name);
  private readonly running = new Set<Promise<void>>();

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly key: SigningKey,
  ) {}

  async start(actor: Actor, streamId?: string): Promise<{ id: string; status: 'running' }> {
    // A stream the auditor may not see is not theirs to verify: its event count and soundness are about that case.
    if (streamId !== undefined && !(await visibleStreams(this.db, actor, [streamId])).has(streamId))
      throw new NotFoundError({ zh: '案件', en: 'Case' }, { streamId });
    const id = uuidv7(this.clock.now());
    const now = this.clock.now();
    await this.db.query(
      `INSERT INTO audit_verifications (id, requested_by, stream_id, status, phase, started_at, updated_at)
       VALUES ($1, $2, $3, 'running', 'queued', $4, $4)`,
      [id, actor.id, streamId ?? null, now],
    );
    const job = this.run(id, streamId).finally(() => this.running.delete(job));
    this.running.add(job);
    return { id, status: 'running' };
  }

  /** The job's progress; auditors see their own jobs, and only failures inside their authority. */
  async get(actor: Actor, id: string) {
    const { rows } = await this.db.query<JobRow>(`SELECT * FROM audit_verifications WHERE id = $1`, [id]);
    const job = rows[0];
    if (!job || (actor.role !== 'admin' && job.requested_by !== actor.id))
      throw new NotFoundError({ zh: '校验任务', en: 'Verification' }, { id });
    const report = job.report ? await this.redact(actor, job.report) : null;
    const silentMs = this.clock.now().getTime() - job.updated_at.getTime();
    const status = job.status === 'running' && silentMs > ABANDONED_AFTER_MS ? 'abandoned' : job.status;
    return {
      id: job.id,
      streamId: job.stream_id,
      status,
      phase: job.phase,
      eventsChecked: Number(job.events_checked),
      eventsTotal: Number(job.events_total),
      failuresFound: job.failures_found,
      done: status !== 'running',
      ok: job.ok,
      error: job.error,
      startedAt: job.started_at.toISOString(),
      updatedAt: job.updated_at.toISOString(),
      finishedAt: job.finished_at?.toISOString() ?? null,
      report,
    };
  }

  /** Waits for jobs of this process before the database pool closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.running]);
  }

  private async run(id: string, streamId: string | undefined): Promise<void> {
    let lastWrite = 0;
    let writing: Promise<unknown> = Promise.resolve();
    const onProgress = (p: IntegrityProgress) => {
      const now = Date.now();
      if (now - lastWrite < PROGRESS_INTERVAL_MS) return;
      lastWrite = now;
      writing = writing.then(() =>
        this.db.query(
          `UPDATE audit_verifications SET phase = $2, events_checked = $3, events_total = $4, failures_found = $5,
                  updated_at = $6 WHERE id = $1 AND status = 'running'`,
          [id, p.phase, p.checked, p.total, p.failures, this.clock.now()],
        ),
      );
      // Awaited below; until then a failed write (the database went away) must not end the process as unhandled.
      writing.catch(() => undefined);
    };
    const heartbeat = setInterval(() => {
      writing = writing.then(() =>
        this.db.query(`UPDATE audit_verifications SET updated_at = $2 WHERE id = $1 AND status = 'running'`, [
          id,
          this.clock.now(),
        ]),
      );
      writing.catch(() => undefined);
    }, HEARTBEAT_MS);
    try {
      const report = await new IntegrityVerifier(this.db, {
        streamId,
        trustAnchor: this.key,
        onProgress,
      }).run();
      await writing;
      const checked = report.chains.eventsChecked + report.ledger.leavesChecked + report.checkpoints.checked;
      await this.db.query(
        `UPDATE audit_verifications SET status = 'done', phase = 'done', ok = $2, report = $3, failures_found = $4,
                events_checked = $5, events_total = $5, updated_at = $6, finished_at = $6 WHERE id = $1`,
        [id, report.ok, JSON.stringify(report), report.failuresFound, checked, this.clock.now()],
      );
    } catch (error) {
      this.logger.error({ err: error, verificationId: id }, 'verification failed to run');
      await writing.catch(() => undefined);
      await this.db
        .query(
          `UPDATE audit_verifications SET status = 'failed', error = $2, updated_at = $3, finished_at = $3 WHERE id = $1`,
          [id, String(error), this.clock.now()],
        )
        .catch(() => undefined);
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async redact(actor: Actor, report: IntegrityReport): Promise<IntegrityReport> {
    if (actor.role === 'admin') return report;
    const streams = [...new Set(report.failures.flatMap((f) => (f.streamId ? [f.streamId] : [])))];
    const visible = await visibleStreams(this.db, actor, streams);
    const shown: IntegrityFailure[] = report.failures.filter((f) => !f.streamId || visible.has(f.streamId));
    return { ...report, failures: shown };
  }
}
