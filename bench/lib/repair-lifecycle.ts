import type { BenchClient } from './http-client';
import type { Step } from './lifecycle';

const SUBJECT = { type: 'legal_person', code: '91320830MA1XY0012B', name: '盱眙通达道路运输有限公司' };
const COMMITMENT = { content: '本单位承诺已纠正失信行为，所提交材料真实有效。', consentToPublish: true };

/**
 * Registers `count` general records of applicant-a's enterprise decided long enough ago to be repairable, so that
 * each lifecycle has its own record. Not timed: the registrations are the commands bench already measures.
 */
export async function repairableRecords(
  client: BenchClient,
  officer: string,
  count: number,
  concurrency: number,
  series = 'R',
) {
  const ids: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let n = next++; n < count; n = next++) {
        const res = await client.send(
          'POST',
          '/api/v1/credit-records',
          officer,
          JSON.stringify({
            subject: SUBJECT,
            kind: 'administrative_penalty',
            severity: 'general',
            field: 'road_transport',
            decisionNumber: `盱交罚〔2026〕${series}${n}号`,
            decisionDate: '2026-01-05',
            facts: '货运车辆超限运输。',
          }),
        );
        if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${res.body}`);
        ids.push(JSON.parse(res.body).id);
      }
    }),
  );
  return ids;
}

/**
 * One repair application from draft to approval (the authority's default: a general record, recommended by the
 * officer and decided by the senior reviewer): create → submit → accept → recommend → approve.
 */
export function repairLifecycle(
  client: BenchClient,
  tokens: { applicant: string; officer: string; reviewer: string },
  records: string[],
) {
  let next = 0;
  const post = (token: string, path: string, body: object, expected: number) => async () =>
    (await client.send('POST', path, token, JSON.stringify(body))).status === expected;
  return async (_worker: number, _i: number, step: Step): Promise<boolean> => {
    const recordId = records[next++];
    if (!recordId) return false;
    let id = '';
    const created = await step('create', async () => {
      const res = await client.send(
        'POST',
        '/api/v1/repair-applications',
        tokens.applicant,
        JSON.stringify({ recordId, commitment: COMMITMENT }),
      );
      if (res.status === 201) id = JSON.parse(res.body).id;
      return res.status === 201;
    });
    const base = `/api/v1/repair-applications/${id}`;
    return (
      created &&
      (await step('submit', post(tokens.applicant, `${base}/submit`, {}, 200))) &&
      (await step('accept', post(tokens.officer, `${base}/accept`, {}, 200))) &&
      (await step(
        'recommend',
        post(
          tokens.officer,
          `${base}/recommend`,
          { recommendation: 'approve', opinion: '已履行义务，建议准予修复。', reasons: ['罚款已缴纳'] },
          200,
        ),
      )) &&
      (await step(
        'approve',
        post(tokens.reviewer, `${base}/approve`, { legalBasis: '《信用修复管理办法》第十二条' }, 200),
      ))
    );
  };
}
