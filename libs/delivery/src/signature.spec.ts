import { signature, signatureMatches, timestampFresh } from './signature';

describe('delivery signature', () => {
  // The worked example of docs/integration.md: a receiver can check its own implementation against it.
  const secret = 'whsec-credit-china-2026';
  const timestamp = '1780279200';
  const body = '{"messageId":"0190d5d0-0000-7000-8000-000000000001","happened":{"code":"repaired"}}';

  it('is sha256= and the hex HMAC-SHA256 of timestamp.body', () => {
    expect(signature(secret, timestamp, body)).toBe(
      'sha256=067e108bbc0330d430b8766a242e3b82ac0f6267496f32fd1ce69b360b7abedb',
    );
  });

  it('matches only the same secret, time and bytes', () => {
    const s = signature(secret, timestamp, body);
    expect(signatureMatches(secret, timestamp, body, s)).toBe(true);
    expect(signatureMatches('other', timestamp, body, s)).toBe(false);
    expect(signatureMatches(secret, '1780279201', body, s)).toBe(false);
    expect(signatureMatches(secret, timestamp, `${body} `, s)).toBe(false);
    expect(signatureMatches(secret, timestamp, body, 'sha256=00')).toBe(false);
  });

  it('refuses a timestamp more than five minutes away from now', () => {
    const now = new Date(1780279200 * 1000);
    expect(timestampFresh('1780279200', now)).toBe(true);
    expect(timestampFresh('1780278900', now)).toBe(true);
    expect(timestampFresh('1780278899', now)).toBe(false);
    expect(timestampFresh('1780279501', now)).toBe(false);
    expect(timestampFresh('abc', now)).toBe(false);
  });
});
