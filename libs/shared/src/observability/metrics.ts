import { collectDefaultMetrics, Registry } from 'prom-client';

/** One Prometheus registry per process, served at /metrics; libs register their own metrics on it. */
export const metricsRegistry = new Registry();
collectDefaultMetrics({ register: metricsRegistry });
