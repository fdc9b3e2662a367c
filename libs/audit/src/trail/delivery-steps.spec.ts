import { deliveryStepOf, interleaveByTime, orderRecords, type DeliveryRecordRow } from './delivery-steps';

const MESSAGE = '0190f7a0-0000-7000-8000-000000000001';
const REPAIRED = { zh: '信用修复完成，停止公示', en: 'Repaired: stop publishing' };

function row(overrides: Partial<DeliveryRecordRow>): DeliveryRecordRow {
  return {
    kind: 'attempt',
    message_id: MESSAGE,
    topic: 'credit-repair.approved',
    happened: REPAIRED,
    platform_code: 'credit-china',
    platform_name: '信用中国',
    attempt: 1,
    outcome: 'received',
    http_status: 200,
    detail: null,
    duration_ms: 12,
    actor_id: 'worker-1:4242',
    actor_role: null,
    actor_authority: null,
    recorded_at: new Date('2026-06-01T02:00:00.000Z'),
    sync_due_at: new Date('2026-06-04T16:00:00.000Z'),
    ...overrides,
  };
}

describe('delivery steps of the audit trail', () => {
  it('names a failed attempt, its number, the answer and the error, done by the relay', () => {
    const step = deliveryStepOf(
      row({ outcome: 'failed', http_status: 503, detail: 'HTTP 503 Service Unavailable' }),
    );
    expect(step).toMatchObject({
      source: 'delivery',
      kind: 'attempt',
      messageId: MESSAGE,
      platform: { code: 'credit-china', name: '信用中国' },
      attempt: 1,
      outcome: 'failed',
      outcomeLabel: { zh: '失败', en: 'failed' },
      httpStatus: 503,
      error: 'HTTP 503 Service Unavailable',
      reason: null,
      late: null,
      syncDueAt: null,
      actor: { id: 'worker-1:4242', role: 'system', roleLabel: { zh: '系统' } },
      actionLabel: {
        zh: '向「信用中国」推送「信用修复完成，停止公示」（第 1 次）：失败（HTTP 503）',
        en: 'Sent "Repaired: stop publishing" to 信用中国 (attempt 1): failed (HTTP 503)',
      },
    });
  });

  it('tells a receipt in time from a late one against the sync limit, with the platform as its actor', () => {
    const onTime = deliveryStepOf(
      row({ kind: 'receipt', attempt: null, outcome: 'done', http_status: null, detail: null }),
    );
    expect(onTime).toMatchObject({
      late: false,
      syncDueAt: '2026-06-04T16:00:00.000Z',
      actor: { id: 'credit-china', displayName: '信用中国', role: 'platform' },
      actionLabel: { zh: '「信用中国」执行反馈：已执行（在同步确认期限内）' },
    });
    const late = deliveryStepOf(
      row({
        kind: 'receipt',
        outcome: 'refused',
        detail: '主体名称不一致',
        recorded_at: new Date('2026-06-04T16:00:00.001Z'),
      }),
    );
    expect(late).toMatchObject({
      late: true,
      reason: '主体名称不一致',
      error: null,
      actionLabel: { en: '信用中国 answered: refused (after the confirmation limit)' },
    });
    const unmeasured = deliveryStepOf(row({ kind: 'receipt', outcome: 'done', sync_due_at: null }));
    expect(unmeasured.late).toBeNull();
    expect(unmeasured.actionLabel.zh).toBe('「信用中国」执行反馈：已执行');
  });

  it('names the operator of a retry by role and authority', () => {
    const step = deliveryStepOf(
      row({
        kind: 'retry',
        attempt: null,
        outcome: 'requeued',
        http_status: null,
        actor_id: '0190f7a0-0000-7000-8000-0000000000aa',
        actor_role: 'admin',
        actor_authority: '320830',
      }),
    );
    expect(step).toMatchObject({
      kind: 'retry',
      actor: { role: 'admin', roleLabel: { zh: '系统管理员' }, authorityCode: '320830' },
      actionLabel: { zh: '重试向「信用中国」的推送：已重新排队推送' },
      late: null,
    });
  });

  it('falls back to the platform code and the topic before the message was composed', () => {
    const step = deliveryStepOf(
      row({ platform_name: null, happened: null, outcome: 'dead-lettered', http_status: 500 }),
    );
    expect(step.actionLabel.en).toBe(
      'Sent "credit-repair.approved" to credit-china (attempt 1): failed, dead-lettered (HTTP 500)',
    );
  });

  it('places records among events by time, an event first when they share an instant', () => {
    const at = (iso: string, name: string) => ({ recordedAt: `2026-06-01T${iso}:00.000Z`, name });
    const merged = interleaveByTime(
      [at('01:00', 'submitted'), at('02:00', 'approved'), at('05:00', 'revoked')],
      [at('00:30', 'early'), at('02:00', 'attempt 1'), at('03:00', 'attempt 2'), at('06:00', 'receipt')],
    );
    expect(merged.map((s) => s.name)).toEqual([
      'early',
      'submitted',
      'approved',
      'attempt 1',
      'attempt 2',
      'revoked',
      'receipt',
    ]);
  });
});

describe('delivery records of one instant', () => {
  const at = new Date('2026-06-01T02:00:00.000Z');
  const other = '0190f7a0-0000-7000-8000-000000000002';
  const names = (rows: DeliveryRecordRow[]) =>
    orderRecords(rows).map((r) => `${r.kind}:${r.outcome}${r.message_id === other ? ':other' : ''}`);

  it('put a retry before the attempt it caused', () => {
    const attempt = row({ recorded_at: at, attempt: 2 });
    const retry = row({ kind: 'retry', outcome: 'requeued', recorded_at: at });
    expect(names([row({ kind: 'receipt', outcome: 'refused' }), attempt, retry])).toEqual([
      'receipt:refused',
      'retry:requeued',
      'attempt:received',
    ]);
  });

  it('keep a retry after the failure of its message that it answers', () => {
    const dead = row({ recorded_at: at, outcome: 'dead-lettered', http_status: 500 });
    const retry = row({ kind: 'retry', outcome: 'requeued', recorded_at: at });
    const unrelated = row({ message_id: other, outcome: 'failed', recorded_at: at });
    expect(names([dead, unrelated, retry])).toEqual([
      'attempt:dead-lettered',
      'retry:requeued',
      'attempt:failed:other',
    ]);
  });
});
