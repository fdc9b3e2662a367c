import type { CommandBus } from '@nestjs/cqrs';
import { addDays } from '@credence/shared';
import type { WorkflowActor } from '@credence/workflow';
import { RegisterCreditRecordCommand, type RegisterCreditRecordInput } from './register-credit-record';

export interface DemoSubject {
  code: string;
  name: string;
  authorityCode: string;
}

/** The three demo records of each enterprise, by what they show. */
export type DemoRecordKind = 'general' | 'minor' | 'serious';

/**
 * The serial and the age of each demo record. Dated back from today, so the demo stays as described whenever it is
 * started (fixed dates once let the minor record's 3-month publicity run out under the tests): the general one
 * repairable now (Order 36: minimum 3 months, published for 1–3 years), the minor one within its 3 months of
 * publicity (repairable from the day after its decision), the serious one within its 6-month minimum.
 */
const DEMO_RECORDS: Record<DemoRecordKind, { serial: string; daysAgo: number }> = {
  general: { serial: '0412', daysAgo: 210 },
  minor: { serial: '0903', daysAgo: 30 },
  serious: { serial: '1015', daysAgo: 49 },
};

const prefixOf = (authorityCode: string) => (authorityCode === '320830' ? '盱交罚' : '资交罚');

/** The decision date of a demo record seeded on `today`. */
export function demoDecisionDate(kind: DemoRecordKind, today: string): string {
  return addDays(today, -DEMO_RECORDS[kind].daysAgo);
}

/** The decision number of a demo record seeded on `today` (the year in the number is the decision's). */
export function demoDecisionNumber(authorityCode: string, kind: DemoRecordKind, today: string): string {
  const year = demoDecisionDate(kind, today).slice(0, 4);
  return `${prefixOf(authorityCode)}〔${year}〕${DEMO_RECORDS[kind].serial}号`;
}

/**
 * A few records per demo enterprise, registered through the engine like any other (so their history and timers
 * are real): one already repairable, one minor, one serious (see DEMO_RECORDS).
 */
export async function seedDemoRecords(
  commands: CommandBus,
  officers: Record<string, WorkflowActor>,
  subjects: DemoSubject[],
  today: string,
): Promise<number> {
  let count = 0;
  for (const subject of subjects) {
    const officer = officers[subject.authorityCode];
    if (!officer) continue;
    const dated = (kind: DemoRecordKind) => ({
      decisionNumber: demoDecisionNumber(subject.authorityCode, kind, today),
      decisionDate: demoDecisionDate(kind, today),
    });
    const records: Omit<RegisterCreditRecordInput, 'subject' | 'authorityCode'>[] = [
      {
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        ...dated('general'),
        facts: '道路运输车辆未按规定进行年度审验，继续从事经营活动。',
        legalBasis: '《道路运输条例》第七十条',
      },
      {
        kind: 'administrative_penalty',
        severity: 'minor',
        field: 'overload_control',
        ...dated('minor'),
        facts: '货运车辆超限运输，超限幅度较小，当场改正。',
        legalBasis: '《公路安全保护条例》第六十四条',
      },
      {
        kind: 'serious_list',
        severity: 'serious',
        field: 'work_safety',
        ...dated('serious'),
        facts: '发生较大道路运输安全生产责任事故，被列入严重失信主体名单。',
        legalBasis:
          '《交通运输部关于印发〈交通运输守信联合激励和失信联合惩戒对象名单管理办法（试行）〉的通知》',
      },
    ];
    for (const record of records) {
      const input = {
        ...record,
        subject: { type: 'legal_person' as const, code: subject.code, name: subject.name },
        authorityCode: subject.authorityCode,
      };
      await commands.execute(new RegisterCreditRecordCommand(input, officer, { correlationId: 'demo-seed' }));
      count++;
    }
  }
  return count;
}
