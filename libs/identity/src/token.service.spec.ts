import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { JwtService } from '@nestjs/jwt';
import { loadEnv } from '@credence/shared';
import type { Actor } from './actor';
import { TokenExpiredError, UnauthenticatedError } from './identity.errors';
import { TokenService } from './token.service';

const actor = {
  id: '0190a000-0000-7000-8000-000000000001',
  role: 'officer',
  authorityCode: '320830',
  subjectCode: null,
} as unknown as Actor;

function service(ttlSeconds = 60, secret = 'vJ3q8Zt0yKc5Lw7NbRr2XhUe9GfPaDs4MiTo1Ek6'): TokenService {
  const env = loadEnv({ NODE_ENV: 'test', JWT_SECRET: secret, JWT_TTL_SECONDS: String(ttlSeconds) });
  return new TokenService(new JwtService({}), env);
}

/** A token kept as verified answers from memory; what it must still refuse, it refuses. */
describe('TokenService: tokens verified once', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers a repeated token from memory and still expires it at its exp, to the second', async () => {
    const start = Date.UTC(2026, 11, 4, 8, 0, 0);
    jest.useFakeTimers({ now: start, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    const tokens = service(60);
    const token = await tokens.issue(actor);
    const first = await tokens.verify(token);
    expect(first).toMatchObject({ sub: actor.id, role: 'officer', authorityCode: '320830' });
    expect(await tokens.verify(token)).toBe(first); // the kept payload, not a second parse
    expect(Object.isFrozen(first)).toBe(true);

    jest.setSystemTime(start + 59_999);
    await expect(tokens.verify(token)).resolves.toBe(first);
    jest.setSystemTime(start + 60_000);
    await expect(tokens.verify(token)).rejects.toBeInstanceOf(TokenExpiredError);
    await expect(tokens.verify(token)).rejects.toBeInstanceOf(TokenExpiredError); // and after it was dropped
  });

  it('refuses an altered copy of a kept token, and a token signed with another secret', async () => {
    const tokens = service();
    const token = await tokens.issue(actor);
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    await expect(tokens.verify(`${header}.${payload}.${flipped}`)).rejects.toBeInstanceOf(
      UnauthenticatedError,
    );
    const foreign = await service(60, 'Xq2w9Lr5Tz8Mb3Nc7Vd1Kf6Jg4Hh0Pa2Ss5Du8Ey').issue(actor);
    await expect(tokens.verify(foreign)).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('keeps at most 10,000 tokens, the oldest going first', async () => {
    const tokens = service();
    const kept = (tokens as unknown as { verified: Map<string, unknown> }).verified;
    const first = await tokens.issue({ ...actor, id: '0190a000-0000-7000-8000-000000000000' });
    await tokens.verify(first);
    for (let i = 1; i <= 10_000; i++) {
      const id = `0190a000-0000-7000-8000-${String(i).padStart(12, '0')}`;
      await tokens.verify(await tokens.issue({ ...actor, id }));
    }
    expect(kept.size).toBe(10_000);
    expect(kept.has(first)).toBe(false);
    await expect(tokens.verify(first)).resolves.toMatchObject({
      sub: '0190a000-0000-7000-8000-000000000000',
    });
  });
});
