import { createHash } from 'node:crypto';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { Clock, Database, DomainError, NotFoundError, SecretBox, type Sql } from '@credence/shared';

export type PlatformTransport = 'http' | 'nats';

/** What an admin sends to register or change a platform. The secret may be left out of a change (kept as it is). */
export interface PlatformSetting {
  name: string;
  transport: PlatformTransport;
  endpoint: string;
  secret?: string;
}

/** A platform as shown: never its secret, only whether one is set and a short fingerprint to compare with. */
export interface PlatformView {
  code: string;
  name: string;
  transport: PlatformTransport;
  endpoint: string;
  secretSet: boolean;
  secretFingerprint: string;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

/** A platform with its signing key, for the relay and the receipt check only. */
export interface PlatformWithSecret {
  code: string;
  name: string;
  transport: PlatformTransport;
  endpoint: string;
  secret: string;
}

export interface PlatformChange {
  change: 'registered' | 'changed';
  name: string;
  transport: PlatformTransport;
  endpoint: string;
  secretChanged: boolean;
  secretFingerprint: string;
  actorId: string;
  actorRole: string;
  changedAt: string;
}

interface PlatformRow {
  code: string;
  name: string;
  transport: PlatformTransport;
  endpoint: string;
  secret: string;
  created_at: Date;
  updated_at: Date;
  updated_by: string;
}

/** The first 12 hex digits of the secret's SHA-256: enough to tell two secrets apart, useless to sign with. */
export const fingerprint = (secret: string) => createHash('sha256').update(secret).digest('hex').slice(0, 12);

export class PlatformSettingInvalidError extends DomainError {
  constructor(field: string, message: { zh: string; en: string }) {
    super({
      code: 'PLATFORM.INVALID_SETTING',
      status: 422,
      message: { zh: `平台设置无效：${message.zh}`, en: `Invalid platform setting: ${message.en}` },
      fieldErrors: [{ field, code: 'PLATFORM.INVALID_SETTING', message }],
    });
  }
}

/** Where a transport delivers: an http(s) URL, or a NATS subject (dot-separated tokens, no wildcards). */
function checkEndpoint(transport: PlatformTransport, endpoint: string): void {
  if (transport === 'http') {
    let url: URL | null;
    try {
      url = new URL(endpoint);
    } catch {
      url = null;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password)
      throw new PlatformSettingInvalidError('endpoint', {
        zh: 'HTTP 推送地址须为不含用户名和密码的 http(s) 网址',
        en: 'an HTTP endpoint is an http(s) URL without user name or password',
      });
  } else if (!/^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)*$/.test(endpoint)) {
    throw new PlatformSettingInvalidError('endpoint', {
      zh: 'NATS 推送地址须为主题名（以点分隔，不含通配符），如 credence.credit-china',
      en: 'a NATS endpoint is a subject (dot-separated, no wildcards), e.g. credence.credit-china',
    });
  }
}

/**
 * Downstream platforms as data (ADR 0025): registered by an admin under the code that authority settings and
 * outbox rows name (`credit-china` …). Each change is recorded with who made it; secrets are HMAC keys the relay
 * signs with, so they are kept — sealed with SECRETS_KEY (AES-256-GCM, bound to the platform's code) — but never
 * returned, logged or copied into the change record (only a fingerprint).
 */
