import { shortestModelPaths, type CaseTypeDefinition } from '@credence/workflow';
import { describeRefusalWalk } from '../../../workflow/src/testing/refusal-walk';
import { commitmentCaseType } from '../commitment.case-type';
import { COMMITMENT_TYPES } from './commitment';

// The graph abstracts a snapshot to its active states, so each type of commitment gets its own paths (as in the
// machine's model test): only then are the 容缺 states reached.
const ofOneType = (type: string): CaseTypeDefinition => ({
  ...commitmentCaseType,
  modelEvents: (snapshot) =>
    commitmentCaseType.modelEvents!(snapshot).filter(
      (e) => e.type !== 'CommitmentSigned' || e.data.type === type,
    ),
});

describeRefusalWalk('commitment', commitmentCaseType, () =>
  COMMITMENT_TYPES.flatMap((type) => shortestModelPaths(ofOneType(type))),
);
