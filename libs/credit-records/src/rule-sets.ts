import { Injectable } from '@nestjs/common';
import { Database, isUniqueViolation } from '@credence/shared';
import { RuleSetExistsError } from './credit-record.errors';
import type { RuleSet } from './domain/rule-set';

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
  constructor(private readonly db: Database) {}

  async all(): Promise<RuleSet[]> {
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
    } catch (error) {
      if (isUniqueViolation(error))
        throw new RuleSetExistsError((error as { constraint?: string }).constraint ?? 'code');
      throw error;
    }
    return ruleSet;
  }
}
