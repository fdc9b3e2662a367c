import { loadEnv, TEST_SECRETS_KEY } from '@credence/shared';
import { checkpointNoteText, keyIdOf, keySuccessionText, SigningKey, verifySignature } from './signing';
import { loadSigningKey } from './signing-key-loader';
import { trustedKeys, type PublishedKey } from './signing-keys';

const note = {
  origin: 'credence.audit.ledger',
  treeSize: 1234,
  rootHash: Buffer.alloc(32, 0xab),
  sealedAt: new Date('2026-06-01T02:00:00Z'),
};

function published(key: SigningKey, predecessor: SigningKey | null, signer = key): PublishedKey {
  return {
    keyId: key.keyId,
    algorithm: key.algorithm,
    publicKey: key.publicKeyPem,
    registeredAt: '2026-06-01T00:00:00.000Z',
    predecessorKeyId: predecessor?.keyId ?? null,
    successionSignature: predecessor
      ? signer.sign(keySuccessionText(predecessor.keyId, key.keyId)).toString('base64')
      : null,
  };
}

const anchor = (k: SigningKey) => ({ keyId: k.keyId, algorithm: k.algorithm, publicKey: k.publicKeyPem });

describe('checkpoint signatures', () => {
  it('signs the documented note text', () => {
    expect(checkpointNoteText(note)).toBe(
      `credence.audit.ledger\n1234\n${Buffer.alloc(32, 0xab).toString('base64')}\n2026-06-01T02:00:00.000Z\n`,
    );
  });

  it.each(['ed25519', 'sm2'] as const)(
    'makes and checks %s signatures; any change breaks them',
    (algorithm) => {
      const key = SigningKey.fromPem(algorithm, SigningKey.generatePem(algorithm));
      const text = checkpointNoteText(note);
      const signature = key.sign(text);
      expect(verifySignature(algorithm, key.publicKeyPem, text, signature)).toBe(true);
      expect(verifySignature(algorithm, key.publicKeyPem, text.replace('1234', '1235'), signature)).toBe(
        false,
      );
      const other = SigningKey.fromPem(algorithm, SigningKey.generatePem(algorithm));
      expect(verifySignature(algorithm, other.publicKeyPem, text, signature)).toBe(false);
      expect(key.keyId).toBe(keyIdOf(key.publicKeyPem));
      expect(key.keyId).toMatch(/^[0-9a-f]{64}$/);
    },
  );

  it('refuses a key of the wrong algorithm', () => {
    expect(() => SigningKey.fromPem('ed25519', SigningKey.generatePem('sm2'))).toThrow(/not an Ed25519/);
    expect(() => SigningKey.fromPem('sm2', SigningKey.generatePem('ed25519'))).toThrow(/not an SM2/);
  });

  it('derives the same test key every time; production without a key is a configuration error', () => {
    const env = loadEnv({ NODE_ENV: 'test' });
    expect(loadSigningKey(env, () => undefined).keyId).toBe(loadSigningKey(env, () => undefined).keyId);
    const secret = 'a-real-secret-of-at-least-32-characters!';
    const production = loadEnv({ NODE_ENV: 'production', JWT_SECRET: secret, SECRETS_KEY: TEST_SECRETS_KEY });
    expect(() => loadSigningKey(production, () => undefined)).toThrow(/AUDIT_SIGNING_KEY/);
    const pem = SigningKey.generatePem('sm2');
    const configured = loadEnv({
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      SECRETS_KEY: TEST_SECRETS_KEY,
      AUDIT_SIGNING_KEY: pem,
      AUDIT_SIGNING_ALGORITHM: 'sm2',
    });
    expect(loadSigningKey(configured, () => undefined).algorithm).toBe('sm2');
  });
});

describe('key history', () => {
  const k1 = SigningKey.deterministicEd25519('k1');
  const k2 = SigningKey.deterministicEd25519('k2');
  const k3 = SigningKey.fromPem('sm2', SigningKey.generatePem('sm2'));
  const mallory = SigningKey.deterministicEd25519('mallory');

  it('trusts older keys through the signed succession back from the trusted key', () => {
    const keys = [published(k1, null), published(k2, k1), published(k3, k2)];
    expect([...trustedKeys(anchor(k3), keys).keys()]).toEqual([k3.keyId, k2.keyId, k1.keyId]);
    expect([...trustedKeys(anchor(k2), keys).keys()]).toEqual([k2.keyId, k1.keyId]);
  });

  it('does not trust a key merely listed, or a succession signed by the wrong key', () => {
    const keys = [published(k1, null), published(mallory, k1), published(k2, mallory, mallory)];
    expect([...trustedKeys(anchor(k2), keys).keys()]).toEqual([k2.keyId]);
    const tampered = { ...published(k1, null), publicKey: mallory.publicKeyPem };
    expect([...trustedKeys(anchor(k2), [tampered, published(k2, k1)]).keys()]).toEqual([k2.keyId]);
  });
});
