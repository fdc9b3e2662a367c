import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Effective-dated rule sets (data, never code) and the credit-record read model. The three national regimes are
 * seeded; an admin adds later ones through the API. Periods are in calendar months from the decision date.
 */
export class CreateCreditRecords1767225600400 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE rule_sets (
        code            text PRIMARY KEY,
        name_zh         text        NOT NULL,
        name_en         text        NOT NULL,
        legal_basis     text        NOT NULL,
        effective_from  date        NOT NULL UNIQUE,
        periods         jsonb       NOT NULL,
        field_minimums  jsonb       NOT NULL DEFAULT '{}',
        notes           text,
        created_by      text        NOT NULL DEFAULT 'migration',
        created_at      timestamptz NOT NULL DEFAULT now()
      )`);
    // Rule sets are history: they may be added, never edited or removed (decisions cite them).
    await db.query(`REVOKE UPDATE, DELETE, TRUNCATE ON rule_sets FROM credence_app`);
    const seed = `INSERT INTO rule_sets (code, name_zh, name_en, legal_basis, effective_from, periods, field_minimums, notes)
                  VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`;
    // 发改办财金〔2019〕527号: general 3 months–1 year, serious 6 months–3 years; no minor class (treated as general).
    await db.query(seed, [
      'ndrc-527-2019',
      '行政处罚信息信用修复（发改办财金〔2019〕527号）',
      'Administrative-penalty credit repair (NDRC General Office 2019 No. 527)',
      '发改办财金〔2019〕527号',
      '2019-05-01',
      JSON.stringify({
        minor: { minimumMonths: 3, maximumMonths: 12 },
        general: { minimumMonths: 3, maximumMonths: 12 },
        serious: { minimumMonths: 6, maximumMonths: 36 },
      }),
      JSON.stringify({}),
      'Research (domain-rules §0.1) dates the regime to May 2019; "specific serious" penalties were not repairable.',
    ]);
    // NDRC Order 58 (2023-05-01): one band, minimum 3 months, maximum 3 years; minimum 1 year in special fields.
    await db.query(seed, [
      'ndrc-order-58-2023',
      '失信行为纠正后的信用信息修复管理办法（试行）（国家发展改革委令第58号）',
      'Measures for repairing credit information after correction (NDRC Order No. 58)',
      '国家发展和改革委员会令第58号',
      '2023-05-01',
      JSON.stringify({
        minor: { minimumMonths: 3, maximumMonths: 36 },
        general: { minimumMonths: 3, maximumMonths: 36 },
        serious: { minimumMonths: 3, maximumMonths: 36 },
      }),
      JSON.stringify({ work_safety: 12 }),
      'Special fields with a 1-year minimum per the Shenzhen guide (domain-rules §1.3); other fields disputed.',
    ]);
    // NDRC Order 36 (2026-04-01): minor ≤3 months (repair once duties fulfilled), general 3 months–1 year, serious 1–3 years.
    await db.query(seed, [
      'ndrc-order-36-2026',
      '信用修复管理办法（国家发展改革委令第36号）',
      'Credit Repair Measures (NDRC Order No. 36)',
      '国家发展和改革委员会令第36号',
      '2026-04-01',
      JSON.stringify({
        minor: { minimumMonths: 0, maximumMonths: 3 },
        general: { minimumMonths: 3, maximumMonths: 12 },
        serious: { minimumMonths: 12, maximumMonths: 36 },
      }),
      JSON.stringify({}),
      'Periods count from the date of the decision document (Order 36; domain-rules §0.2).',
    ]);

    await db.query(`
      CREATE TABLE credit_records (
        id                   uuid PRIMARY KEY,
        subject_code         text        NOT NULL,
        subject_type         text        NOT NULL,
        subject_name         text        NOT NULL,
        kind                 text        NOT NULL,
        severity             text        NOT NULL,
        field                text        NOT NULL,
        decision_number      text        NOT NULL,
        decision_date        date        NOT NULL,
        authority_code       text        NOT NULL,
        authority_path       text        NOT NULL,
        facts                text        NOT NULL,
        legal_basis          text,
        rule_set_code        text        NOT NULL REFERENCES rule_sets (code),
        repairable_from      date        NOT NULL,
        publicity_ends_after date        NOT NULL,
        status               text        NOT NULL,
        objection_marked     boolean     NOT NULL DEFAULT false,
        content_version      integer     NOT NULL DEFAULT 1,
        content_hash         text        NOT NULL,
        version              integer     NOT NULL,
        registered_at        timestamptz NOT NULL,
        updated_at           timestamptz NOT NULL,
        CONSTRAINT credit_records_decision UNIQUE (authority_code, decision_number)
      )`);
    await db.query(`CREATE INDEX credit_records_subject ON credit_records (subject_code, status)`);
    await db.query(
      `CREATE INDEX credit_records_authority ON credit_records (authority_path text_pattern_ops, registered_at DESC)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE credit_records`);
    await db.query(`DROP TABLE rule_sets`);
  }
}
