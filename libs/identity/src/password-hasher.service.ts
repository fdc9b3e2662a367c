import { Injectable } from '@nestjs/common';
import { hash, verify } from '@node-rs/argon2';

/**
 * argon2id with the library defaults (m=19 MiB, t=2, p=1: the OWASP minimum). `algorithm` is left at its default,
 * Argon2id, because the package's `Algorithm` is a const enum that per-file transpilers (swc) cannot inline.
 */
@Injectable()
export class PasswordHasher {
  private dummy?: Promise<string>;

  hash(password: string): Promise<string> {
    return hash(password);
  }

  async verify(passwordHash: string, password: string): Promise<boolean> {
    try {
      return await verify(passwordHash, password);
    } catch {
      return false; // a malformed stored hash never logs anyone in
    }
  }

  /** Spends the time a real check takes, for unknown usernames, so timing does not reveal which names exist. */
  async burn(password: string): Promise<false> {
    this.dummy ??= hash('credence-dummy-password-for-timing');
    await this.verify(await this.dummy, password);
    return false;
  }
}
