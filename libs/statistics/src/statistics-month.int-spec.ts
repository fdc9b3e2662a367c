import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ManualClock } from '@credence/shared';
import { commitmentCaseType } from '@credence/commitments';
import { creditRecordCaseType } from '@credence/credit-records';
import { repairCaseType } from '@credence/credit-repair';
import type { ActorScope } from '@credence/identity';
import { objectionCaseType } from '@credence/objections';
import { openCaseEngine } from '../../workflow/src/testing/open-case-engine';
import { createTestDatabase, type TestDatabase } from '../../../test/setup/test-database';
import { StatisticsCasesList } from './statistics-cases-list';
import { StatisticsFigures, type StageFigure } from './statistics-figures';
import type { StatisticsFilter } from './statistics-filter';
import { StatisticsLabels } from './statistics-labels';
import { StatisticsProjector } from './statistics-projector';
import { StatisticsReports } from './statistics-reports';
import { at, insertAuthorities } from './testing/case-steps';
import { buildOctober2026 } from './testing/october-2026';

const admin: ActorScope = { role: 'admin', authorityCode: null, authorityPath: null, subjectCode: null };
const october = (more: Partial<StatisticsFilter> = {}): StatisticsFilter => ({
  from: '2026-10-01',
  to: '2026-10-31',
  ...more,
});
const stageOf = (stages: StageFigure[], stage: string) => {
  const s = stages.find((x) => x.stage === stage);
  return s && { decided: s.decided, onTime: s.onTime, late: s.late, rate: s.rate };
};

/**
 * Every figure of a known month, recomputed by hand (testing/october-2026.ts explains each case's dates). The
 * expectations are counted from that table, never from the queries under test.
 */
