import { describeWorkbenchWalk } from '../../../workflow/src/testing/workbench-walk';
import { repairCaseType } from '../repair.case-type';

describeWorkbenchWalk('repair', repairCaseType, '91320830MA1XY0012B', [
  'CaseReturned',
  'returnAfterPause',
  'returnAfterPauseWithRunningClock',
]);
