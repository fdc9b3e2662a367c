import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Materials (ADR 0012): `materials`, one row per upload; `material_blobs`, the bytes once per SHA-256 (when they
 * are kept in PostgreSQL); `case_materials`, which cases a file is attached to (who may download it).
 */
export class CreateMaterials1767225600800 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE material_blobs (
        sha256      text        PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        content     bytea       NOT NULL,
        size        bigint      NOT NULL CHECK (size > 0),
        created_at  timestamptz NOT NULL
      )`);
    // PDF, JPEG, PNG and OFD are compressed already: keep them out of line without trying to compress them again.
    await db.query(`ALTER TABLE material_blobs ALTER COLUMN content SET STORAGE EXTERNAL`);

    // No foreign key to material_blobs: with another blob store the bytes live outside the database.
    await db.query(`
      CREATE TABLE materials (
        id                  uuid        PRIMARY KEY,
        sha256              text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
        size                bigint      NOT NULL CHECK (size > 0),
        media_type          text        NOT NULL
                            CHECK (media_type IN ('application/pdf', 'image/jpeg', 'image/png', 'application/ofd')),
        file_name           text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
        uploaded_by         uuid        NOT NULL,
        owner_subject_code  text,
        uploaded_at         timestamptz NOT NULL
      )`);
    await db.query(`CREATE INDEX materials_sha256 ON materials (sha256)`);
    await db.query(`CREATE INDEX materials_uploaded_by ON materials (uploaded_by, uploaded_at DESC)`);
    await db.query(
      `CREATE INDEX materials_owner_subject ON materials (owner_subject_code, uploaded_at DESC)
        WHERE owner_subject_code IS NOT NULL`,
    );

    // The digest is copied from the file so a case's materials can be matched to its events without a join.
    await db.query(`
      CREATE TABLE case_materials (
        case_id      uuid        NOT NULL,
        file_id      uuid        NOT NULL REFERENCES materials (id),
        sha256       text        NOT NULL,
        attached_at  timestamptz NOT NULL,
        PRIMARY KEY (case_id, file_id)
      )`);
    await db.query(`CREATE INDEX case_materials_file ON case_materials (file_id)`);

    // The bytes a decision's digest names must stay findable: the app never changes or removes a file or a blob.
    await db.query(`REVOKE ALL ON materials, material_blobs FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON materials, material_blobs TO credence_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE case_materials`);
    await db.query(`DROP TABLE materials`);
    await db.query(`DROP TABLE material_blobs`);
  }
}
