import { type DecisionDocument } from '../decision-document';

/**
 * A typical 信用修复决定书 (approved repair of a general-severity penalty record), about a page and a half: what the
 * repair workflow issues most often. Shared by the tests and `bench/documents.ts`.
 */
export function sampleRepairDecision(overrides: Partial<DecisionDocument> = {}): DecisionDocument {
  return {
    kind: 'repair-decision',
    title: { zh: '信用修复决定书', en: 'Credit repair decision' },
    documentNumber: 'XF-320830-2026-000123',
    authority: { code: '320830', name: '盱眙县交通运输局' },
    subject: { name: '江苏盱眙某某道路运输有限公司', code: '91320830MA1XY0012B' },
    sections: [
      {
        heading: { zh: '信用修复申请', en: 'Application' },
        body: [
          '你单位于2026年5月20日通过本系统提交信用修复申请，申请修复我局于2026年1月10日作出的行政处罚信息（盱交执罚〔2026〕12号），并提交了已履行行政处罚决定的证明材料和信用修复承诺书。我局于2026年5月21日受理该申请。',
        ],
      },
      {
        heading: { zh: '涉及的信用记录', en: 'Record concerned' },
        body: [
          '记录类别：行政处罚信息；失信程度：一般；所属领域：道路运输。',
          '违法事实：你单位所属车辆苏H·12345于2025年12月3日未按规定进行车辆年度审验即从事道路货物运输经营，违反了道路运输管理的有关规定，我局依法对你单位作出罚款人民币贰仟元的行政处罚。',
        ],
      },
      {
        heading: { zh: '审核情况', en: 'Review' },
        body: [
          '经审核，你单位已于2026年1月20日缴清全部罚款并完成涉事车辆的年度审验，最短公示期已于2026年4月10日届满，你单位已作出信用修复承诺，符合信用修复的条件。',
        ],
      },
      {
        heading: { zh: '决定', en: 'Decision' },
        body: [
          '我局决定对你单位上述行政处罚信息准予信用修复，自本决定作出之日起停止公示，并同步推送至全国信用信息共享平台和“信用中国”网站。',
          '如发现申请材料虚假或者你单位违反信用修复承诺，我局将依法撤销本决定，恢复公示上述信息。',
        ],
      },
    ],
    legalBasis: [
      '《信用修复管理办法》（国家发展改革委令第36号）',
      '国务院办公厅《关于进一步完善信用修复制度的实施方案》（国办发〔2025〕22号）',
    ],
    decidedAt: '2026-06-01',
    remedies:
      '如对本决定不服，可以自收到本决定书之日起六十日内依法申请行政复议，或者自收到本决定书之日起六个月内依法向人民法院提起行政诉讼。',
    footer: '本文书为电子文书，内容可通过案件编号在本系统核验。',
    ...overrides,
  };
}
