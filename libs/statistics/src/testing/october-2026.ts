import { Env, type Database, type ManualClock } from '@credence/shared';
import { RegisterCreditRecordCommand, RegisterCreditRecordHandler, RuleSets } from '@credence/credit-records';
import type { CaseEngine } from '@credence/workflow';
import type { StatutoryTime } from '@credence/working-calendar';
import { applicant, at, CaseSteps, staff, SUBJECT, type AuthorityCode } from './case-steps';

/**
 * October 2026, case by case, with the 2026 calendar: 中秋 09-25…27, 国庆 10-01…07, make-up Saturday 10-10. Working
 * days of October: 8 9 10 12 13 14 15 16 19 20 21 22 23 26 27 28 29 30 (18). Every step at 10:00 Beijing unless
 * said; a clock is late when it stops after 24:00 of its due date. Due dates are worked out beside each case.
 */
export async function buildOctober2026(
  db: Database,
  engine: CaseEngine,
  clock: ManualClock,
  time: StatutoryTime,
): Promise<{ ids: Record<string, string> }> {
  const s = new CaseSteps(engine, clock);
  const ids: Record<string, string> = {};
  const officer = staff;

  // 盱眙县 320830 —————————————————————————————————————————————————————————————————————————
  // R1: submitted 09-30. acceptance due 10-10 (10-08, 09, 10); result due 10-20 (10 working days from 10-08).
  ids.R1 = await s.submitRepair('320830', at('2026-09-30'));
  await s.repair(ids.R1, 'RepairApplicationAccepted', at('2026-10-09'), officer('320830'), {
    opinion: '受理',
  });
  await s.repair(ids.R1, 'RepairApproved', at('2026-10-16'), officer('320830'), {
    opinion: '同意',
    reasons: ['已履行'],
  });
  await s.repair(ids.R1, 'RepairApprovalRevoked', at('2026-10-27'), staff('320830', 'senior_reviewer'), {
    ground: 'false_materials',
    reasons: ['材料虚假'],
    legalBasis: '《信用修复管理办法》',
    banUntil: '2029-10-27',
  });
  // R2: submitted 10-08. acceptance due 10-12 (09, 10, 12): accepted 10-13 → late. result due 10-21; 补正 asked
  // 10-14 with 5 working days left (15 16 19 20 21), supplied 10-20 → due 10-27 (21 22 23 26 27): rejected 10-26 →
  // on time (without the pause it would be late).
  ids.R2 = await s.submitRepair('320830', at('2026-10-08'));
  await s.repair(ids.R2, 'RepairApplicationAccepted', at('2026-10-13'), officer('320830'));
  await s.repair(ids.R2, 'RepairSupplementRequested', at('2026-10-14'), officer('320830'), {
    items: ['凭证'],
  });
  await s.repair(ids.R2, 'RepairSupplementProvided', at('2026-10-20'), applicant, {
    materials: [],
  });
  await s.repair(ids.R2, 'RepairRejected', at('2026-10-26'), officer('320830'), { reasons: ['未履行'] });
  // R3: submitted 10-09. acceptance due 10-13: accepted 10-12 → on time. result due 10-22: approved 10-23 → late.
  ids.R3 = await s.submitRepair('320830', at('2026-10-09'));
  await s.repair(ids.R3, 'RepairApplicationAccepted', at('2026-10-12'), officer('320830'));
  await s.repair(ids.R3, 'RepairApproved', at('2026-10-23'), officer('320830'));
  // R4: submitted 10-12. acceptance due 10-15, result due 10-26: refused (不予受理) 10-14 → both on time.
  ids.R4 = await s.submitRepair('320830', at('2026-10-12'));
  await s.repair(ids.R4, 'RepairApplicationRefused', at('2026-10-14'), officer('320830'), {
    reasonCodes: ['NOT_FINDING_AUTHORITY'],
    reasons: ['非认定单位'],
  });
  // R5: submitted 10-13, withdrawn 10-15: its clocks stop by the applicant's hand and are no stage decided.
  ids.R5 = await s.submitRepair('320830', at('2026-10-13'));
  await s.repair(ids.R5, 'RepairApplicationWithdrawn', at('2026-10-15'), applicant, {
    reasons: ['不再申请'],
  });
  // R6: submitted 10-15. acceptance due 10-20: accepted 10-16 → on time. result due 10-29: still running on 10-30.
  ids.R6 = await s.submitRepair('320830', at('2026-10-15'));
  await s.repair(ids.R6, 'RepairApplicationAccepted', at('2026-10-16'), officer('320830'));
  // R7: submitted 10-28 (acceptance due 11-02), pending.
  ids.R7 = await s.submitRepair('320830', at('2026-10-28'));

  // 淮阴区 320804 ——— R8: submitted 10-08; accepted 10-12 18:00 (due 10-12 24:00) → on time; result due 10-21:
  // approved 10-22 → late. R9: submitted 09-28, accepted 09-29 (a September stop), pending; result due 10-16.
  ids.R8 = await s.submitRepair('320804', at('2026-10-08'));
  await s.repair(ids.R8, 'RepairApplicationAccepted', at('2026-10-12', 18), officer('320804'));
  await s.repair(ids.R8, 'RepairApproved', at('2026-10-22'), officer('320804'));
  ids.R9 = await s.submitRepair('320804', at('2026-09-28'));
  await s.repair(ids.R9, 'RepairApplicationAccepted', at('2026-09-29'), officer('320804'));
  // 淮安市 320800 itself ——— R11: submitted 10-20, pending (acceptance due 10-23, overdue on 10-30).
  ids.R11 = await s.submitRepair('320800', at('2026-10-20'));
  // 宝应县 321023 (another city) ——— R10: submitted 09-21, pending, never accepted (acceptance due 09-24).
  ids.R10 = await s.submitRepair('321023', at('2026-09-21'));

  // 双公示 (publicity.double = 7 working days after the decision date) ——————————————————————————————
  const register = new RegisterCreditRecordHandler(engine, db, clock, new Env(), new RuleSets(db), time);
  const record = async (code: AuthorityCode, decided: string, number: string, published: string) => {
    clock.set(at(published));
    const { record } = await register.execute(
      new RegisterCreditRecordCommand(
        {
          subject: SUBJECT,
          kind: 'administrative_penalty',
          severity: 'general',
          field: 'road_transport',
          decisionNumber: number,
          decisionDate: decided,
          authorityCode: code,
          facts: '未按规定维护车辆',
        },
        officer(code),
        { correlationId: 'stats' },
      ),
    );
    return record;
  };
  // P1: decided 09-29, due 10-14 (09-30, 10-08, 09, 10, 12, 13, 14), published 10-09 → on time.
  const p1 = await record('320830', '2026-09-29', '盱交罚〔2026〕101号', '2026-10-09');
  // P2: decided 09-25 (中秋, a holiday), due 10-12 (28 29 30, 10-08 09 10 12), published 10-08 → on time.
  const p2 = await record('320830', '2026-09-25', '盱交罚〔2026〕102号', '2026-10-08');
  // P3: decided 10-08, due 10-16 (9 10 12 13 14 15 16), published 10-20 → late.
  await record('320830', '2026-10-08', '盱交罚〔2026〕103号', '2026-10-20');
  // P4: decided 10-16, due 10-27 (19 20 21 22 23 26 27), published 10-26 → on time.
  await record('320804', '2026-10-16', '淮阴交罚〔2026〕1号', '2026-10-26');
  // P5: decided 10-19, due 10-28 (20 21 22 23 26 27 28), published 10-29 → late.
  await record('321023', '2026-10-19', '宝交罚〔2026〕1号', '2026-10-29');

  // Objections (objection.acceptance 2, objection.verification 10 working days) ———————————————————————
  const content = (loaded: typeof p1) =>
    (loaded.snapshot.context as { record: Record<string, unknown> }).record;
  // O1: filed 10-09, acceptance due 10-12: accepted 10-12 → on time; verification due 10-26 (13 … 26): answered
  // (维持) 10-27 → late.
  ids.O1 = await s.fileObjection(content(p1), p1.caseId, at('2026-10-09'));
  await s.objection(ids.O1, 'ObjectionAccepted', at('2026-10-12'));
  await s.objection(ids.O1, 'ObjectionAnswered', at('2026-10-27'), {
    outcome: 'maintain',
    reasons: ['记录无误'],
    legalBasis: '《信用信息异议处理办法》',
  });
  // O2: filed 10-13, acceptance due 10-15: refused 10-16 → late.
  ids.O2 = await s.fileObjection(content(p2), p2.caseId, at('2026-10-13'));
  await s.objection(ids.O2, 'ObjectionRefused', at('2026-10-16'), { reasons: ['不属于受理范围'] });

  // Commitments: C1 due 10-20, kept 10-21; C2 due 10-23, broken 10-26; C3 due 11-05 (not October); C4 relied on
  // 09-30, due 10-15, kept 10-14.
  ids.C1 = await s.commitment('320830', at('2026-10-08'), at('2026-10-09'), '2026-10-20');
  await s.checkCommitment('320830', ids.C1, at('2026-10-21'), true);
  ids.C2 = await s.commitment('320830', at('2026-10-09'), at('2026-10-12'), '2026-10-23');
  await s.checkCommitment('320830', ids.C2, at('2026-10-26'), false);
  ids.C3 = await s.commitment('320804', at('2026-10-12'), at('2026-10-13'), '2026-11-05');
  ids.C4 = await s.commitment('320804', at('2026-09-29'), at('2026-09-30'), '2026-10-15');
  await s.checkCommitment('320804', ids.C4, at('2026-10-14'), true);

  clock.set(at('2026-10-30')); // "now" for the backlog
  return { ids };
}
