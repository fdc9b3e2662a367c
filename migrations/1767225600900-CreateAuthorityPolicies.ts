import type { MigrationInterface, QueryRunner } from 'typeorm';
import { POLICY_CATALOGUE } from '../libs/authority-policies/src/policy-catalogue';

/**
 * Authority settings as effective-dated rows (national defaults seeded from the catalogue; an authority's own
 * setting covers its subtree) and the counters behind readable case numbers.
 */
export class CreateAuthorityPolicies1767225600900 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE authority_policies (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        key             text        NOT NULL,
        authority_code  text        NOT NULL DEFAULT '',
        value           jsonb       NOT NULL,
        effective_from  date        NOT NULL,
        reason          text        NOT NULL,
        created_by      text        NOT NULL,
        created_at      timestamptz NOT NULL,
        UNIQUE (key, authority_code, effective_from)
      )`);
    await db.query(`REVOKE ALL ON authority_policies FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON authority_policies TO credence_app`);
    for (const definition of Object.values(POLICY_CATALOGUE)) {
      await db.query(
        `INSERT INTO authority_policies (key, value, effective_from, reason, created_by, created_at)
         VALUES ($1, $2::jsonb, '2019-01-01', $3, 'system', now())`,
        [definition.key, JSON.stringify(definition.defaultValue), definition.basis.zh],
      );
    }

    await db.query(`
      CREATE TABLE case_numbers (
        prefix          text    NOT NULL,
        authority_code  text    NOT NULL,
        year            integer NOT NULL,
        last            integer NOT NULL,
        PRIMARY KEY (prefix, authority_code, year)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE case_numbers`);
    await db.query(`DROP TABLE authority_policies`);
  }
}
