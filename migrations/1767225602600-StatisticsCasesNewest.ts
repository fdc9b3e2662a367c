import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The lists of cases behind a figure, newest first (the dashboard's drill-down): an index in the list's order, so a
 * page reads its 20 rows instead of sorting every case of the figure. Authority path and end day are included so
 * that "pending at the end of a day" and a scope are filtered in the index before the table is touched; the capped
 * count of a list walks the same index.
 */
export class StatisticsCasesNewest1767225602600 implements MigrationInterface {
  async up(db: QueryRunner): Promise<void> {
    await db.query(
      `CREATE INDEX statistics_cases_newest ON statistics_cases (opened_on DESC, case_id DESC)
         INCLUDE (authority_path, decided_on)`,
    );
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP INDEX statistics_cases_newest`);
  }
}
