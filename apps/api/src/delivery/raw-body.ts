import type { IncomingMessage } from 'node:http';

/** Requests whose raw bytes a handler verifies a signature over (platform receipts, ADR 0025). */
const SIGNED_PATH = /^\/api\/v1\/deliveries\/[^/]+\/receipt(\?|$)/;

/** Keeps the exact body bytes of a signed request beside the parsed body: JSON re-serialised would not match. */
export function keepSignedRawBody(req: IncomingMessage, raw: Buffer): void {
  if (req.url && SIGNED_PATH.test(req.url)) (req as IncomingMessage & { rawBody?: Buffer }).rawBody = raw;
}
