import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { Env, isUuid } from '@credence/shared';
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
  constructor(
    private readonly jwt: JwtService,
    private readonly env: Env,
  ) {}

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
      secret: this.env.JWT_SECRET,
      algorithm: 'HS256',
      expiresIn: this.env.JWT_TTL_SECONDS,
    });
  }

  /** The token's payload, or AUTH.TOKEN_EXPIRED / AUTH.UNAUTHENTICATED. */
  async verify(token: string): Promise<TokenPayload> {
    try {
      const payload = await this.jwt.verifyAsync<TokenPayload>(token, {
        secret: this.env.JWT_SECRET,
        algorithms: ['HS256'],
      });
      if (typeof payload.sub !== 'string' || !isUuid(payload.sub)) throw new UnauthenticatedError();
      return payload;
    } catch (error) {
      if ((error as { name?: string }).name === 'TokenExpiredError') throw new TokenExpiredError();
      throw new UnauthenticatedError();
    }
  }
}
