import { describe, expect, it } from '@jest/globals';
import { renderDecisionPdf } from '@credence/documents';
import { decide, initialSnapshot, type MachineEvent, type WorkflowActor } from '@credence/workflow';
import type { ObjectionContext } from './domain/objection';
import { objectionCaseType } from './objection.case-type';
import { MODEL_ACTORS, MODEL_RECORD } from './objection.model-events';
import { maskedSubjectCode } from '@credence/shared';
import { objectionNotice } from './objection-notice';

const { subject, officer, secondReviewer } = MODEL_ACTORS;
const ev = (
  type: string,
  actor: WorkflowActor,
  at: string,
  data: Record<string, unknown> = {},
): MachineEvent => ({
  type,
  actor,
  at,
  data,
});

function contextAfter(...events: MachineEvent[]): ObjectionContext {
  let snapshot = initialSnapshot(objectionCaseType.machine, 'case-1');
  for (const event of events) {
    const decision = decide(objectionCaseType.machine, snapshot, event);
    if (!decision.accepted) throw new Error(`refused: ${event.type}`);
    snapshot = decision.next;
  }
  return snapshot.context as ObjectionContext;
}

const filed = ev('ObjectionFiled', subject, '2026-06-01T02:00:00.000Z', {
  caseNumber: 'YY-320830-2026-000001',
  record: MODEL_RECORD,
  ground: 'wrong',
  statement: '处罚决定书载明的车辆号牌与本公司车辆不符',
  commitment: { content: '承诺', consent: true },
});
const accepted = ev('ObjectionAccepted', officer, '2026-06-02T02:00:00.000Z');
const answered = ev('ObjectionAnswered', officer, '2026-06-05T02:00:00.000Z', {
  outcome: 'correct',
  reasons: ['经调取执法记录仪视频，车辆号牌登记有误'],
  legalBasis: '《江苏省社会信用条例》第三十四条',
  correction: {
    record: { facts: '苏H·12345 未按规定年审' },
    changes: [{ field: 'facts', from: '苏H·54321 未按规定年审', to: '苏H·12345 未按规定年审' }],
  },
});

describe('objection notices', () => {
  it('has none before an answer', () => {
    expect(objectionNotice(contextAfter(filed, accepted), null)).toBeNull();
  });

  it('tells the outcome, the reasons, the legal basis and the appeal window (异议处理结果告知书)', async () => {
    const doc = objectionNotice(contextAfter(filed, accepted, answered), '2026-06-12')!;
    expect(doc).toMatchObject({
      kind: 'objection-answer',
      title: { zh: '异议处理结果告知书' },
      documentNumber: 'YY-320830-2026-000001',
      authority: { code: '320830', name: '盱眙县交通运输局' },
      subject: { name: '盱眙通达道路运输有限公司', code: '91320830MA1XY0012B' },
      legalBasis: ['《江苏省社会信用条例》第三十四条'],
      decidedAt: '2026-06-05T02:00:00.000Z',
    });
    const text = JSON.stringify(doc.sections);
    expect(text).toContain('异议事由：信息错误');
    expect(text).toContain('处理结果：更正');
    expect(text).toContain('违法失信事实由“苏H·54321 未按规定年审”更正为“苏H·12345 未按规定年审”');
    expect(text).toContain('车辆号牌登记有误');
    expect(doc.remedies).toContain('2026年6月12日前');
    const pdf = await renderDecisionPdf(doc);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('names the appeal decision’s authority and says the answer was overturned (复核决定书)', () => {
    const context = contextAfter(
      filed,
      accepted,
      ev('ObjectionAnswered', officer, '2026-06-05T02:00:00.000Z', {
        outcome: 'maintain',
        reasons: ['经核实无误'],
        legalBasis: '依据',
      }),
      ev('AppealFiled', subject, '2026-06-08T02:00:00.000Z', {
        statement: '提供了新的证据',
        appealAuthority: {
          authority: { code: '320830', path: '320000/320800/320830', name: '盱眙县交通运输局' },
          decidedBy: 'same-authority',
          setting: {
            settingId: '1',
            value: 'same-authority',
            authorityCode: null,
            effectiveFrom: '2019-01-01',
          },
          note: null,
        },
      }),
      ev('AppealDecided', secondReviewer, '2026-06-10T02:00:00.000Z', {
        decision: 'overturn',
        outcome: 'remove',
        reasons: ['新证据证明该处罚已被撤销'],
        legalBasis: '《行政处罚法》',
      }),
    );
    const doc = objectionNotice(context, '2026-06-12')!;
    expect(doc).toMatchObject({ kind: 'appeal-decision', title: { zh: '异议复核决定书' } });
    const text = JSON.stringify(doc.sections);
    expect(text).toContain('撤销原处理结果');
    expect(text).toContain('处理结果：删除');
    expect(doc.remedies).toContain('最终结果');
  });

  it('masks a person’s ID number but not a company’s code', () => {
    expect(maskedSubjectCode('11010519491231002X')).toBe('110105********002X');
    expect(maskedSubjectCode('91320830MA1XY0012B')).toBe('91320830MA1XY0012B');
  });
});
