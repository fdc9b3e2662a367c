import { describeWorkbenchWalk } from '../../../workflow/src/testing/workbench-walk';
import { commitmentCaseType } from '../commitment.case-type';

describeWorkbenchWalk('commitment', commitmentCaseType, '91320830MA1XY0012B', ['CaseReturned']);
