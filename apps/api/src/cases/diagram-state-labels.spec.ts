import { describe, expect, it } from '@jest/globals';
import { commitmentCaseType } from '@credence/commitments';
import { creditRecordCaseType } from '@credence/credit-records';
import { repairCaseType } from '@credence/credit-repair';
import { objectionCaseType } from '@credence/objections';
import { diagramStateLabels } from '@credence/workflow';

// A page names a case's states by their labels only (zh, en), compound boxes included: none may lack one.
describe.each([repairCaseType, objectionCaseType, commitmentCaseType, creditRecordCaseType])(
  'the diagram states of $type',
  (caseType) => {
    it('each carry a Chinese and an English label', () => {
      const states = diagramStateLabels(caseType.machine);
      expect(states.length).toBeGreaterThan(3);
      const unlabelled = states.filter((s) => !s.label?.zh || !s.label?.en).map((s) => s.id);
      expect(unlabelled).toEqual([]);
    });
  },
);