describe('statistics of October 2026', () => {
  let t: TestDatabase;
  let figures: StatisticsFigures;
  let reports: StatisticsReports;
  let list: StatisticsCasesList;
  let ids: Record<string, string>;

  beforeAll(async () => {
    t = await createTestDatabase();
    await insertAuthorities(t.superuser);
    const clock = new ManualClock(at('2026-09-21'));
    const { engine, registry, time } = openCaseEngine(t.db, clock, [
      repairCaseType,
      objectionCaseType,
      creditRecordCaseType,
      commitmentCaseType,
    ]);
    ({ ids } = await buildOctober2026(t.db, engine, clock, time));
    await new StatisticsProjector(t.db).subscription.drainHeldBack(15_000);
    figures = new StatisticsFigures(t.db, new StatisticsLabels(t.db, registry));
    reports = new StatisticsReports(t.db, clock, time, figures);
    list = new StatisticsCasesList(t.db, clock, figures);
  }, 120_000);
  afterAll(() => t.drop());

  it('counts cases opened, decided and pending', async () => {
    const answer = await figures.cases(admin, october());
    // opened in October: R2 R3 R4 R5 R6 R7 R8 R11 O1 O2 (R1 09-30, R9 09-28, R10 09-21 were September)
    // decided: R1 R2 R3 R4 R5 R8 O1 O2; pending on 10-31: R6 R7 R9 R10 R11
    expect(answer.total).toEqual({ opened: 10, decided: 8, pending: 5 });
    // By month: September opened R1 R9 R10 and ended none, so 3 were pending on 09-30; October as above.
    const byMonth = await figures.cases(admin, { from: '2026-09-01', to: '2026-10-31', groupBy: 'month' });
    expect(byMonth.groups.map((g) => [g.key, g.opened, g.decided, g.pending])).toEqual([
      ['2026-09', 3, 0, 3],
      ['2026-10', 10, 8, 5],
    ]);
    expect(byMonth.total).toEqual({ opened: 13, decided: 8, pending: 5 });
    const byType = await figures.cases(admin, october({ groupBy: 'type' }));
    expect(byType.groups.map((g) => [g.key, g.opened, g.decided, g.pending])).toEqual([
      ['objection', 2, 2, 0],
      ['repairApplication', 8, 6, 5],
    ]);
  });

  it('rates each statutory stage on time from the clock events, 补正 pauses excluded', async () => {
    const { total } = await figures.onTime(admin, october());
    // acceptance stopped in October: R1 ✓ R2 ✗ R3 ✓ R4 ✓ R6 ✓ R8 ✓ (R5 withdrawn: not counted; R9 in September)
    expect(stageOf(total.stages, 'repair.acceptance')).toEqual({
      decided: 6,
      onTime: 5,
      late: 1,
      rate: 0.8333,
    });
    // result: R1 ✓ R2 ✓ (paused 10-14…10-20) R3 ✗ R4 ✓ R8 ✗
    expect(stageOf(total.stages, 'repair.result')).toEqual({ decided: 5, onTime: 3, late: 2, rate: 0.6 });
    expect(stageOf(total.stages, 'objection.acceptance')).toEqual({
      decided: 2,
      onTime: 1,
      late: 1,
      rate: 0.5,
    });
    expect(stageOf(total.stages, 'objection.verification')).toEqual({
      decided: 1,
      onTime: 0,
      late: 1,
      rate: 0,
    });
    // The applicant's windows (补正, appeal) are no stage of the authority.
    expect(total.stages.map((s) => s.stage)).toEqual([
      'objection.acceptance',
      'objection.verification',
      'repair.acceptance',
      'repair.result',
    ]);
    const september = await figures.onTime(admin, { from: '2026-09-01', to: '2026-09-30' });
    expect(stageOf(september.total.stages, 'repair.acceptance')).toEqual({
      decided: 1,
      onTime: 1,
      late: 0,
      rate: 1,
    });
  });

  it('rolls a province up from its cities and a city from its counties', async () => {
    const province = await figures.onTime(admin, october({ authority: '320000', groupBy: 'authority' }));
    expect(province.groups.map((g) => g.key)).toEqual(['320800']); // 扬州 (321000) stopped no clock in October
    const city = await figures.onTime(admin, october({ authority: '320800', groupBy: 'authority' }));
    const result = Object.fromEntries(city.groups.map((g) => [g.key, stageOf(g.stages, 'repair.result')]));
    // 盱眙: R1 ✓ R2 ✓ R3 ✗ R4 ✓; 淮阴: R8 ✗
    expect(result).toEqual({
      '320804': { decided: 1, onTime: 0, late: 1, rate: 0 },
      '320830': { decided: 4, onTime: 3, late: 1, rate: 0.75 },
    });
    expect(stageOf(city.total.stages, 'repair.result')).toEqual({
      decided: 5,
      onTime: 3,
      late: 2,
      rate: 0.6,
    });
    const county = await figures.onTime(admin, october({ authority: '320830' }));
    expect(stageOf(county.total.stages, 'repair.acceptance')).toEqual({
      decided: 5,
      onTime: 4,
      late: 1,
      rate: 0.8,
    });
    const yangzhou = await figures.cases(admin, october({ authority: '321000' }));
    expect(yangzhou.total).toEqual({ opened: 0, decided: 0, pending: 1 }); // R10
  });

  it('ages the backlog in working days on the calendar', async () => {
    const answer = await reports.backlog(admin, october());
    // On 10-30: R7 (10-28) 2 → 0–3; R11 (10-20) 8 → 4–10; R6 (10-15) 11 and R9 (09-28: 29 30 + 18 in October) 20
    // → 11–20; R10 (09-21: 22 23 24, 中秋 25–27, 28 29 30 + 18) 24 → over 20
    expect(answer.asOf).toBe('2026-10-30');
    expect(answer.total.pending).toBe(5);
    expect(answer.total.buckets.map((b) => [b.key, b.count])).toEqual([
      ['0-3', 1],
      ['4-10', 1],
      ['11-20', 2],
      ['21+', 1],
    ]);
    const city = await reports.backlog(admin, { ...october(), authority: '320800', groupBy: 'authority' });
    expect(city.groups.map((g) => [g.key, g.pending])).toEqual([
      ['320800', 1], // R11, the city's own case
      ['320804', 1], // R9
      ['320830', 2], // R6 R7
    ]);
  });

  it('counts outcomes, objection outcomes and revocations by ground', async () => {
    const { outcomes, objectionOutcomes } = await reports.outcomes(admin, october());
    const counts = (a: { counts: { code: string; count: number }[] }) =>
      Object.fromEntries(a.counts.map((c) => [c.code, c.count]));
    // approved R1 R3 R8; rejected R2; refused R4 O2; withdrawn R5; answered O1
    expect(counts(outcomes)).toEqual({ answered: 1, approved: 3, refused: 2, rejected: 1, withdrawn: 1 });
    expect(outcomes.total).toBe(8);
    expect(counts(objectionOutcomes)).toEqual({ maintain: 1 });
    const revocations = await figures.revocations(admin, october());
    expect(counts(revocations)).toEqual({ false_materials: 1 }); // R1, 10-27
  });

  it('rates 双公示 within 7 working days of the decision', async () => {
    const answer = await reports.publication(admin, october());
    // P1 ✓ P2 ✓ P3 ✗ P4 ✓ P5 ✗
    expect(answer.total).toEqual({ published: 5, onTime: 3, late: 2, rate: 0.6 });
    const huaian = await reports.publication(admin, october({ authority: '320800' }));
    expect(huaian.total).toEqual({ published: 4, onTime: 3, late: 1, rate: 0.75 });
    const xuyi = await reports.publication(admin, october({ authority: '320830' }));
    expect(xuyi.total).toEqual({ published: 3, onTime: 2, late: 1, rate: 0.6667 });
  });

  it('counts commitments due, kept and broken', async () => {
    const answer = await reports.commitments(admin, october());
    // due in October: C1 (10-20) C2 (10-23) C4 (10-15); kept C1 (10-21) C4 (10-14); broken C2 (10-26)
    expect(answer.total).toEqual({ due: 3, kept: 2, broken: 1 });
    const xuyi = await reports.commitments(admin, october({ authority: '320830' }));
    expect(xuyi.total).toEqual({ due: 2, kept: 1, broken: 1 });
  });

  it('lists the cases behind a figure, within the caller’s scope', async () => {
    const late = await list.list(
      admin,
      { ...october({ authority: '320800' }), figure: 'late', stage: 'repair.result' },
      1,
      20,
    );
    expect(late.items.map((c) => c.caseId).sort()).toEqual([ids.R3, ids.R8].sort());
    const pending = await list.list(admin, { ...october({ authority: '320830' }), figure: 'pending' }, 1, 20);
    expect(pending.total).toBe(2);
    expect(pending.totalIsExact).toBe(true);
    const auditor: ActorScope = {
      role: 'auditor',
      authorityCode: '320804',
      authorityPath: '320000/320800/320804',
      subjectCode: null,
    };
    await expect(figures.cases(auditor, october({ authority: '320830' }))).rejects.toMatchObject({
      status: 404,
    });
    const own = await figures.cases(auditor, october());
    expect(own.total).toEqual({ opened: 1, decided: 1, pending: 1 }); // R8 opened and decided; R9 pending
  });
});
