import { describeWorkbenchWalk } from '../../../workflow/src/testing/workbench-walk';
import { objectionCaseType } from '../objection.case-type';

// 补正 for objections is seeded by its migration (ten working days, an authority setting), not a national default.
const SUPPLEMENT = {
  key: 'objection.supplement',
  workingDays: 10,
  label: { zh: '异议补正期限', en: 'Objection supplement window' },
  legalBasis: {
    zh: '认定单位异议处理规定（无全国统一时限，默认值可由认定单位调整）',
    en: "the finding authority's objection rules (no national limit; the default is an authority setting)",
  },
  effectiveFrom: '2019-01-01',
};

describeWorkbenchWalk('objection', objectionCaseType, '91320830MA1XY0012B', [], [SUPPLEMENT]);
