import { ManualClock } from '@credence/shared';
import { commitmentCaseType } from '@credence/commitments';
import { creditRecordCaseType } from '@credence/credit-records';
import { repairCaseType } from '@credence/credit-repair';
import { objectionCaseType } from '@credence/objections';
import { openCaseEngine } from '../../libs/workflow/src/testing/open-case-engine';
import { at, insertAuthorities } from '../../libs/statistics/src/testing/case-steps';
import { buildOctober2026 } from '../../libs/statistics/src/testing/october-2026';
import type { TestDatabase } from './test-database';

/**
 * October 2026 of libs/statistics/src/testing/october-2026.ts (every case's timings and the figures they make are
 * worked out there and checked exactly by statistics-month.int-spec.ts), recorded into `database` through the case
 * engine on a ManualClock: the events carry October's times whatever the real clock says. For tests of a running
 * product (the dashboard in the browser), whose own clock is the real one; its worker projects the events.
 */
export async function seedOctober2026(database: TestDatabase): Promise<{ ids: Record<string, string> }> {
  await insertAuthorities(database.superuser);
  const clock = new ManualClock(at('2026-09-21'));
  const { engine, time } = openCaseEngine(database.db, clock, [
    repairCaseType,
    objectionCaseType,
    creditRecordCaseType,
    commitmentCaseType,
  ]);
  return buildOctober2026(database.db, engine, clock, time);
}
