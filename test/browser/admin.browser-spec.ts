import { tongdaRecord } from './support/demo-records';
import { resolve } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { apiCaller, expectClean, uploadPdf, type CaseAnswer } from './support/api';
import { screenshot, startConsole, type ConsoleUnderTest } from './support/console';

const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** 通达's general record (seed-demo-records.ts), repairable now. */
const GENERAL = tongdaRecord('general');
const NEW_PASSWORD = 'Qinghe-2027-shenhe!';
// Pictures of each page for a person to look at, when asked for (ADMIN_SCREENSHOTS=<directory>).
const SHOTS = process.env.ADMIN_SCREENSHOTS;

/**
 * 2027 as a notice would set it out (the seeded calendar stops at 2026, so 2027 is provisional): one CSV line a day.
 * 2027-02-06 is a Saturday off, 2027-02-20 a Saturday worked (调休).
 */
const SCHEDULE_2027 = [
  '日期,类型,节日',
  ...['2027-01-01', '2027-01-02', '2027-01-03'].map((d) => `${d},放假,元旦`),
  ...['06', '07', '08', '09', '10', '11', '12'].map((d) => `2027-02-${d},放假,春节`),
  '2027-02-20,调休,春节',
  ...['2027-04-03', '2027-04-04', '2027-04-05'].map((d) => `${d},放假,清明节`),
  ...['01', '02', '03', '04', '05'].map((d) => `2027-05-${d},放假,劳动节`),
  '2027-04-25,调休,劳动节',
  '2027-06-09,放假,端午节',
  '2027-09-15,放假,中秋节',
  ...['01', '02', '03', '04', '05', '06', '07'].map((d) => `2027-10-${d},放假,国庆节`),
  '2027-09-26,调休,国庆节',
  '2027-10-09,调休,国庆节',
].join('\n');

/**
 * Picks an option of an antd Select by its title: opens it (unless `select` is null: already open, e.g. while typing
 * a search), waits for its list to be shown and for the list to close again after the click.
 */
async function choose(page: Page, select: Locator | null, title: string): Promise<void> {
  await select?.click();
  const list = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)');
  // A click while the list is still appearing can be lost on a loaded machine: click again until it closes.
  for (let attempt = 1; ; attempt++) {
    await list.locator(`.ant-select-item-option[title="${title}"]`).click();
    try {
      await list.waitFor({ state: 'hidden', timeout: 3_000 });
      return;
    } catch (error) {
      if (attempt === 3) throw error;
      if ((await list.count()) === 0) return; // it closed just after the wait gave up
    }
  }
}

/** A row of an account's history whose change (创建, 声明关联主体, …) is `change`. */
function historyRow(drawer: Locator, change: string): Locator {
  return drawer
    .getByRole('row')
    .filter({ has: drawer.page().getByRole('cell', { name: change, exact: true }) });
}

interface Version {
  year: number;
  region: string | null;
  version: number;
  loadedBy: string;
  festivals: { name: string; holidays: string[]; makeupWorkdays: string[] }[];
}

/**
 * The administration in the browser: an admin lands on /admin, creates an officer, declares a subject the officer is
 * related to (回避) — the officer is then refused that subject's case — sees the declaration listed and in the
 * account's history under their name, withdraws it with a reason — the officer may then accept the case — and
 * loads 2027 from a pasted list: refused first while incomplete, then listed, drawn in the month grid, confirmed by
 * the API and recorded as a version with who loaded it. Every administration page passes axe.
 */
