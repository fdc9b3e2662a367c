/*
 * Every string the console shows, Chinese first. Keys are grouped by page (`signIn.*`, `public.*` …); `{name}` marks a
 * value filled in by t(key, { name }). English must have every key (the compiler checks), so a page never mixes
 * languages. Labels that come from the API ({ zh, en } pairs: states, statuses, refusals) are not repeated here:
 * pages show them with pick().
 */
import { portalEn, portalZh } from './portal-messages';
import { workbenchEn, workbenchZh } from './messages-workbench';
import { auditEn, auditZh } from './messages-audit';
import { adminEn, adminZh } from './messages-admin';
import { dashboardEn, dashboardZh } from './messages-dashboard';

export const zh = {
  'app.name': 'Credence 信用交通',
  'app.tagline': '信用修复 · 异议处理 · 信用承诺',
  'app.language': '语言',
  'app.signOut': '退出登录',
  'app.account': '当前账号',
  'app.skipToContent': '跳到主要内容',
  'app.publicQuery': '公示查询',
  'app.notFound': '页面不存在',
  'app.notFoundHint': '地址可能有误，或页面已移动。',
  'app.backHome': '返回首页',
  'app.loading': '加载中…',
  'app.networkError': '无法连接服务器，请检查网络后重试',

  'role.applicant': '申请人',
  'role.officer': '经办人',
  'role.senior_reviewer': '审核负责人',
  'role.auditor': '审计人员',
  'role.admin': '系统管理员',

  'signIn.title': '登录',
  'signIn.username': '用户名',
  'signIn.password': '密码',
  'signIn.submit': '登录',
  'signIn.usernameRequired': '请输入用户名',
  'signIn.passwordRequired': '请输入密码',
  'signIn.failed': '登录失败',
  'signIn.sessionEnded': '登录已失效，请重新登录',
  'signIn.publicHint': '无需登录即可查询公示信息：',
  'signIn.demoHint': '开发环境首次启动时会打印演示账号及其密码；生产环境不提供演示账号。',

  'public.title': '公示查询',
  'public.intro': '查询信用主体当前公示的失信记录和信用承诺。无需登录。',
  'public.searchLabel': '统一社会信用代码、身份证号或主体名称',
  'public.searchPlaceholder': '如 91320830MA1XY0012B 或 通达运输',
  'public.search': '查询',
  'public.searchTooShort': '名称至少输入 2 个字',
  'public.results': '共 {total} 个主体',
  'public.noResults': '没有找到有公示信息的主体',
  'public.noResultsHint': '只有当前有公示记录或公示承诺的主体才能查到；已修复、已到期的记录不再公示。',
  'public.column.name': '主体名称',
  'public.column.code': '统一社会信用代码 / 身份证号',
  'public.column.records': '公示记录',
  'public.column.commitments': '公示承诺',
  'public.subject.title': '主体公示信息',
  'public.subject.records': '公示中的信用记录',
  'public.subject.noRecords': '该主体当前没有公示中的信用记录',
  'public.subject.commitments': '信用承诺',
  'public.subject.noCommitments': '该主体没有公示的信用承诺',
  'public.subject.back': '返回查询',
  'public.record.decisionNumber': '决定文书号',
  'public.record.decisionDate': '决定日期',
  'public.record.authority': '认定单位',
  'public.record.facts': '失信行为',
  'public.record.legalBasis': '依据',
  'public.record.publicityEnds': '公示截止',
  'public.record.notes': '说明',
  'public.commitment.type': '承诺类型',
  'public.commitment.matter': '事项',
  'public.commitment.authority': '承诺所向单位',
  'public.commitment.promises': '承诺内容',
  'public.commitment.signedOn': '承诺日期',
  'public.commitment.outcomeOn': '结果日期',
  'public.commitment.breachRecord': '违诺记录',

  'deadline.remaining': '剩余 {days} 个工作日（截止 {date}）',
  'deadline.overdue': '已逾期 {days} 个工作日（截止 {date}）',
  'deadline.paused': '已暂停，剩余 {days} 个工作日',
  'deadline.stopped': '已停止',
  'deadline.provisional': '（暂定：该年节假日安排尚未发布）',

  'placeholder.portal': '申请人门户',
  'placeholder.workbench': '审查工作台',
  'placeholder.audit': '审计',
  'placeholder.admin': '系统管理',
  'placeholder.case': '案件',
  'placeholder.body': '此页面尚在建设中。目前可通过 API 使用以下功能：',
  'placeholder.apiDocs': 'API 文档',
  ...portalZh,
  ...workbenchZh,
  ...auditZh,
  ...adminZh,
  ...dashboardZh,
} as const;

