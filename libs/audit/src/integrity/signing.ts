import {
  createHash,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';

export type SigningAlgorithm = 'ed25519' | 'sm2';

/** What a checkpoint signs. Its text form is what the offline verifier rebuilds, so it never changes. */
export interface CheckpointNote {
  origin: string;
  treeSize: number;
  rootHash: Buffer;
  sealedAt: Date;
}

/**
 * The signed text of a checkpoint, in the manner of a transparency-log "signed note": four lines, each ending in
 * "\n" (UTF-8): the log's origin, the tree size in decimal, the root hash in standard base64 with padding, the
 * sealing instant as ISO 8601 UTC with milliseconds.
 */
export function checkpointNoteText(note: CheckpointNote): string {
  return `${note.origin}\n${note.treeSize}\n${note.rootHash.toString('base64')}\n${note.sealedAt.toISOString()}\n`;
}

/**
 * The text a new key signs about the key it replaces, so a verifier that trusts the current key can trust the
 * keys of older checkpoints without trusting the database's list of keys.
 */
export function keySuccessionText(predecessorKeyId: string, successorKeyId: string): string {
  return `credence audit key succession\n${predecessorKeyId}\n${successorKeyId}\n`;
}

/** Hex SHA-256 of the DER SubjectPublicKeyInfo. */
export function keyIdOf(publicKeyPem: string): string {
  const der = createPublicKey(publicKeyPem).export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex');
}

/** Ed25519 signs the message itself; SM2 signs it with SM3 (GB/T 32918 as OpenSSL 3 implements it). */
const digestOf = (algorithm: SigningAlgorithm) => (algorithm === 'sm2' ? 'sm3' : null);

export function verifySignature(
  algorithm: SigningAlgorithm,
  publicKeyPem: string,
  text: string,
  signature: Buffer,
): boolean {
  try {
    return verify(digestOf(algorithm), Buffer.from(text, 'utf8'), createPublicKey(publicKeyPem), signature);
  } catch {
    return false;
  }
}

/** The sealer's key pair. The private half never leaves this object. */
export class SigningKey {
  readonly publicKeyPem: string;
  readonly keyId: string;

  private constructor(
    readonly algorithm: SigningAlgorithm,
    private readonly privateKey: KeyObject,
  ) {
    this.publicKeyPem = createPublicKey(privateKey).export({ type: 'spki', format: 'pem' }).toString();
    this.keyId = keyIdOf(this.publicKeyPem);
  }

  /**
   * From PKCS#8 PEM. Always through PEM: OpenSSL treats a freshly generated SM2-curve key as plain EC (ECDSA over
   * SM3) but a parsed one as SM2, and the two signatures do not verify against each other.
   */
  static fromPem(algorithm: SigningAlgorithm, pem: string): SigningKey {
    const key = createPrivateKey(pem);
    if (algorithm === 'ed25519' && key.asymmetricKeyType !== 'ed25519')
      throw new Error(
        `AUDIT_SIGNING_KEY is not an Ed25519 key (it is ${key.asymmetricKeyType ?? 'unknown'})`,
      );
    if (algorithm === 'sm2' && key.asymmetricKeyType === 'ed25519')
      throw new Error('AUDIT_SIGNING_KEY is an Ed25519 key, not an SM2 key');
    const signer = new SigningKey(algorithm, key);
    // Catches a key of another curve given as SM2: it would sign, but nothing could verify it.
    const probe = signer.sign('probe');
    if (!verifySignature(algorithm, signer.publicKeyPem, 'probe', probe))
      throw new Error(`AUDIT_SIGNING_KEY cannot make ${algorithm} signatures`);
    return signer;
  }

  /** A new random key, as PKCS#8 PEM. */
  static generatePem(algorithm: SigningAlgorithm): string {
    const { privateKey } =
      algorithm === 'sm2' ? generateKeyPairSync('ec', { namedCurve: 'SM2' }) : generateKeyPairSync('ed25519');
    return privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
  }

  /** An Ed25519 key derived from a seed text: the same in every test run, never used outside tests. */
  static deterministicEd25519(seed: string): SigningKey {
    const raw = createHash('sha256').update(seed).digest();
    const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
    const key = createPrivateKey({ key: Buffer.concat([pkcs8Prefix, raw]), format: 'der', type: 'pkcs8' });
    return new SigningKey('ed25519', key);
  }

  sign(text: string): Buffer {
    return sign(digestOf(this.algorithm), Buffer.from(text, 'utf8'), this.privateKey);
  }
}
