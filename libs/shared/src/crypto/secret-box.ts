import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** Marks a value sealed by SecretBox; a stored value without it was kept before secrets were sealed (plain text). */
const SEALED = 'sealed:v1:';
const IV_BYTES = 12; // NIST SP 800-38D: 96-bit nonces for GCM
const TAG_BYTES = 16;

/** A sealed value names a key this process does not hold (rotated out too early, or another deployment's). */
export class SecretKeyUnknownError extends Error {
  constructor(readonly keyId: string) {
    super(
      `A stored secret is sealed with key ${keyId}, which is not configured (SECRETS_KEY / SECRETS_KEY_PREVIOUS)`,
    );
    this.name = 'SecretKeyUnknownError';
  }
}

/** The first 8 hex digits of the key's SHA-256: names a key in sealed values without revealing it. */
export const secretKeyId = (key: Buffer) => createHash('sha256').update(key).digest('hex').slice(0, 8);

/**
 * Seals secrets the product must keep to use later (a platform's HMAC key) with AES-256-GCM, so a database dump or a
 * replica does not carry them in clear. The context (e.g. the platform's code) is authenticated too: a sealed value
 * copied to another row does not open. Previous keys still open what they sealed, for rotation; `isCurrent` tells
 * which values to seal again under the current key.
 */
export class SecretBox {
  private readonly keys: Map<string, Buffer>;
  readonly currentKeyId: string;

  constructor(
    private readonly current: Buffer,
    previous: Buffer[] = [],
  ) {
    for (const key of [current, ...previous])
      if (key.length !== 32) throw new Error('A secrets key is 32 bytes (AES-256)');
    this.currentKeyId = secretKeyId(current);
    this.keys = new Map([...previous, current].map((key) => [secretKeyId(key), key]));
  }

  seal(plain: string, context: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.current, iv).setAAD(Buffer.from(context, 'utf8'));
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
    return `${SEALED}${this.currentKeyId}:${sealed}`;
  }

  open(stored: string, context: string): string {
    if (!stored.startsWith(SEALED)) return stored;
    const [keyId, sealed = ''] = stored.slice(SEALED.length).split(':');
    const key = this.keys.get(keyId);
    if (!key) throw new SecretKeyUnknownError(keyId);
    const bytes = Buffer.from(sealed, 'base64url');
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, IV_BYTES))
      .setAAD(Buffer.from(context, 'utf8'))
      .setAuthTag(bytes.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]).toString(
      'utf8',
    );
  }

  /** Sealed under the current key (false for plain text kept from before, and for a previous key's values). */
  isCurrent(stored: string): boolean {
    return stored.startsWith(`${SEALED}${this.currentKeyId}:`);
  }
}

/** A key as configured: 32 bytes in base64 (44 characters) or hex (64); undefined when it is neither. */
export function parseSecretsKey(text: string): Buffer | undefined {
  const t = text.trim();
  const key = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, 'hex') : Buffer.from(t, 'base64');
  return key.length === 32 && (t.length === 64 || /^[A-Za-z0-9+/]{43}=$/.test(t)) ? key : undefined;
}
