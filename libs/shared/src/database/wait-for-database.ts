import { Client } from 'pg';
import { databaseFaultOf } from './connection-errors';
import { connectionTimeoutSettings } from './data-source';

export interface BootWait {
  /** Give up after this long; 0: wait for ever (an orchestrator restarting the database will bring it back). */
  maxWaitSeconds: number;
  connectTimeoutMs: number;
  /** First pause between attempts; doubles up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * Waits until the database answers, so that a process started before its database (a host reboot, a compose
 * file, a database restart) comes up by itself instead of exiting. Only "not reachable yet" is retried; a wrong
 * password or a missing database fails at once with the server's message.
 */
export async function waitForDatabase(
  url: string,
  log: (line: string) => void,
  wait: BootWait,
): Promise<void> {
  const started = Date.now();
  let delay = wait.initialDelayMs ?? 250;
  for (let attempt = 1; ; attempt++) {
    const client = new Client({
      connectionString: url,
      application_name: 'credence-boot',
      ...connectionTimeoutSettings({ connectMs: wait.connectTimeoutMs }),
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      await client.query('SELECT 1');
      if (attempt > 1)
        log(`Database reachable after ${attempt} attempts, ${Date.now() - started} ms (数据库已可用)`);
      return;
    } catch (error) {
      if (!databaseFaultOf(error)) throw error;
      const waited = (Date.now() - started) / 1000;
      if (wait.maxWaitSeconds > 0 && waited + delay / 1000 > wait.maxWaitSeconds)
        throw new Error(
          `The database did not become reachable within ${wait.maxWaitSeconds} s (数据库在等待时间内不可达): ${reason(error)}`,
          { cause: error },
        );
      log(
        `Database not reachable yet (数据库暂不可达), attempt ${attempt}: ${reason(error)}; retrying in ${delay} ms`,
      );
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, wait.maxDelayMs ?? 5000);
  }
}

function reason(error: unknown): string {
  const e = error as { code?: string; message?: string };
  return [e?.code, e?.message].filter(Boolean).join(' ') || String(error);
}

/**
 * Runs a start-up step that needs the database (migrations, creating the application) and, when the database goes
 * away in the middle of it, waits until it answers again and runs the step again — instead of exiting half-booted.
 * The steps are safe to repeat: migrations take their advisory lock and skip what ran; an application that failed
 * to start is closed by the step before it throws. Errors other than "the database is away" end the boot at once.
 */
export async function bootThroughOutages<T>(
  step: () => Promise<T>,
  url: string,
  log: (line: string) => void,
  wait: BootWait,
): Promise<T> {
  for (;;) {
    try {
      return await step();
    } catch (error) {
      if (!databaseFaultOf(error)) throw error;
      log(`The database went away during start-up (启动期间数据库中断): ${reason(error)}; waiting for it`);
      await waitForDatabase(url, log, wait);
    }
  }
}
