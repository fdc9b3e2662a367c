import { replayPath, shortestModelPaths } from '@credence/workflow';
import { creditRecordCaseType } from '../credit-record.case-type';

describe('credit record machine (model-based: every shortest path)', () => {
  const paths = shortestModelPaths(creditRecordCaseType);

  it('reaches every state a record can be in', () => {
    const targets = new Set(paths.map((p) => p.target));
    for (const leaf of ['published', 'repairable', 'shielded', 'repaired', 'expired', 'removed']) {
      expect([...targets].some((t) => t.includes(`.${leaf}`))).toBe(true);
    }
    expect([...targets].some((t) => t.includes('dispute.marked'))).toBe(true);
  });

  it.each(paths.map((p) => [p.target, p] as const))(
    'replays the path to %s through the engine',
    (target, path) => {
      expect(replayPath(creditRecordCaseType, path)).toBe(target);
    },
  );
});
