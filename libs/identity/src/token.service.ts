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
    try {
      const payload = await this.jwt.verifyAsync<TokenPayload>(token, {
        secret: this.key as unknown as string,
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
