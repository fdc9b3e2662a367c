import { Injectable } from '@nestjs/common';
import { Database, isUniqueViolation } from '@credence/shared';
import { RuleSetExistsError } from './credit-record.errors';
import type { RuleSet } from './domain/rule-set';

const CACHE_MS = 30_000;

interface RuleSetRow {
  code: string;
  name_zh: string;
  name_en: string;
  legal_basis: string;
  effective_from: string;
  periods: RuleSet['periods'];
  field_minimums: RuleSet['fieldMinimums'];
}

/** Effective-dated rule sets, read from the table (they change by migration or by an admin, never by deploy). */
@Injectable()
export class RuleSets {
  private cached?: { loadedAt: number; ruleSets: Promise<RuleSet[]> };

  constructor(private readonly db: Database) {}

  /**
   * Cached for CACHE_MS: every registration needs them and they change only by migration or a rare admin action.
   * A rule set added in another process is seen here within that time (they take effect on a future date anyway).
   */
  all(): Promise<RuleSet[]> {
    const now = performance.now(); // a cache age, not business time: the injected Clock is not involved
    if (!this.cached || now - this.cached.loadedAt > CACHE_MS) {
      const ruleSets = this.load();
      this.cached = { loadedAt: now, ruleSets };
      ruleSets.catch(() => (this.cached = undefined));
    }
    return this.cached.ruleSets;
  }

  private async load(): Promise<RuleSet[]> {
    const { rows } = await this.db.query<RuleSetRow>(
      `SELECT code, name_zh, name_en, legal_basis, to_char(effective_from, 'YYYY-MM-DD') AS effective_from, periods, field_minimums
         FROM rule_sets ORDER BY effective_from`,
    );
    return rows.map((r) => ({
      code: r.code,
      nameZh: r.name_zh,
      nameEn: r.name_en,
      legalBasis: r.legal_basis,
      effectiveFrom: r.effective_from,
      periods: r.periods,
      fieldMinimums: r.field_minimums,
    }));
  }

  async add(ruleSet: RuleSet, createdBy: string): Promise<RuleSet> {
    try {
      await this.db.query(
        `INSERT INTO rule_sets (code, name_zh, name_en, legal_basis, effective_from, periods, field_minimums, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          ruleSet.code,
          ruleSet.nameZh,
          ruleSet.nameEn,
          ruleSet.legalBasis,
          ruleSet.effectiveFrom,
          JSON.stringify(ruleSet.periods),
          JSON.stringify(ruleSet.fieldMinimums),
          createdBy,
        ],
      );
      this.cached = undefined;
    } catch (error) {
      if (isUniqueViolation(error))
        throw new RuleSetExistsError((error as { constraint?: string }).constraint ?? 'code');
      throw error;
    }
    return ruleSet;
  }
}