export type MessageKey = keyof typeof zh;

export const en: Record<MessageKey, string> = {
  'app.name': 'Credence Transport Credit',
  'app.tagline': 'Credit repair · Objections · Credit commitments',
  'app.language': 'Language',
  'app.signOut': 'Sign out',
  'app.account': 'Signed in as',
  'app.skipToContent': 'Skip to main content',
  'app.publicQuery': 'Public query',
  'app.notFound': 'Page not found',
  'app.notFoundHint': 'The address may be wrong, or the page has moved.',
  'app.backHome': 'Back to start',
  'app.loading': 'Loading…',
  'app.networkError': 'Cannot reach the server; check the network and try again',

  'role.applicant': 'Applicant',
  'role.officer': 'Officer',
  'role.senior_reviewer': 'Senior reviewer',
  'role.auditor': 'Auditor',
  'role.admin': 'Administrator',

  'signIn.title': 'Sign in',
  'signIn.username': 'Username',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.usernameRequired': 'Enter your username',
  'signIn.passwordRequired': 'Enter your password',
  'signIn.failed': 'Sign-in failed',
  'signIn.sessionEnded': 'Your session has ended; please sign in again',
  'signIn.publicHint': 'Published information needs no sign-in:',
  'signIn.demoHint': 'A development start prints the demo accounts and their password; production has none.',

  'public.title': 'Public query',
  'public.intro': "A subject's published credit records and credit commitments. No sign-in needed.",
  'public.searchLabel': 'Unified social credit code, ID number or name',
  'public.searchPlaceholder': 'e.g. 91320830MA1XY0012B or 通达运输',
  'public.search': 'Search',
  'public.searchTooShort': 'Enter at least 2 characters of the name',
  'public.results': '{total} subjects',
  'public.noResults': 'No subject with published information found',
  'public.noResultsHint':
    'Only subjects with records or commitments published now are found; repaired and expired records are no longer published.',
  'public.column.name': 'Name',
  'public.column.code': 'Credit code / ID number',
  'public.column.records': 'Published records',
  'public.column.commitments': 'Published commitments',
  'public.subject.title': 'Published information',
  'public.subject.records': 'Credit records published now',
  'public.subject.noRecords': 'No credit record of this subject is published now',
  'public.subject.commitments': 'Credit commitments',
  'public.subject.noCommitments': 'This subject has no published commitment',
  'public.subject.back': 'Back to search',
  'public.record.decisionNumber': 'Decision number',
  'public.record.decisionDate': 'Decision date',
  'public.record.authority': 'Finding authority',
  'public.record.facts': 'Conduct',
  'public.record.legalBasis': 'Legal basis',
  'public.record.publicityEnds': 'Published until',
  'public.record.notes': 'Notes',
  'public.commitment.type': 'Type',
  'public.commitment.matter': 'Matter',
  'public.commitment.authority': 'Made to',
  'public.commitment.promises': 'Promises',
  'public.commitment.signedOn': 'Signed on',
  'public.commitment.outcomeOn': 'Outcome on',
  'public.commitment.breachRecord': 'Breach record',

  'deadline.remaining': '{days} working days left (due {date})',
  'deadline.overdue': '{days} working days overdue (was due {date})',
  'deadline.paused': 'Paused, {days} working days left',
  'deadline.stopped': 'Stopped',
  'deadline.provisional': " (provisional: the year's holiday schedule is not published yet)",

  'placeholder.portal': 'Applicant portal',
  'placeholder.workbench': 'Reviewer workbench',
  'placeholder.audit': 'Audit',
  'placeholder.admin': 'Administration',
  'placeholder.case': 'Case',
  'placeholder.body': 'This page is being built. Through the API you can already use:',
  'placeholder.apiDocs': 'API documentation',
  ...portalEn,
  ...workbenchEn,
  ...auditEn,
  ...adminEn,
  ...dashboardEn,
};

export type Params = Record<string, string | number>;

/** The message in the language, its `{name}` placeholders filled in. */
export function format(language: 'zh' | 'en', key: MessageKey, params: Params = {}): string {
  const template: string = language === 'en' ? en[key] : zh[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
