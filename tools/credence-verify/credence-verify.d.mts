// Types of credence-verify.mjs for the tests that import it; the auditor needs only the .mjs.

export const FORMAT: string;

export interface BundleFailure {
  check: string;
  problem: string;
  message: string;
  streamId?: string;
  streamVersion?: number;
  ledgerIndex?: number;
  treeSize?: number;
  keyId?: string;
  expected?: string;
  actual?: string;
}

export interface BundleReport {
  ok: boolean;
  failures: BundleFailure[];
  warnings: string[];
  summary: Record<string, unknown>;
}

export interface JsonEvent {
  streamId: string;
  streamVersion: number;
  eventId: string;
  type: string;
  schemaVersion: number;
  data: unknown;
  metadata: unknown;
  recordedAt: string;
  hashAlgorithm: string;
  prevHash: string;
}

export function canonicalJson(value: unknown): string;
export function canonicalEvent(event: JsonEvent): string;
export function eventHash(event: JsonEvent): string;
export function leafHash(data: Buffer): Buffer;
export function nodeHash(left: Buffer, right: Buffer): Buffer;
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Buffer,
  path: Buffer[],
  root: Buffer,
): boolean;
export function verifyConsistency(
  first: number,
  second: number,
  firstRoot: Buffer,
  secondRoot: Buffer,
  proof: Buffer[],
): boolean;
export function checkpointNoteText(checkpoint: {
  origin: string;
  treeSize: number;
  rootHash: string;
  sealedAt: string;
}): string;
export function keyIdOf(publicKeyPem: string): string;
export function verifySignature(
  algorithm: string,
  publicKeyPem: string,
  text: string,
  signatureBase64: string,
): boolean;
export function verifyBundle(
  bundle: unknown,
  options?: { trustedKeyId?: string; trustedPublicKey?: string },
): BundleReport;
export function describe(failure: BundleFailure): string;
