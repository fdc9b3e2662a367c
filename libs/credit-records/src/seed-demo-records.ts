import type { CommandBus } from '@nestjs/cqrs';
import type { WorkflowActor } from '@credence/workflow';
import { RegisterCreditRecordCommand, type RegisterCreditRecordInput } from './register-credit-record';

export interface DemoSubject {
  code: string;
  name: string;
  authorityCode: string;
}

/**
 * A few records per demo enterprise, registered through the engine like any other (so their history and timers
 * are real): one already repairable, one still within its minimum period, one serious.
 */
export async function seedDemoRecords(
  commands: CommandBus,
  officers: Record<string, WorkflowActor>,
  subjects: DemoSubject[],
): Promise<number> {
  let count = 0;
  for (const subject of subjects) {
    const officer = officers[subject.authorityCode];
    if (!officer) continue;
    const prefix = subject.authorityCode === '320830' ? '盱交罚' : '资交罚';
    const records: Omit<RegisterCreditRecordInput, 'subject' | 'authorityCode'>[] = [
      {
        kind: 'administrative_penalty',
        severity: 'general',
        field: 'road_transport',
        decisionNumber: `${prefix}〔2026〕0412号`,
        decisionDate: '2026-04-12',
        facts: '道路运输车辆未按规定进行年度审验，继续从事经营活动。',
        legalBasis: '《道路运输条例》第七十条',
      },
      {
        kind: 'administrative_penalty',
        severity: 'minor',
        field: 'overload_control',
        decisionNumber: `${prefix}〔2026〕0903号`,
        decisionDate: '2026-09-03',
        facts: '货运车辆超限运输，超限幅度较小，当场改正。',
        legalBasis: '《公路安全保护条例》第六十四条',
      },
      {
        kind: 'serious_list',
        severity: 'serious',
        field: 'work_safety',
        decisionNumber: `${prefix}〔2026〕1015号`,
        decisionDate: '2026-10-15',
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
