import { tongdaRecord } from './support/demo-records';
import { DEMO_SUBJECTS } from '@credence/identity';
import { apiCaller, expectClean } from './support/api';
import { startConsole, type ConsoleUnderTest } from './support/console';

const TONGDA = DEMO_SUBJECTS.xuyiTongda;
const LEGAL = '《信用修复管理办法》第十条';
/** The demo records of 通达 (seed-demo-records.ts): general (repairable now), minor, serious (not yet). */
const GENERAL = tongdaRecord('general');
const SERIOUS = tongdaRecord('serious');
const MINOR = tongdaRecord('minor');
const PDF = {
  name: '罚款缴纳凭证.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n% proof\n%%EOF\n'),
};

/**
 * The applicant portal in the browser: a repair from the draft to the senior reviewer's approval with a supplement
 * round answered on the case page and the decision downloaded; the refusal of a record not yet repairable in words;
 * an objection filed in the browser, its public mark appearing and clearing. Staff act through the public API.
 */
describe('the applicant portal (browser)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => (ui = await startConsole()), 120_000);
  afterAll(() => ui?.stop());

  const call = apiCaller(() => ui);

  it('files a repair from a draft, answers a supplement, and downloads the decision', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'applicant-a');
    await page.waitForURL('**/portal');
    await page.getByRole('heading', { level: 1, name: '我的信用记录' }).waitFor();
    const card = page.locator('.ant-card').filter({ hasText: GENERAL });
    await card.getByText(/^可申请修复（自 \d{4}-\d{2}-\d{2} 起）$/).waitFor();
    await card.getByText('可提出异议').waitFor();
    await expectClean(page);

    await card.getByRole('button', { name: '申请信用修复' }).click();
    await page.waitForURL('**/portal/repairs/new?record=*');
    await page.getByRole('button', { name: '检查申请条件' }).click();
    await page.getByText('该记录已满足信用修复的申请条件').waitFor();
    await expectClean(page);
    // The draft is the API's: a reload comes back to it.
    await page.reload();
    await page.getByText('该记录已满足信用修复的申请条件').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();

    await page.locator('input[type=file]').setInputFiles(PDF);
    await page.getByRole('region', { name: '上传材料' }).getByText(PDF.name).waitFor();
    await expectClean(page);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('承诺书内容').waitFor();
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByText('请勾选同意后继续').waitFor();
    // Keyboard only: the consent box and the next button are reachable and work with the keyboard.
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.getByText('请核对以下内容').waitFor();
    await expectClean(page);
    await page.getByRole('button', { name: '提交申请' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1, name: /^案件 XF-320830-/ }).waitFor();
    await page
      .getByText(/剩余 \d+ 个工作日（截止 \d{4}-\d{2}-\d{2}）/)
      .first()
      .waitFor();
    await expectClean(page);

    // The officer asks for more, all at once, with the reason.
    let view = await call('officer-xuyi', 'GET', `/repair-applications/${id}`);
    await call(
      'officer-xuyi',
      'POST',
      `/repair-applications/${id}/request-supplement`,
      { items: ['整改报告'], reasons: ['缺少整改报告，无法判断是否已纠正失信行为'] },
      view.version,
    );
    await page.reload();
    await page.getByRole('heading', { name: '需要您补正的材料' }).waitFor();
    await page.getByText('整改报告', { exact: true }).waitFor();
    await page
      .getByText(/缺少整改报告/)
      .first()
      .waitFor();
    await page
      .getByText(/已暂停，剩余 \d+ 个工作日/)
      .first()
      .waitFor();
    await expectClean(page);
    await page.locator('input[type=file]').setInputFiles({ ...PDF, name: '整改报告.pdf' });
    await page.getByRole('region', { name: '提交补正' }).getByText('整改报告.pdf').waitFor();
    await page.getByLabel('补充说明').fill('已补充整改报告。');
    await page.getByRole('button', { name: '提交补正' }).click();
    await page.getByRole('heading', { name: '需要您补正的材料' }).waitFor({ state: 'detached' });
    await page.getByText('整改报告.pdf').waitFor();

    // The authority accepts and the senior reviewer approves.
    view = await call('officer-xuyi', 'GET', `/repair-applications/${id}`);
    view = await call('officer-xuyi', 'POST', `/repair-applications/${id}/accept`, {}, view.version);
    view = await call(
      'reviewer-xuyi',
      'POST',
      `/repair-applications/${id}/approve`,
      { opinion: '同意', legalBasis: LEGAL },
      view.version,
    );
    expect(view.state).toEqual(['approved']);

    await page.reload();
    await page.getByText('准予修复', { exact: false }).first().waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '下载决定书' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/\.pdf$/);
    await page.getByRole('progressbar').first().waitFor();
    await expectClean(page);
  }, 120_000);

  it('names every unmet condition and the date it will be met', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'applicant-a');
    await page
      .locator('.ant-card')
      .filter({ hasText: SERIOUS })
      .getByRole('button', { name: '申请信用修复' })
      .click();
    await page.getByRole('button', { name: '检查申请条件' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: '该记录暂不满足申请条件' });
    await refusal.getByText(/自 \d{4}-\d{2}-\d{2} 起满足/).waitFor();
    await expectClean(page);
  });

  it('files an objection; the public mark appears once accepted and clears with the answer', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'applicant-a');
    await page
      .locator('.ant-card')
      .filter({ hasText: MINOR })
      .getByRole('button', { name: '提出异议' })
      .click();
    await page.waitForURL('**/portal/objections/new?record=*');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('异议事由').click();
    await page.getByTitle('信息错误').click();
    await page.getByLabel('异议请求及理由').fill('处罚决定书所载车辆号牌有误。');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.locator('input[type=file]').setInputFiles({ ...PDF, name: '行驶证.pdf' });
    await page
      .getByRole('region', { name: '上传材料' })
      .getByText('行驶证.pdf')
      .waitFor()
      .catch(async (e: unknown) => {
        throw new Error(`${String(e)}\n${await page.locator('#main').innerText()}`);
      });
    await expectClean(page);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByRole('checkbox', { name: /我已阅读并同意/ }).check();
    await page.getByRole('button', { name: '下一步' }).click();
    await expectClean(page);
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    const id = page.url().split('/').pop()!;
    await page.getByRole('heading', { level: 1 }).waitFor();
    await expectClean(page);

    let view = await call('officer-xuyi', 'GET', `/objections/${id}`);
    view = await call('officer-xuyi', 'POST', `/objections/${id}/accept`, {}, view.version);
    const publicPage = await ui.newPage();
    await ui.open(publicPage, `/public/subjects/${TONGDA.code}`);
    await publicPage.locator('.ant-card').filter({ hasText: MINOR }).getByText('异议处理中').waitFor();

    await call(
      'officer-xuyi',
      'POST',
      `/objections/${id}/uphold`,
      { outcome: 'maintain', reasons: ['经向执法支队核实，该信息准确。'], legalBasis: LEGAL },
      view.version,
    );
    // The mark is cleared by the answer's reaction (the worker): read the public page again until it has run.
    const card = publicPage.locator('.ant-card').filter({ hasText: MINOR });
    let marks = 1;
    for (let attempt = 0; attempt < 20 && marks > 0; attempt++) {
      await ui.open(publicPage, `/public/subjects/${TONGDA.code}`);
      await card.waitFor();
      marks = await card.getByText('异议处理中').count();
      if (marks > 0) await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(marks).toBe(0);
    await page.reload();
    await page.getByRole('button', { name: '下载告知书' }).waitFor();
  }, 120_000);
});
