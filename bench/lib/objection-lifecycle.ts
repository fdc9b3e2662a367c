import type { BenchClient } from './http-client';
import type { Step } from './lifecycle';

/**
 * One objection from filing to its answer (the most common outcome, 维持): file → accept (the record is marked) →
 * uphold with outcome maintain.
 */
export function objectionLifecycle(
  client: BenchClient,
  tokens: { applicant: string; officer: string },
  records: string[],
) {
  let next = 0;
  const post = (token: string, path: string, body: object) => async () =>
    (await client.send('POST', path, token, JSON.stringify(body))).status === 200;
  return async (_worker: number, _i: number, step: Step): Promise<boolean> => {
    const recordId = records[next++];
    if (!recordId) return false;
    let id = '';
    const filed = await step('file', async () => {
      const res = await client.send(
        'POST',
        '/api/v1/objections',
        tokens.applicant,
        JSON.stringify({
          recordId,
          ground: 'wrong',
          statement: '处罚决定书载明的车辆号牌与本单位车辆不符。',
          commitment: { content: '本单位承诺所提交的异议材料真实有效。', consent: true },
        }),
      );
      if (res.status === 201) id = JSON.parse(res.body).id;
      return res.status === 201;
    });
    const base = `/api/v1/objections/${id}`;
    return (
      filed &&
      (await step('accept', post(tokens.officer, `${base}/accept`, {}))) &&
      (await step(
        'uphold',
        post(tokens.officer, `${base}/uphold`, {
          outcome: 'maintain',
          reasons: ['经溯源核实，原记录无误'],
          legalBasis: '《道路运输条例》第七十条',
        }),
      ))
    );
  };
}
