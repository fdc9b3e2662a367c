import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Authorities (认定单位, by GB/T 2260 division code), accounts and declared related parties (回避).
 * The CHECKs make an account's shape follow its role, so no code path can create an officer without an authority
 * or an applicant without a subject.
 */
export class CreateIdentity1767225600200 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE authorities (
        code        char(6)     PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
        name_zh     text        NOT NULL,
        name_en     text        NOT NULL,
        department  text        NOT NULL DEFAULT '交通运输局',
        parent_code char(6)     REFERENCES authorities (code),
        path        text        NOT NULL UNIQUE CHECK (path ~ '^[0-9]{6}(/[0-9]{6})*$'),
        level       text        NOT NULL CHECK (level IN ('province', 'city', 'county')),
        created_at  timestamptz NOT NULL DEFAULT now(),
        CHECK ((parent_code IS NULL) = (level = 'province'))
      )`);
    // Subtree queries are `path = $1 OR path LIKE $1 || '/%'`: a prefix LIKE needs text_pattern_ops.
    await db.query(`CREATE INDEX authorities_path ON authorities (path text_pattern_ops)`);

    await db.query(`
      CREATE TABLE accounts (
        id              uuid        PRIMARY KEY,
        username        text        NOT NULL CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]{2,63}$'),
        password_hash   text        NOT NULL,
        display_name    text        NOT NULL,
        role            text        NOT NULL
                        CHECK (role IN ('applicant', 'officer', 'senior_reviewer', 'auditor', 'admin')),
        authority_code  char(6)     REFERENCES authorities (code),
        subject_type    text        CHECK (subject_type IN
                          ('legal_person', 'other_organisation', 'individual_business', 'natural_person')),
        subject_code    text,
        subject_name    text,
        active          boolean     NOT NULL DEFAULT true,
        failed_logins   integer     NOT NULL DEFAULT 0 CHECK (failed_logins >= 0),
        locked_until    timestamptz,
        created_at      timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT accounts_applicant_shape CHECK (role <> 'applicant' OR
          (subject_code IS NOT NULL AND subject_name IS NOT NULL AND subject_type IS NOT NULL AND authority_code IS NULL)),
        CONSTRAINT accounts_staff_shape CHECK (role NOT IN ('officer', 'senior_reviewer') OR
          (authority_code IS NOT NULL AND subject_code IS NULL AND subject_name IS NULL AND subject_type IS NULL)),
        -- An auditor without an authority oversees everything (e.g. the provincial supervision office).
        CONSTRAINT accounts_auditor_shape CHECK (role <> 'auditor' OR
          (subject_code IS NULL AND subject_name IS NULL AND subject_type IS NULL)),
        CONSTRAINT accounts_admin_shape CHECK (role <> 'admin' OR
          (authority_code IS NULL AND subject_code IS NULL AND subject_name IS NULL AND subject_type IS NULL))
      )`);
    // Case-insensitive uniqueness without the citext extension (which needs extension rights on managed servers).
    await db.query(`CREATE UNIQUE INDEX accounts_username_key ON accounts (lower(username))`);
    await db.query(`CREATE INDEX accounts_subject ON accounts (subject_code) WHERE subject_code IS NOT NULL`);
    await db.query(
      `CREATE INDEX accounts_authority ON accounts (authority_code) WHERE authority_code IS NOT NULL`,
    );

    // A reviewer declared related to a subject must abstain from its cases (回避).
    await db.query(`
      CREATE TABLE related_parties (
        account_id    uuid        NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
        subject_code  text        NOT NULL,
        reason        text,
        declared_at   timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (account_id, subject_code)
      )`);
    await db.query(`CREATE INDEX related_parties_subject ON related_parties (subject_code)`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE related_parties`);
    await db.query(`DROP TABLE accounts`);
    await db.query(`DROP TABLE authorities`);
  }
}
