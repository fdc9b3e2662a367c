import { Injectable } from '@nestjs/common';
import { Clock, Database, DomainError, isUniqueViolation, beijingDateOf } from '@credence/shared';
import { POLICY_CATALOGUE, type PolicyKey, type PolicyValues } from './policy-catalogue';
import { policyInForce, type PolicySetting } from './policy-in-force';

const CACHE_MS = 5_000;

export class UnknownPolicyError extends DomainError {
  constructor(key: string) {
    super({
      code: 'POLICY.UNKNOWN_KEY',
      status: 422,
      message: { zh: `没有名为“${key}”的单位设置`, en: `There is no authority setting named "${key}"` },
      details: { key, known: Object.keys(POLICY_CATALOGUE) },
    });
  }
}

export class InvalidPolicyValueError extends DomainError {
  constructor(key: string, problems: string[]) {
    super({
      code: 'POLICY.INVALID_VALUE',
      status: 422,
      message: { zh: `设置“${key}”的值无效`, en: `The value for "${key}" is not valid` },
      details: { key, problems },
    });
  }
}

/** A policy as a decision used it: recorded in the decision's event so auditors see which setting applied. */
export interface AppliedPolicy<K extends PolicyKey = PolicyKey> {
  key: K;
  value: PolicyValues[K];
  settingId: string;
  authorityCode: string | null;
  effectiveFrom: string;
}

export interface NewPolicySetting {
  key: string;
  authorityCode: string | null;
  value: unknown;
  effectiveFrom: string;
  reason: string;
}

interface PolicyRow {
  id: string;
  key: PolicyKey;
  value: unknown;
  authority_code: string;
  effective_from: string;
  reason: string;
}

/**
 * Authority settings (单位设置) as effective-dated rows: the national defaults seeded from POLICY_CATALOGUE plus
 * what an admin sets for an authority and its subtree. A change is a new row, never an edit, so every past
 * decision's setting can still be shown.
 */
@Injectable()
export class AuthorityPolicies {
  private cache: { at: number; settings: PolicySetting[] } | null = null;

  constructor(
    private readonly db: Database,
    private readonly clock: Clock,
  ) {}

  /** The setting in force for the authority on the date (today when omitted). */
  async get<K extends PolicyKey>(key: K, authorityPath: string, onDate?: string): Promise<AppliedPolicy<K>> {
    const date = onDate ?? beijingDateOf(this.clock.now());
    const setting = policyInForce(await this.all(), key, authorityPath, date);
    if (!setting) {
      // Only reachable if the seed rows were removed: the catalogue still gives the national default.
      const definition = POLICY_CATALOGUE[key];
      return {
        key,
        value: definition.defaultValue as PolicyValues[K],
        settingId: 'catalogue',
        authorityCode: null,
        effectiveFrom: '1970-01-01',
      };
    }
    return {
      key,
      value: setting.value,
      settingId: setting.id,
      authorityCode: setting.authorityCode,
      effectiveFrom: setting.effectiveFrom,
    };
  }

  async all(): Promise<PolicySetting[]> {
    const now = Date.now();
    if (this.cache && now - this.cache.at < CACHE_MS) return this.cache.settings;
    const { rows } = await this.db.query<PolicyRow>(
      `SELECT id::text, key, value, authority_code, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, reason
         FROM authority_policies ORDER BY key, authority_code, effective_from`,
    );
    const settings = rows.map((r) => ({
      id: r.id,
      key: r.key,
      value: r.value as never,
      authorityCode: r.authority_code === '' ? null : r.authority_code,
      effectiveFrom: r.effective_from,
      reason: r.reason,
    }));
    this.cache = { at: now, settings };
    return settings;
  }

  async add(setting: NewPolicySetting, createdBy: string): Promise<PolicySetting> {
    const definition = (POLICY_CATALOGUE as Record<string, (typeof POLICY_CATALOGUE)[PolicyKey]>)[
      setting.key
    ];
    if (!definition) throw new UnknownPolicyError(setting.key);
    const problems = definition.check(setting.value);
    if (problems.length > 0) throw new InvalidPolicyValueError(setting.key, problems);
    try {
      const { rows } = await this.db.query<{ id: string }>(
        `INSERT INTO authority_policies (key, authority_code, value, effective_from, reason, created_by, created_at)
         VALUES ($1, $2, $3::jsonb, $4, $5, $6, $7) RETURNING id::text`,
        [
          setting.key,
          setting.authorityCode ?? '',
          JSON.stringify(setting.value),
          setting.effectiveFrom,
          setting.reason,
          createdBy,
          this.clock.now(),
        ],
      );
      this.cache = null;
      return { ...setting, id: rows[0].id, key: setting.key as PolicyKey, value: setting.value as never };
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DomainError({
          code: 'POLICY.SETTING_EXISTS',
          status: 409,
          message: {
            zh: '该设置在此生效日已有版本，请使用新的生效日期',
            en: 'This setting already has a version taking effect on that date; use a new effective date',
          },
        });
      throw error;
    }
  }

  /** Drops the cached rows (tests, and after a change made by another process). */
  invalidate(): void {
    this.cache = null;
  }
}
