import { describeRefusalWalk } from '../../../workflow/src/testing/refusal-walk';
import { creditRecordCaseType } from '../credit-record.case-type';

describeRefusalWalk('credit record', creditRecordCaseType);
