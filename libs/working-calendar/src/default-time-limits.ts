/**
 * National default time limits, seeded once; from then on they are rows an administrator changes by adding an
 * effective-dated version or an authority's own setting. No imports, so the seeding migration can use this file.
 */
export interface TimeLimitSeed {
  key: string;
  workingDays: number;
  label: { zh: string; en: string };
  legalBasis: { zh: string; en: string };
  effectiveFrom: string;
}

const REPAIR_BASIS = {
  zh: '《信用修复管理办法》（国家发展改革委令第36号）；国办发〔2025〕22号',
  en: 'NDRC Order No. 36 (Credit Repair Measures); State Council General Office Document 〔2025〕 No. 22',
};
const OBJECTION_BASIS = {
  zh: '认定单位异议处理规定（无全国统一时限，默认值可由认定单位调整）',
  en: "the finding authority's objection rules (no national limit; the default is an authority setting)",
};

export const DEFAULT_TIME_LIMITS: TimeLimitSeed[] = [
  {
    key: 'reminder.due-soon',
    workingDays: 2,
    label: { zh: '临期提醒', en: 'Due-soon reminder' },
    legalBasis: { zh: '内部管理要求', en: 'internal management setting' },
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'publicity.double',
    workingDays: 7,
    label: { zh: '双公示上网', en: 'Publication of the decision (双公示)' },
    legalBasis: {
      zh: '行政许可、行政处罚信息自作出决定之日起7个工作日内上网公开',
      en: 'licences and penalties are published within 7 working days of the decision',
    },
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'repair.acceptance',
    workingDays: 3,
    label: { zh: '受理时限', en: 'Acceptance' },
    legalBasis: REPAIR_BASIS,
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'repair.result',
    workingDays: 10,
    label: { zh: '办结时限', en: 'Result' },
    legalBasis: REPAIR_BASIS,
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'repair.supplement',
    workingDays: 10,
    label: { zh: '补正期限', en: 'Supplement window' },
    legalBasis: REPAIR_BASIS,
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'repair.extension',
    workingDays: 10,
    label: { zh: '延期', en: 'Extension' },
    legalBasis: REPAIR_BASIS,
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'objection.acceptance',
    workingDays: 2,
    label: { zh: '异议受理时限', en: 'Objection acceptance' },
    legalBasis: OBJECTION_BASIS,
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'objection.verification',
    workingDays: 10,
    label: { zh: '核实时限', en: 'Verification' },
    legalBasis: OBJECTION_BASIS,
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'objection.extension',
    workingDays: 10,
    label: { zh: '核实延期', en: 'Verification extension' },
    legalBasis: OBJECTION_BASIS,
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'objection.appeal-window',
    workingDays: 5,
    label: { zh: '复核申请期限', en: 'Appeal window' },
    legalBasis: OBJECTION_BASIS,
    effectiveFrom: '2019-01-01',
  },
  {
    key: 'objection.appeal-decision',
    workingDays: 10,
    label: { zh: '复核办结时限', en: 'Appeal decision' },
    legalBasis: OBJECTION_BASIS,
    effectiveFrom: '2019-01-01',
  },
];
