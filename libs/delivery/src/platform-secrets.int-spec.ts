import { ManualClock, SecretBox } from '@credence/shared';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { DeliveryPlatforms, fingerprint } from './platforms';

const ADMIN = { id: 'admin-1', role: 'admin' };
const SECRET = 'platform-hmac-secret-0123456789abcdef';
const setting = { name: '信用中国', transport: 'http' as const, endpoint: 'http://127.0.0.1:9/receive' };

/* A platform's HMAC key is kept sealed (AES-256-GCM with SECRETS_KEY): a dump of the table does not sign anything. */
describe('platform secrets at rest (PostgreSQL)', () => {
  let t: TestDatabase;
  const clock = new ManualClock(new Date('2026-06-01T02:00:00Z'));
  const stored = async (code: string) =>
    (
      await t.superuser.query<{ secret: string }>(`SELECT secret FROM delivery_platforms WHERE code = $1`, [
        code,
      ])
    ).rows[0].secret;

  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('stores the secret sealed, hands it to the relay in clear, and shows only its fingerprint', async () => {
    const platforms = new DeliveryPlatforms(t.db, clock, new SecretBox(Buffer.alloc(32, 7)));
    const { platform } = await platforms.put('credit-china', { ...setting, secret: SECRET }, ADMIN);
    expect(await stored('credit-china')).toMatch(/^sealed:v1:/);
    expect(await stored('credit-china')).not.toContain(SECRET);
    expect((await platforms.withSecret('credit-china'))?.secret).toBe(SECRET);
    expect(platform.secretFingerprint).toBe(fingerprint(SECRET));
    // A change that leaves the secret out keeps it, and the change record says it did not change.
    await platforms.put('credit-china', { ...setting, name: '信用中国（国家）' }, ADMIN);
    expect((await platforms.withSecret('credit-china'))?.secret).toBe(SECRET);
    expect((await platforms.history('credit-china')).map((c) => c.secretChanged)).toEqual([true, false]);
  });

  it('seals a secret kept in clear before sealing existed, and what a rotated-out key sealed, on start', async () => {
    const oldKey = Buffer.alloc(32, 8);
    const newKey = Buffer.alloc(32, 9);
    await t.superuser.query(
      `INSERT INTO delivery_platforms (code, name, transport, endpoint, secret, created_at, updated_at, updated_by)
       VALUES ('legacy', '旧平台', 'http', 'http://127.0.0.1:9/x', $1, now(), now(), 'admin-1')`,
      [SECRET],
    );
    await new DeliveryPlatforms(t.db, clock, new SecretBox(oldKey)).put(
      'rotated',
      { ...setting, secret: SECRET },
      ADMIN,
    );
    const rotating = new DeliveryPlatforms(t.db, clock, new SecretBox(newKey, [oldKey, Buffer.alloc(32, 7)]));
    await rotating.onApplicationBootstrap();
    const box = new SecretBox(newKey);
    for (const code of ['legacy', 'rotated', 'credit-china']) {
      expect(box.isCurrent(await stored(code))).toBe(true);
      expect(box.open(await stored(code), code)).not.toBe('');
    }
    expect((await rotating.withSecret('legacy'))?.secret).toBe(SECRET);
    expect(await rotating.sealAgain()).toBe(0); // nothing left to seal: a second process starting does nothing
  });
});
