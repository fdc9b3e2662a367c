import { createSecretKey, type KeyObject } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Env, isUuid, jwtSecretOf } from '@credence/shared';
import type { Actor, Role } from './actor';
import { TokenExpiredError, UnauthenticatedError } from './identity.errors';

export interface TokenPayload {
  sub: string;
  role: Role;
  authorityCode: string | null;
  subjectCode: string | null;
}

/**
 * HS256 access tokens. Expiry runs on the wall clock, not the injected business Clock: token lifetime is transport
 * security, and tests that move business time by months must not log everyone out.
 */
@Injectable()
export class TokenService {
  // A KeyObject, made once: given a string, jsonwebtoken re-derives the key type on every call, which costs more
  // than the HMAC itself.
  private readonly key: KeyObject;
  /**
   * Tokens already verified, by their exact text. The HMAC covers every byte of the text, so the same text verifies
   * the same way until it expires: a repeated bearer skips the JOSE parsing and the HMAC (≈ 5 % of the API's CPU at
   * the authenticated floor, docs/performance.md). Deactivation does not depend on it: the guard reads the account
   * (AccountCache) after the token on every request. Bounded; the oldest entry goes first.
   */
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(
    private readonly jwt: JwtService,
    private readonly env: Env,
  ) {
    const logger = new Logger('TokenSecret');
    this.key = createSecretKey(
      Buffer.from(
        jwtSecretOf(env, (line) => logger.warn(line)),
        'utf8',
      ),
    );
  }

  get ttlSeconds(): number {
    return this.env.JWT_TTL_SECONDS;
  }

  issue(actor: Actor): Promise<string> {
    const payload: TokenPayload = {
      sub: actor.id,
      role: actor.role,
      authorityCode: actor.authorityCode,
      subjectCode: actor.subjectCode,
    };
    return this.jwt.signAsync(payload, {
      secret: this.key as unknown as string,
      algorithm: 'HS256',
      expiresIn: this.env.JWT_TTL_SECONDS,
    });
  }

  /** The token's payload, or AUTH.TOKEN_EXPIRED / AUTH.UNAUTHENTICATED. */
  async verify(token: string): Promise<TokenPayload> {
    const known = this.verified.get(token);
    if (known) {
      if (!expired(known.exp)) return known.payload;
      this.verified.delete(token);
      throw new TokenExpiredError();
    }
    let payload: TokenPayload & { exp?: number };
    try {
      payload = await this.jwt.verifyAsync<TokenPayload & { exp?: number }>(token, {
        secret: this.key as unknown as string,
        algorithms: ['HS256'],
      });
    } catch (error) {
      if ((error as { name?: string }).name === 'TokenExpiredError') throw new TokenExpiredError();
      throw new UnauthenticatedError();
    }
    if (typeof payload.sub !== 'string' || !isUuid(payload.sub)) throw new UnauthenticatedError();
    // Every token this service issues expires; one without exp is verified each time rather than kept for good.
    if (typeof payload.exp === 'number') this.remember(token, Object.freeze(payload), payload.exp);
    return payload;
  }

  private remember(token: string, payload: TokenPayload, exp: number): void {
    if (this.verified.size >= VERIFIED_TOKENS_KEPT)
      this.verified.delete(this.verified.keys().next().value as string);
    this.verified.set(token, { payload, exp });
  }
}

const VERIFIED_TOKENS_KEPT = 10_000;

interface VerifiedToken {
  payload: TokenPayload;
  /** Seconds since the epoch (the token's exp claim). */
  exp: number;
}

/** jsonwebtoken's own test: expired from the second `exp` names (wall clock, whole seconds). */
const expired = (exp: number) => Math.floor(Date.now() / 1000) >= exp;
