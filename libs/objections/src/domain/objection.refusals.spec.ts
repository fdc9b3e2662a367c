import { describeRefusalWalk } from '../../../workflow/src/testing/refusal-walk';
import { objectionCaseType } from '../objection.case-type';

describeRefusalWalk('objection', objectionCaseType);
