import { Injectable } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { Clock, Database, metricsRegistry } from '@credence/shared';

interface PlatformCounts {
  platform: string;
  pending: number;
  oldest_seconds: number;
  dead: number;
  overdue: number;
}

/** The latest instance's reader: gauges read the database when /metrics is scraped (any process sees all rows). */
let readCounts: (() => Promise<PlatformCounts[]>) | null = null;
let lastCounts: Promise<PlatformCounts[] | null> | null = null;

/** One grouped query serves the four gauges of one scrape. */
function countsOfThisScrape(): Promise<PlatformCounts[] | null> {
  if (!lastCounts && readCounts) {
    lastCounts = readCounts().catch(() => null);
    void lastCounts.finally(() => setTimeout(() => (lastCounts = null), 0));
  }
  return lastCounts ?? Promise.resolve(null);
}

function gauge(name: string, help: string, pick: (c: PlatformCounts) => number): void {
  if (metricsRegistry.getSingleMetric(name)) return;
  new Gauge({
    name,
    help,
    labelNames: ['platform'] as const,
    registers: [metricsRegistry],
    async collect() {
      const counts = await countsOfThisScrape();
      if (!counts) return;
      this.reset();
      for (const c of counts) this.set({ platform: c.platform }, pick(c));
    },
  });
}

gauge('credence_delivery_pending', 'Outbox rows waiting for delivery, by platform', (c) => c.pending);
gauge(
  'credence_delivery_oldest_pending_age_seconds',
  'Age of the oldest row waiting for delivery, by platform',
  (c) => c.oldest_seconds,
);
gauge('credence_delivery_dead_letters', 'Dead-lettered deliveries waiting for an operator', (c) => c.dead);
gauge(
  'credence_delivery_confirmations_overdue',
  'Deliveries not confirmed (执行反馈) within the statutory sync limit, by platform',
  (c) => c.overdue,
);

const attempts =
  (metricsRegistry.getSingleMetric('credence_delivery_attempts_total') as Counter<'platform' | 'outcome'>) ??
  new Counter({
    name: 'credence_delivery_attempts_total',
    help: 'Delivery attempts made by this process, by platform and outcome',
    labelNames: ['platform', 'outcome'] as const,
    registers: [metricsRegistry],
  });

/** Prometheus metrics of delivery (ADR 0025). */
@Injectable()
export class DeliveryMetrics {
  constructor(db: Database, clock: Clock) {
    readCounts = async () => {
      const { rows } = await db.query<PlatformCounts>(
        `SELECT platform_code AS platform,
                count(*) FILTER (WHERE status = 'pending')::int AS pending,
                coalesce(extract(epoch FROM $1::timestamptz - min(created_at) FILTER (WHERE status = 'pending')), 0)::float8
                  AS oldest_seconds,
                count(*) FILTER (WHERE status = 'dead')::int AS dead,
                count(*) FILTER (WHERE status IN ('pending', 'delivered') AND sync_due_at <= $1)::int AS overdue
           FROM outbox WHERE platform_code IS NOT NULL AND status IN ('pending', 'delivered', 'dead')
          GROUP BY platform_code`,
        [clock.now()],
      );
      return rows;
    };
  }

  attempted(platform: string, outcome: 'delivered' | 'failed' | 'deadLettered'): void {
    attempts.inc({ platform, outcome });
  }
}
