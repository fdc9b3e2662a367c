import { randomUUID } from 'node:crypto';

/**
 * UUID version 7 (RFC 9562): time-ordered, so new rows land at the right edge of B-tree indexes.
 * `at` comes from the injected clock when the caller has one.
 */
export function uuidv7(at: Date = new Date()): string {
  // randomUUID draws from a cached entropy pool: far cheaper per call than randomBytes(16).
  const bytes = Buffer.from(randomUUID().replace(/-/g, ''), 'hex');
  const ms = BigInt(at.getTime());
  for (let i = 0; i < 6; i++) bytes[i] = Number((ms >> BigInt(8 * (5 - i))) & 0xffn);
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export function isUuid(value: string): boolean {
  return UUID.test(value);
}