describe('the administration console (browser)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => (ui = await startConsole()), 120_000);
  afterAll(() => ui?.stop());

  const call = apiCaller<Record<string, unknown> & CaseAnswer>(() => ui);
  const shot = async (page: Page, name: string) => {
    if (SHOTS) await screenshot(page, resolve(SHOTS, `${name}.png`));
  };
  let adminPage: Page;
  let officerToken: string;
  let related: { subjectCode: string; caseId: string; version: number };

  const signInByApi = async (username: string, password: string): Promise<string> => {
    const login = await fetch(`${ui.api.baseUrl}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    expect(login.status).toBe(200);
    return ((await login.json()) as { accessToken: string }).accessToken;
  };
  /** The officer accepts the case: [status, problem code] (no code when accepted). */
  const acceptAs = async (
    token: string,
    { caseId, version }: { caseId: string; version: number },
  ): Promise<[number, string | undefined]> => {
    const accept = await fetch(`${ui.api.baseUrl}/api/v1/repair-applications/${caseId}/accept`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': 'application/json',
        'If-Match': String(version),
      },
      body: JSON.stringify({ opinion: '材料齐全，予以受理。' }),
    });
    return [accept.status, ((await accept.json()) as { code?: string }).code];
  };

  it('lands an admin on the accounts page, where an officer is created and declared related to a subject', async () => {
    const records = await call<{ items: { id: string; decisionNumber: string }[] }>(
      'applicant-a',
      'GET',
      '/credit-records?pageSize=50',
    );
    const record = records.items.find((r) => r.decisionNumber === GENERAL)!;
    const fileId = await uploadPdf(ui, 'applicant-a', '罚款缴纳凭证.pdf', PDF);
    const draft = await call('applicant-a', 'POST', '/repair-applications', {
      recordId: record.id,
      materials: [{ fileId, category: 'correction_proof' }],
      commitment: { content: '本单位承诺已纠正失信行为，今后守法经营。', consentToPublish: true },
    });
    const submitted = await call(
      'applicant-a',
      'POST',
      `/repair-applications/${draft.id}/submit`,
      {},
      draft.version,
    );
    const accounts = await call<{ username: string; subjectCode: string | null }[]>(
      'admin',
      'GET',
      '/accounts',
    );
    const subjectCode = accounts.find((a) => a.username === 'applicant-a')!.subjectCode!;

    const page = (adminPage = await ui.newPage());
    await ui.signIn(page, 'admin');
    expect(new URL(page.url()).pathname).toBe('/admin');
    await page.getByRole('heading', { level: 1, name: '系统管理' }).waitFor();
    await page.getByRole('cell', { name: 'officer-xuyi', exact: true }).waitFor();
    await expectClean(page);
    await shot(page, 'admin-accounts');

    await page.getByRole('button', { name: '新建账号' }).click();
    const dialog = page.getByRole('dialog', { name: '新建账号' });
    await dialog.getByLabel('用户名').fill('officer-qinghe');
    await dialog.getByLabel('显示名称').fill('盱眙县新任经办人');
    await choose(page, dialog.getByLabel('角色'), '经办人');
    await dialog.getByLabel('所属单位').fill('320830');
    await choose(page, null, '盱眙县交通运输局（320830）');
    await dialog.getByLabel('初始密码').fill('short');
    await dialog.getByText('密码须为 8–256 个字符').waitFor();
    await dialog.getByLabel('初始密码').fill(NEW_PASSWORD);
    // The message fades out: axe would read its last frames.
    await dialog.getByText('密码须为 8–256 个字符').waitFor({ state: 'detached' });
    await expectClean(page);
    await shot(page, 'admin-account-new');
    await dialog.getByRole('button', { name: '创建' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '已创建账号 officer-qinghe' })
      .waitFor({ timeout: 30_000 });
    await page.getByRole('cell', { name: 'officer-qinghe', exact: true }).waitFor();

    // A second account of that name: the API's refusal, in Chinese.
    await page.getByRole('button', { name: '新建账号' }).click();
    await dialog.getByLabel('用户名').fill('officer-qinghe');
    await dialog.getByLabel('显示名称').fill('重名');
    await choose(page, dialog.getByLabel('角色'), '系统管理员');
    await dialog.getByLabel('初始密码').fill(NEW_PASSWORD);
    await dialog.getByRole('button', { name: '创建' }).click();
    // Hashing a password takes its time on a loaded machine: the answer may be slow.
    await dialog.getByRole('alert').filter({ hasText: '未能创建账号' }).waitFor({ timeout: 30_000 });
    await page.keyboard.press('Escape');

    // Searching narrows the list, and the search is in the address.
    await page.getByLabel('查找').fill('qinghe');
    await page.getByLabel('查找').press('Enter');
    await page.waitForURL('**/admin?q=qinghe');
    await page.getByRole('cell', { name: 'officer-xuyi', exact: true }).waitFor({ state: 'detached' });

    // The account's drawer: nothing to abstain from yet, and the history says who created it.
    await page.getByRole('button', { name: '详情 officer-qinghe' }).click();
    const drawer = page.getByRole('dialog', { name: '盱眙县新任经办人（officer-qinghe）' });
    await drawer.getByText('没有登记关联主体').waitFor();
    await historyRow(drawer, '创建').filter({ hasText: '系统管理员（系统管理员）' }).waitFor();

    await drawer.getByLabel('关联主体代码').fill(subjectCode);
    await drawer.getByLabel('关联原因').fill('近亲属任该公司股东');
    await expectClean(page);
    await drawer.getByRole('button', { name: '登记', exact: true }).click();
    await drawer
      .getByRole('status')
      .filter({ hasText: `登记关联主体 ${subjectCode}` })
      .waitFor();
    // Listed, and in the history under the admin's own name with the reason.
    await drawer.getByRole('row').filter({ hasText: '近亲属任该公司股东' }).first().waitFor();
    await drawer.getByRole('button', { name: `撤回 ${subjectCode}` }).waitFor();
    await historyRow(drawer, '声明关联主体')
      .filter({ hasText: '系统管理员（系统管理员）' })
      .filter({ hasText: `关联主体 ${subjectCode}；原因：近亲属任该公司股东` })
      .waitFor();
    await expectClean(page);
    await shot(page, 'admin-account-related');

    // The declaration holds in the workflow: the new officer is refused the subject's case (回避).
    officerToken = await signInByApi('officer-qinghe', NEW_PASSWORD);
    related = { subjectCode, caseId: submitted.id, version: submitted.version };
    expect(await acceptAs(officerToken, related)).toEqual([403, 'REPAIR.REVIEWER_RELATED']);
  }, 150_000);

  it('withdraws the declaration with a reason: gone from the list, recorded in the history, the case may be handled', async () => {
    const page = adminPage;
    const { subjectCode } = related;
    const drawer = page.getByRole('dialog', { name: '盱眙县新任经办人（officer-qinghe）' });
    await drawer.getByRole('button', { name: `撤回 ${subjectCode}` }).click();
    const withdrawal = drawer.getByRole('form', { name: `撤回关联主体 ${subjectCode}` });
    // The reason is required: it is what the history keeps of why.
    await withdrawal.getByRole('button', { name: '确认撤回' }).click();
    await withdrawal.getByText('请填写撤回原因').waitFor();
    await withdrawal.getByLabel('撤回原因').fill('近亲属已退出该公司');
    await withdrawal.getByText('请填写撤回原因').waitFor({ state: 'detached' });
    await expectClean(page);
    await shot(page, 'admin-account-withdraw');
    await withdrawal.getByRole('button', { name: '确认撤回' }).click();
    await drawer
      .getByRole('status')
      .filter({ hasText: `已撤回关联主体 ${subjectCode}` })
      .waitFor();
    await drawer.getByText('没有登记关联主体').waitFor();
    await drawer.getByRole('button', { name: `撤回 ${subjectCode}` }).waitFor({ state: 'detached' });
    await historyRow(drawer, '撤回关联主体')
      .filter({ hasText: '系统管理员（系统管理员）' })
      .filter({ hasText: `关联主体 ${subjectCode}；原因：近亲属已退出该公司` })
      .waitFor();
    await expectClean(page);
    await shot(page, 'admin-account-withdrawn');

    // No longer related: the officer may now accept the subject's case.
    expect(await acceptAs(officerToken, related)).toEqual([200, undefined]);
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
  }, 60_000);

  it('loads 2027 from a pasted list, shows it in the month grid, and the API keeps the version', async () => {
    // A deadline that runs into 2027: objections are accepted within 30 working days from today (a version added for
    // this test), so the acceptance clock of one filed now is provisional until 2027 is loaded.
    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Asia/Shanghai' });
    await call('admin', 'POST', '/time-limits', {
      key: 'objection.acceptance',
      workingDays: 30,
      effectiveFrom: today,
      labelZh: '异议受理时限',
      labelEn: 'Objection acceptance',
      legalBasisZh: '测试用时限',
      legalBasisEn: 'A limit for this test',
    });
    const records = await call<{ items: { id: string; decisionNumber: string }[] }>(
      'applicant-a',
      'GET',
      '/credit-records?pageSize=50',
    );
    const other = records.items.find((r) => r.decisionNumber !== GENERAL)!;
    const objection = await call('applicant-a', 'POST', '/objections', {
      recordId: other.id,
      ground: 'wrong',
      statement: '车辆号牌与本公司车辆不符。',
      materials: [
        { fileId: await uploadPdf(ui, 'applicant-a', '车辆行驶证.pdf', PDF), category: 'evidence' },
      ],
      commitment: { content: '本单位承诺所提交材料真实有效。', consent: true },
    });
    type Deadlines = { items: { caseId: string; title: string; provisional: boolean; dueDate: string }[] };
    const clockOf = async () =>
      (await call<Deadlines>('admin', 'GET', '/deadlines?status=running&pageSize=200')).items.find(
        (d) => d.caseId === objection.id,
      )!;
    const before = await clockOf();
    expect(before.provisional).toBe(true);

    const page = adminPage;
    await page.getByRole('link', { name: '工作日日历' }).click();
    await page.waitForURL('**/admin/calendar');
    const provisional = page.locator('.ant-card').filter({ hasText: '暂定期限' }).first();
    await provisional.getByText('尚未载入安排的年度：').waitFor();
    await provisional.locator('.ant-tag', { hasText: '2027' }).waitFor();
    await provisional.getByText('依据未载入年度计算的进行中期限：1 个').waitFor();
    await provisional.getByRole('link', { name: before.title }).waitFor();
    await provisional.getByRole('cell', { name: before.dueDate }).waitFor();
    await expectClean(page);
    await shot(page, 'admin-calendar-before');

    await page.getByRole('button', { name: '载入年度安排' }).click();
    const dialog = page.getByRole('dialog', { name: '载入年度安排' });
    // Only the Spring Festival: the API refuses an incomplete national year and says which festivals are missing.
    await dialog.getByLabel('粘贴 JSON 或 CSV').fill('2027-02-06,放假,春节\n2027-02-20,调休,春节');
    await dialog.getByRole('button', { name: '填入表单' }).click();
    await dialog.getByLabel('年度').fill('2027');
    await dialog.getByLabel('依据的通知').fill('国务院办公厅关于2027年部分节假日安排的通知');
    await dialog.getByRole('button', { name: '载入', exact: true }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: '未能载入' });
    await refusal.getByText('节假日安排不完整或有矛盾，未载入').waitFor();
    await refusal.getByText(/缺少：元旦、清明、劳动、端午、中秋、国庆/).waitFor();

    await dialog.getByLabel('粘贴 JSON 或 CSV').fill(SCHEDULE_2027);
    await dialog.getByRole('button', { name: '填入表单' }).click();
    await dialog.getByText('节日 7').waitFor();
    await expectClean(page);
    await shot(page, 'admin-calendar-load');
    // The form's submit button (载入): on a long form its role query at times finds nothing (seen on a loaded machine).
    await page.locator('.ant-modal button[type=submit]').click();
    await page
      .getByRole('status')
      .filter({ hasText: '已载入 2027 年安排（第 1 版），重算暂定期限 1 个' })
      .waitFor();
    await page.waitForURL('**/admin/calendar?year=2027');

    // Listed among the loaded years, no longer provisional, and its version names who loaded it.
    await page.getByRole('button', { name: '2027', exact: true }).waitFor();
    await provisional.getByText('今明两年的安排均已载入。').waitFor();
    await provisional.getByText('依据未载入年度计算的进行中期限：0 个').waitFor();
    const year = page.locator('.ant-card').filter({ hasText: '2027 年' }).last();
    await year.getByRole('cell', { name: '系统管理员（admin）' }).waitFor();

    // The month grid: February with the Spring Festival off (a Monday too) and a Saturday worked.
    await choose(page, page.getByLabel('月份'), '2 月');
    const grid = page.locator('table.month-grid[data-month="2027-02"]');
    await grid.waitFor();
    expect(await grid.locator('[data-date="2027-02-08"]').getAttribute('data-kind')).toBe('holiday');
    expect(await grid.locator('[data-date="2027-02-20"]').getAttribute('data-kind')).toBe('makeup');
    expect(await grid.locator('[data-date="2027-02-21"]').getAttribute('data-kind')).toBe('weekend');
    expect(await grid.locator('[data-date="2027-02-15"]').getAttribute('data-kind')).toBe('weekday');
    await grid.getByText('调休上班 · 春节').waitFor({ state: 'attached' });
    await expectClean(page);
    await shot(page, 'admin-calendar-2027');

    // The API has the year as version 1, loaded by the admin; the working-day answer follows it.
    const versions = await call<Version[]>('admin', 'GET', '/calendar/schedules/2027');
    const admin = (await call<{ id: string; username: string }[]>('admin', 'GET', '/accounts')).find(
      (a) => a.username === 'admin',
    )!;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ year: 2027, region: null, version: 1, loadedBy: admin.id });
    expect(versions[0].festivals.map((f) => f.name)).toEqual([
      '元旦',
      '春节',
      '清明节',
      '劳动节',
      '端午节',
      '中秋节',
      '国庆节',
    ]);
    expect(versions[0].festivals[1]).toMatchObject({ makeupWorkdays: ['2027-02-20'] });
    const saturday = await call<{ working: boolean; kind: string; provisional: boolean }>(
      'admin',
      'GET',
      '/calendar/working-day?date=2027-02-20',
    );
    expect(saturday).toMatchObject({ working: true, kind: 'makeup', provisional: false });
    // The objection's deadline was recomputed on the loaded year: no longer provisional, one day later for 元旦.
    const after = await clockOf();
    expect(after.provisional).toBe(false);
    expect(after.dueDate > before.dueDate).toBe(true);
  }, 150_000);

  it.each([
    ['单位设置', 'policies', '修改即新增一个版本'],
    ['办理时限', 'time-limits', '新增版本只影响此后开始计时的期限'],
    ['修复规则', 'rule-sets', '规则只能新增，不能修改'],
  ])('shows %s with its versions, passing axe', async (link, path, text) => {
    const page = adminPage;
    await page.getByRole('link', { name: link }).click();
    await page.waitForURL(`**/admin/${path}`);
    await page.getByText(text).first().waitFor();
    await page.locator('.ant-table-row').first().waitFor();
    await expectClean(page);
    await shot(page, `admin-${path}`);
  });

  it('adds an authority setting version, refusing a value the catalogue does not allow', async () => {
    const page = adminPage;
    await page.getByRole('link', { name: '单位设置' }).click();
    await page.getByRole('button', { name: '新增版本 workbench.urge-interval' }).click();
    const dialog = page.getByRole('dialog', { name: '新增版本：催办间隔（工作日）' });
    await dialog.getByLabel('单位').fill('320830');
    await dialog.getByLabel('设置值').fill('40');
    await dialog.getByLabel('生效日期').fill('2027-01-01');
    await dialog.getByLabel('设置依据').fill('盱眙县交通运输局会议纪要：每2个工作日至多催办一次');
    await dialog.getByRole('button', { name: '保存新版本' }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: '未能保存设置' });
    await refusal.getByText('设置“workbench.urge-interval”的值无效').waitFor();
    await dialog.getByText('must be an integer from 1 to 20').waitFor();
    await dialog.getByLabel('设置值').fill('2');
    await dialog.getByRole('button', { name: '保存新版本' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '已新增设置 workbench.urge-interval，自 2027-01-01 起生效' })
      .waitFor();
    const row = page.locator('.ant-table-row').filter({ hasText: 'workbench.urge-interval' });
    await row.locator('.ant-table-row-expand-icon').click();
    const version = page.locator('.ant-table-row').filter({ hasText: '盱眙县交通运输局会议纪要' });
    await version.getByText('待生效').waitFor();
    await dialog.waitFor({ state: 'hidden' });
    await expectClean(page);
    await shot(page, 'admin-policies-added');

    const { settings } = await call<{
      settings: { key: string; authorityCode: string | null; value: unknown }[];
    }>('admin', 'GET', '/authority-policies');
    expect(settings.filter((x) => x.key === 'workbench.urge-interval')).toEqual([
      expect.objectContaining({ authorityCode: null, value: 1 }),
      expect.objectContaining({ authorityCode: '320830', value: 2, effectiveFrom: '2027-01-01' }),
    ]);
  });

  it('adds a time limit version for an authority, starting from the national one', async () => {
    const page = adminPage;
    await page.getByRole('link', { name: '办理时限' }).click();
    await page.getByRole('button', { name: '新增时限版本' }).click();
    const dialog = page.getByRole('dialog', { name: '新增时限版本' });
    await choose(page, dialog.getByLabel('时限'), '核实时限（objection.verification）');
    expect(await dialog.getByLabel('名称（中文）').inputValue()).toBe('核实时限');
    await dialog.getByLabel('单位').fill('320830');
    await dialog.getByLabel('工作日数').fill('8');
    await dialog.getByLabel('生效日期').fill('2027-01-01');
    await dialog.getByRole('button', { name: '保存' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: '已新增“核实时限”的版本，自 2027-01-01 起生效' })
      .waitFor();
    const section = page.getByRole('region', { name: /objection\.verification/ });
    await section.getByRole('row').filter({ hasText: '320830' }).getByText('待生效').waitFor();
    // Axe reads colours as drawn: the closing dialog's form, still fading out, would be judged at a fraction of its
    // contrast.
    await dialog.waitFor({ state: 'hidden' });
    await expectClean(page);

    const limits = await call<{ key: string; authorityCode: string | null; workingDays: number }[]>(
      'admin',
      'GET',
      '/time-limits',
    );
    expect(limits.filter((l) => l.key === 'objection.verification' && l.authorityCode === '320830')).toEqual([
      expect.objectContaining({ workingDays: 8, effectiveFrom: '2027-01-01' }),
    ]);
  });

  it('registers a downstream platform without ever showing its secret, and lists the change', async () => {
    const page = adminPage;
    const secret = 'k'.repeat(20) + 'S3cret-for-signing!';
    await page.getByRole('link', { name: '推送平台' }).click();
    await page.waitForURL('**/admin/platforms');
    await page.getByText('尚未登记推送平台').waitFor();
    await page.getByRole('button', { name: '登记平台' }).click();
    const dialog = page.getByRole('dialog', { name: '登记平台' });
    await dialog.getByLabel('平台代码').fill('credit-jiangsu');
    await dialog.getByLabel('平台名称').fill('信用江苏');
    await dialog
      .getByLabel('地址', { exact: true })
      .fill('https://receiver.example.gov.cn/credence/messages');
    await dialog.getByLabel('签名密钥').fill(secret);
    await dialog.getByRole('button', { name: '保存' }).click();
    await page.getByRole('status').filter({ hasText: '已保存平台 credit-jiangsu' }).waitFor();
    await dialog.waitFor({ state: 'hidden' });
    const row = page.locator('.ant-table-row').filter({ hasText: 'credit-jiangsu' });
    await row.waitFor();
    await row.locator('.ant-table-row-expand-icon').click();
    await page.getByRole('cell', { name: '登记', exact: true }).waitFor();
    await page.getByRole('cell', { name: '系统管理员（admin）' }).first().waitFor();
    expect(await page.content()).not.toContain(secret);
    await expectClean(page);
    await shot(page, 'admin-platforms');

    const history = await call<{ change: string; secretChanged: boolean }[]>(
      'admin',
      'GET',
      '/platforms/credit-jiangsu/history',
    );
    expect(history).toMatchObject([{ change: 'registered', secretChanged: true }]);
  });

  it('shows a refusal in the language the admin chose', async () => {
    const page = adminPage;
    await page.getByRole('link', { name: '工作日日历' }).click();
    await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
    await page.getByRole('button', { name: 'Load a year' }).click();
    const dialog = page.getByRole('dialog', { name: 'Load a year' });
    await dialog
      .getByLabel('Paste JSON or CSV')
      .fill('[{"name":"春节","holidays":["2028-01-26"],"makeupWorkdays":[]}]');
    await dialog.getByRole('button', { name: 'Fill in the form' }).click();
    await dialog.getByLabel('Year').fill('2028');
    await dialog.getByLabel('Notice').fill('国务院办公厅关于2028年部分节假日安排的通知');
    await dialog.getByRole('button', { name: 'Load', exact: true }).click();
    const refusal = dialog.getByRole('alert').filter({ hasText: 'Not loaded' });
    await refusal
      .getByText('The holiday schedule is incomplete or inconsistent; nothing was loaded')
      .waitFor();
    await refusal.getByText(/the 2028 schedule is incomplete; missing: 元旦, 清明/).waitFor();
    await expectClean(page);
    await shot(page, 'admin-calendar-refusal-en');
    expect(await call<Version[]>('admin', 'GET', '/calendar/schedules/2028')).toEqual([]);
  });
});
