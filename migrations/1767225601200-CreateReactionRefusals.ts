import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Reactions a target case refused (the record expired before the approval reached it …): kept, with the decision
 * that caused them, so an effect that did not happen is visible to staff and auditors, not only in a log.
 */
export class CreateReactionRefusals1767225601200 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE reaction_refusals (
        id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        reaction        text        NOT NULL,
        cause_event_id  uuid        NOT NULL,
        cause_stream_id text        NOT NULL,
        case_type       text        NOT NULL,
        case_id         uuid        NOT NULL,
        event_type      text        NOT NULL,
        code            text        NOT NULL,
        message         text        NOT NULL,
        refused_at      timestamptz NOT NULL,
        UNIQUE (reaction, cause_event_id, case_id, event_type)
      )`);
    await db.query(`CREATE INDEX reaction_refusals_cause ON reaction_refusals (cause_stream_id)`);
    await db.query(`REVOKE ALL ON reaction_refusals FROM credence_app`);
    await db.query(`GRANT SELECT, INSERT ON reaction_refusals TO credence_app`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP TABLE reaction_refusals`);
  }
}
