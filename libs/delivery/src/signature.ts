import { createHmac, timingSafeEqual } from 'node:crypto';

/** Receipts older or newer than this are refused (a captured request cannot be replayed later). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

/**
 * The signature of a message or receipt (ADR 0025, docs/integration.md): `sha256=` and the hex HMAC-SHA256, keyed by
 * the platform's secret, of the Unix-seconds timestamp, a dot and the exact body bytes. Binding the timestamp stops a
 * receiver from accepting an old body with a new time.
 */
export function signature(secret: string, timestamp: string | number, body: string | Buffer): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `sha256=${mac}`;
}

/** Constant-time comparison of a presented signature with the one the secret gives. */
export function signatureMatches(
  secret: string,
  timestamp: string,
  body: string | Buffer,
  presented: string,
): boolean {
  const expected = Buffer.from(signature(secret, timestamp, body));
  const given = Buffer.from(presented);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Whether a Unix-seconds timestamp is a whole number within the tolerance of now. */
export function timestampFresh(timestamp: string, now: Date): boolean {
  if (!/^[0-9]{1,12}$/.test(timestamp)) return false;
  return Math.abs(Number(timestamp) - Math.floor(now.getTime() / 1000)) <= SIGNATURE_TOLERANCE_SECONDS;
}