@Injectable()
export class DeliveryPlatforms implements OnApplicationBootstrap {
  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
    private readonly box: SecretBox,
  ) {}

  /** Seals what was kept in clear before sealing existed, and what a rotated-out key sealed, under the current key. */
  async onApplicationBootstrap(): Promise<void> {
    await this.sealAgain();
  }

  async sealAgain(): Promise<number> {
    const { rows } = await this.db.query<{ code: string; secret: string }>(
      `SELECT code, secret FROM delivery_platforms`,
    );
    let sealed = 0;
    for (const r of rows.filter((row) => !this.box.isCurrent(row.secret))) {
      const plain = this.box.open(r.secret, r.code);
      // Only if nobody changed it meanwhile (another process sealing it too, or an admin's change).
      const { rowCount } = await this.db.query(
        `UPDATE delivery_platforms SET secret = $3 WHERE code = $1 AND secret = $2`,
        [r.code, r.secret, this.box.seal(plain, r.code)],
      );
      sealed += rowCount ?? 0;
    }
    return sealed;
  }

  async list(): Promise<PlatformView[]> {
    const { rows } = await this.db.query<PlatformRow>(`SELECT * FROM delivery_platforms ORDER BY code`);
    return rows.map((r) => this.view(r));
  }

  async get(code: string): Promise<PlatformView> {
    return this.view(await this.row(code));
  }

  /** With the secret: the relay signs with it, the receipt check verifies with it. */
  async withSecret(code: string, sql: Sql = this.db): Promise<PlatformWithSecret | null> {
    const { rows } = await sql.query<PlatformRow>(`SELECT * FROM delivery_platforms WHERE code = $1`, [code]);
    const r = rows[0];
    return r
      ? {
          code: r.code,
          name: r.name,
          transport: r.transport,
          endpoint: r.endpoint,
          secret: this.box.open(r.secret, r.code),
        }
      : null;
  }

  /** Registers the platform, or changes it; answers whether it was new. */
  async put(
    code: string,
    setting: PlatformSetting,
    actor: { id: string; role: string },
  ): Promise<{ platform: PlatformView; created: boolean }> {
    checkEndpoint(setting.transport, setting.endpoint);
    const now = this.clock.now();
    return this.db.transaction(async (tx) => {
      const { rows } = await tx.query<PlatformRow>(
        `SELECT * FROM delivery_platforms WHERE code = $1 FOR UPDATE`,
        [code],
      );
      const before = rows[0];
      if (!before && !setting.secret)
        throw new PlatformSettingInvalidError('secret', {
          zh: '首次登记平台须提供签名密钥',
          en: 'a secret is required when a platform is first registered',
        });
      const previous = before ? this.box.open(before.secret, code) : undefined;
      const secret = setting.secret ?? previous!;
      const { rows: saved } = await tx.query<PlatformRow>(
        `INSERT INTO delivery_platforms (code, name, transport, endpoint, secret, created_at, updated_at, updated_by)
         VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
         ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, transport = EXCLUDED.transport,
           endpoint = EXCLUDED.endpoint, secret = EXCLUDED.secret, updated_at = EXCLUDED.updated_at,
           updated_by = EXCLUDED.updated_by
         RETURNING *`,
        [code, setting.name, setting.transport, setting.endpoint, this.box.seal(secret, code), now, actor.id],
      );
      await tx.query(
        `INSERT INTO delivery_platform_changes (platform_code, change, name, transport, endpoint, secret_changed,
                                                secret_fingerprint, actor_id, actor_role, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
        [
          code,
          before ? 'changed' : 'registered',
          setting.name,
          setting.transport,
          setting.endpoint,
          previous !== secret,
          fingerprint(secret),
          actor.id,
          actor.role,
          now,
        ],
      );
      return { platform: this.view(saved[0]), created: !before };
    });
  }

  /** Who registered or changed the platform, and what, oldest first (for auditors). */
  async history(code: string): Promise<PlatformChange[]> {
    await this.row(code);
    const { rows } = await this.db.query<{
      change: 'registered' | 'changed';
      name: string;
      transport: PlatformTransport;
      endpoint: string;
      secret_changed: boolean;
      secret_fingerprint: string;
      actor_id: string;
      actor_role: string;
      changed_at: Date;
    }>(`SELECT * FROM delivery_platform_changes WHERE platform_code = $1 ORDER BY id`, [code]);
    return rows.map((r) => ({
      change: r.change,
      name: r.name,
      transport: r.transport,
      endpoint: r.endpoint,
      secretChanged: r.secret_changed,
      secretFingerprint: r.secret_fingerprint,
      actorId: r.actor_id,
      actorRole: r.actor_role,
      changedAt: r.changed_at.toISOString(),
    }));
  }

  private async row(code: string): Promise<PlatformRow> {
    const { rows } = await this.db.query<PlatformRow>(`SELECT * FROM delivery_platforms WHERE code = $1`, [
      code,
    ]);
    if (!rows[0]) throw new NotFoundError({ zh: '推送平台', en: 'Platform' }, { code });
    return rows[0];
  }

  private view(r: PlatformRow): PlatformView {
    const secret = this.box.open(r.secret, r.code);
    return {
      code: r.code,
      name: r.name,
      transport: r.transport,
      endpoint: r.endpoint,
      secretSet: secret.length > 0,
      secretFingerprint: fingerprint(secret),
      createdAt: r.created_at.toISOString(),
      updatedAt: r.updated_at.toISOString(),
      updatedBy: r.updated_by,
    };
  }
}
