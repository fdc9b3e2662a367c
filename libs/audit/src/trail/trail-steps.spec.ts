import { creditRecordCaseType } from '@credence/credit-records';
import type { RecordedEvent } from '@credence/event-store';
import { trailSteps } from './trail-steps';

const caseId = '0190f0e0-0000-7000-8000-000000000001';
const officer = {
  actorId: '0190f0e0-0000-7000-8000-0000000000aa',
  actorRole: 'officer',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  correlationId: 'req-1',
  machine: { id: 'creditRecord', version: '1' },
};
const system = {
  ...officer,
  actorId: 'system',
  actorRole: 'system',
  authorityCode: null,
  authorityPath: null,
};
const admin = {
  ...officer,
  actorId: 'admin-1',
  actorRole: 'admin',
  authorityCode: null,
  authorityPath: null,
};
const record = {
  subject: { type: 'legal_person', code: '91320830MA1XY0012B', name: '盱眙通达' },
  kind: 'administrative_penalty',
  severity: 'general',
  field: 'road_transport',
  decisionNumber: '盱交罚〔2026〕0510号',
  decisionDate: '2026-05-10',
  authorityCode: '320830',
  authorityPath: '320000/320800/320830',
  authorityName: '盱眙县交通运输局',
  facts: '未年审',
  legalBasis: '《道路运输条例》第七十条',
};
const periods = {
  ruleSet: 'ndrc-order-36-2026',
  repairableFrom: '2026-08-11',
  repairableAt: '2026-08-10T16:00:00.000Z',
  publicityEndsAfter: '2027-05-10',
  expiresAt: '2027-05-10T16:00:00.000Z',
};

let version = 0;
function event(
  type: string,
  at: string,
  metadata: Record<string, unknown>,
  data: Record<string, unknown> = {},
) {
  version++;
  return {
    globalPosition: 100 + version,
    transactionId: '1',
    streamId: `creditRecord-${caseId}`,
    streamVersion: version,
    streamType: 'creditRecord',
    eventId: `0190f0e0-0000-7000-8000-00000000000${version}`,
    type,
    schemaVersion: 1,
    data,
    metadata,
    recordedAt: new Date(at),
    hashAlgorithm: 'sm3',
    prevHash: Buffer.alloc(32, version - 1),
    hash: Buffer.alloc(32, version),
  } as RecordedEvent;
}

const events = [
  event(
    'CreditRecordRegistered',
    '2026-06-01T02:00:00Z',
    { ...officer, ruleSet: 'ndrc-order-36-2026' },
    { record, ...periods },
  ),
  event('ClockStarted', '2026-06-01T02:00:00Z', officer, {
    clock: 'review',
    limit: { label: { zh: '办结时限', en: 'Decision time limit' } },
  }),
  event('MinimumPeriodReached', '2026-08-10T16:00:00Z', system),
  event('CreditRecordShielded', '2026-08-20T02:00:00Z', officer, {
    reason: '法院裁定批准重整计划',
    legalBasis: null,
  }),
  event('ShieldLifted', '2026-09-01T02:00:00Z', officer, { reason: '重整计划执行完毕' }),
  event('CreditRecordCorrected', '2026-09-02T02:00:00Z', admin, {
    record: { facts: '更正后的事实' },
    reasons: ['原认定事实有误'],
    reasonCodes: ['FACT_ERROR'],
    opinion: '同意更正',
    legalBasis: '《信用修复管理办法》第十二条',
    gradeSnapshot: { grade: 'B' },
    materials: [{ id: 'm-1', sha256: 'a'.repeat(64) }],
  }),
];

describe('trailSteps', () => {
  const steps = trailSteps(caseId, events, creditRecordCaseType);

  it('labels each step from the transition meta, with the states before and after', () => {
    expect(steps[0]).toMatchObject({
      streamVersion: 1,
      eventType: 'CreditRecordRegistered',
      action: 'register',
      actionLabel: { zh: '登记信用记录', en: 'Register the record' },
      stateBefore: { label: { zh: '未登记', en: 'Not registered' } },
      stateAfter: { label: { zh: '公示中 · 无异议', en: 'Published · No objection' } },
      stateChanged: true,
      outcome: 'published',
      actor: {
        id: officer.actorId,
        role: 'officer',
        roleLabel: { zh: '经办人', en: 'Officer' },
        authorityCode: '320830',
      },
      ruleSet: 'ndrc-order-36-2026',
      legalBasis: '《道路运输条例》第七十条',
      correlationId: 'req-1',
      chain: { algorithm: 'sm3', hash: '01'.repeat(32), prevHash: '00'.repeat(32) },
    });
    expect(steps[3]).toMatchObject({
      action: 'shield',
      actionLabel: { zh: '暂时屏蔽', en: 'Shield temporarily' },
      stateBefore: { label: { zh: '可申请修复 · 无异议' } },
      stateAfter: { label: { zh: '暂时屏蔽 · 无异议' } },
      outcome: 'shielded',
      reasons: ['法院裁定批准重整计划'],
    });
    expect(steps[4]).toMatchObject({
      action: 'lift-shield',
      outcome: 'repairable',
      reasons: ['重整计划执行完毕'],
    });
  });

  it('names engine clock events and unlabelled timer transitions by what they did', () => {
    // Recorded in the officer's command, but the engine counts the clock: the step reads as the system's.
    expect(steps[1]).toMatchObject({
      actionLabel: {
        zh: '法定时限开始计算（办结时限）',
        en: 'Statutory clock started (Decision time limit)',
      },
      actor: { id: 'system', role: 'system', roleLabel: { zh: '系统', en: 'System' } },
      correlationId: 'req-1',
      stateChanged: false,
      outcome: null,
    });
    expect(steps[2]).toMatchObject({
      action: null,
      actionLabel: {
        zh: '进入「可申请修复 · 无异议」',
        en: 'Entered "Repair may be applied for · No objection"',
      },
      actor: { id: 'system', roleLabel: { zh: '系统', en: 'System' } },
      outcome: 'repairable',
    });
  });

  it('extracts the decision facts convention generically', () => {
    expect(steps[5]).toMatchObject({
      action: 'correct',
      actionLabel: { zh: '更正', en: 'Correct' },
      stateChanged: false,
      reasons: ['原认定事实有误'],
      reasonCodes: ['FACT_ERROR'],
      opinion: '同意更正',
      legalBasis: '《信用修复管理办法》第十二条',
      gradeSnapshot: { grade: 'B' },
      materials: [{ id: 'm-1', sha256: 'a'.repeat(64) }],
    });
  });

  it('shows a history the machine refuses raw instead of hiding it', () => {
    const broken = trailSteps(caseId, [events[0], events[4]], creditRecordCaseType);
    expect(broken[1]).toMatchObject({
      eventType: 'ShieldLifted',
      action: 'lift-shield',
      stateBefore: null,
      stateAfter: null,
      actionLabel: { zh: 'ShieldLifted', en: 'ShieldLifted' },
    });
  });

  it('works without a known case type', () => {
    expect(trailSteps(caseId, events.slice(0, 1), null)[0]).toMatchObject({ action: null, stateAfter: null });
  });
});
