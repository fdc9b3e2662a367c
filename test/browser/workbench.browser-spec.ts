import { tongdaRecord } from './support/demo-records';
import type { Page } from 'playwright-core';
import { apiCaller, expectClean, uploadPdf, type CaseAnswer } from './support/api';
import { startConsole, type ConsoleUnderTest } from './support/console';

/** 通达's general record (seed-demo-records.ts), repairable now. */
const GENERAL = tongdaRecord('general');
const LEGAL = '《信用修复管理办法》第十二条';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * The reviewer workbench in the browser: the queue and its filters in the address; an officer accepts, asks for a
 * supplement, and recommends on the staff case page; an officer who may not decide sees why; the senior reviewer
 * approves. The applicant files and supplements through the public API.
 */
describe('the reviewer workbench (browser)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => (ui = await startConsole()), 120_000);
  afterAll(() => ui?.stop());

  const call = apiCaller<Record<string, unknown> & CaseAnswer>(() => ui, {
    ifMatch: (version) => `"${version}"`,
  });
  const upload = (name: string) => uploadPdf(ui, 'applicant-a', name, PDF);
  const actionForm = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

  let caseId = '';
  let caseTitle = '';

  beforeAll(async () => {
    const records = (await call('applicant-a', 'GET', '/credit-records?pageSize=50')) as unknown as {
      items: { id: string; decisionNumber: string }[];
    };
    const record = records.items.find((r) => r.decisionNumber === GENERAL)!;
    const draft = await call('applicant-a', 'POST', '/repair-applications', {
      recordId: record.id,
      materials: [{ fileId: await upload('罚款缴纳凭证.pdf'), category: 'correction_proof' }],
      commitment: { content: '本单位承诺已纠正失信行为，今后守法经营。', consentToPublish: true },
    });
    const submitted = await call(
      'applicant-a',
      'POST',
      `/repair-applications/${draft.id}/submit`,
      {},
      draft.version,
    );
    caseId = submitted.id;
    caseTitle = String(submitted.title);
  }, 60_000);

  it('lists the queue with its filters in the address', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'officer-xuyi');
    await page.waitForURL('**/workbench');
    await page.getByRole('heading', { level: 1, name: '审查工作台' }).waitFor();
    await page.getByRole('link', { name: caseTitle }).waitFor();
    await page
      .getByText(/截止 \d{4}-\d{2}-\d{2}/)
      .first()
      .waitFor();
    await expectClean(page);

    // While a new filter's answer is on its way, the rows already shown stay readable: no dimming overlay.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/work-items?*', async (route) => {
      await held;
      await route.continue();
    });
    await page.getByLabel('期限').click();
    await page.locator('.ant-select-item-option').filter({ hasText: '已逾期' }).click();
    await page.waitForURL('**/workbench?due=overdue');
    await page.locator('[data-queue][aria-busy="true"]').waitFor();
    expect(await page.locator('.ant-spin-blur, .ant-spin-spinning').count()).toBe(0);
    expect(await page.getByRole('link', { name: caseTitle }).isVisible()).toBe(true);
    release();
    await page.getByText('没有符合条件的待办案件').waitFor();
    await page.unroute('**/api/v1/work-items?*');

    // A filter is part of the address: reloading or sharing it shows the same queue.
    await page.reload();
    await page.getByText('没有符合条件的待办案件').waitFor();
    await ui.open(page, '/workbench?view=all&type=repairApplication');
    await page.getByRole('link', { name: caseTitle }).waitFor();
    await expectClean(page);
  }, 60_000);

  it('takes an application from acceptance to the senior reviewer’s approval in the browser', async () => {
    const officer = await ui.newPage();
    await ui.signIn(officer, 'officer-xuyi');
    await ui.open(officer, `/cases/${caseId}`);
    await officer.getByRole('heading', { level: 1, name: `案件 ${caseTitle}` }).waitFor();
    await officer.getByText('罚款缴纳凭证.pdf').waitFor();
    await officer.getByText(GENERAL).waitFor();
    await officer.getByText('一般失信', { exact: true }).waitFor();
    await officer.locator('[aria-current="step"]').first().waitFor();
    // The diagram names states by their labels only: no internal state names, a label for every box.
    const diagram = officer.getByRole('region', { name: '流程图' });
    await diagram.getByText('审查', { exact: true }).waitFor();
    expect(await diagram.innerText()).not.toMatch(/[A-Za-z]{3,}/);
    // The clocks the submission started read as the system's, each named.
    const trail = officer.getByRole('region', { name: '办理过程' });
    await trail.getByText('系统：法定时限开始计算（受理时限）').waitFor();
    await trail.getByText('系统：法定时限开始计算（办结时限）').waitFor();
    await officer
      .getByText(/剩余 \d+ 个工作日（截止 \d{4}-\d{2}-\d{2}）/)
      .first()
      .waitFor();
    await officer.getByRole('heading', { name: '回避' }).waitFor();
    // The material in the page, fetched with the token.
    await officer.getByRole('button', { name: '预览' }).click();
    await officer.locator('iframe[title="材料预览：罚款缴纳凭证.pdf"]').waitFor();
    await expectClean(officer);

    // Accept, by keyboard only: the form's submit button is reachable with Tab and works with Enter.
    const accept = actionForm(officer, '受理');
    await accept.getByLabel('意见', { exact: true }).fill('材料齐全，予以受理。');
    await accept.getByLabel('意见', { exact: true }).focus();
    await officer.keyboard.press('Tab');
    expect(await officer.evaluate('document.activeElement?.textContent?.trim()')).toBe('受理');
    await officer.keyboard.press('Enter');
    await actionForm(officer, '受理').waitFor({ state: 'detached' });

    // Ask for the missing items at once.
    const supplement = actionForm(officer, '要求补正');
    await supplement.getByLabel(/需补正的材料/).fill('整改报告\n营业执照副本');
    await supplement.getByLabel(/^理由/).fill('缺少整改报告，无法判断是否已纠正失信行为');
    await supplement.getByRole('button', { name: '要求补正' }).click();
    await officer.getByText('已告知补正').waitFor();
    await officer
      .getByText(/已暂停，剩余 \d+ 个工作日/)
      .first()
      .waitFor();
    await expectClean(officer);

    // The applicant supplies them (through the API); the page the officer has open is now stale.
    let view = await call('applicant-a', 'GET', `/repair-applications/${caseId}`);
    await call(
      'applicant-a',
      'POST',
      `/repair-applications/${caseId}/supplement`,
      { materials: [{ fileId: await upload('整改报告.pdf'), category: 'correction_proof' }] },
      view.version,
    );

    await officer.reload();
    await officer.getByText('整改报告.pdf').waitFor();

    // Recommend, with reasons one per line.
    const recommend = actionForm(officer, '提出审查意见');
    await recommend.getByLabel('审查建议').click();
    await officer
      .locator('.ant-select-item-option')
      .filter({ hasText: /^准予修复$/ })
      .click();
    await recommend.getByLabel('意见', { exact: true }).fill('已纠正失信行为，建议准予修复。');
    await recommend.getByLabel(/^理由/).fill('罚款已缴清\n整改报告已提交');
    await recommend.getByRole('button', { name: '提出审查意见' }).click();
    await officer.getByText('建议准予修复', { exact: true }).waitFor();
    await expectClean(officer);

    // The recommender may not decide (four eyes): the approval is disabled, with the API's reason in words.
    const approveRow = officer.locator('li[data-action="approve"]');
    await expect(approveRow.getByRole('button', { name: '准予修复' }).isDisabled()).resolves.toBe(true);
    expect(await approveRow.locator('[data-refusal-code]').innerText()).toMatch(
      /不能再作决定.*另一位审核负责人作出决定/,
    );
    // The four-eyes section says the same as the refusal: who recommended, and that another reviewer decides.
    expect(await officer.locator('[data-four-eyes]').innerText()).toMatch(
      /^审查意见由盱眙县经办人（经办人）提出，须由提出人以外的另一名审核负责人作出决定.*\n您提出了本案的审查意见/s,
    );

    // The senior reviewer decides; the recommender is named on the page.
    const reviewer = await ui.newPage();
    await ui.signIn(reviewer, 'reviewer-xuyi');
    await ui.open(reviewer, `/cases/${caseId}`);
    await reviewer.getByText('建议准予修复', { exact: true }).waitFor();
    await reviewer.getByText(/^提出人 盱眙县经办人（经办人），/).waitFor();
    const approve = actionForm(reviewer, '准予修复');
    await approve.getByLabel('法律依据').fill(LEGAL);
    await approve.getByRole('button', { name: '准予修复' }).click();
    await approve.waitFor({ state: 'detached' });
    view = await call('reviewer-xuyi', 'GET', `/cases/${caseId}`);
    expect(view.state).toEqual(['approved']);
    await expectClean(reviewer);
  }, 180_000);

  it('says the case changed when someone acted since the page was read, and acts once it is read again', async () => {
    const records = (await call('applicant-a', 'GET', '/credit-records?pageSize=50')) as unknown as {
      items: { id: string; decisionNumber: string }[];
    };
    const record = records.items.find((r) => r.decisionNumber !== GENERAL)!;
    const objection = await call('applicant-a', 'POST', '/objections', {
      recordId: record.id,
      ground: 'wrong',
      statement: '车辆号牌与本公司车辆不符。',
      materials: [{ fileId: await upload('车辆行驶证.pdf'), category: 'evidence' }],
      commitment: { content: '本单位承诺所提交材料真实有效。', consent: true },
    });
    const officer = await ui.newPage();
    await ui.signIn(officer, 'officer-xuyi');
    await ui.open(officer, `/cases/${objection.id}`);
    const trail = officer.getByRole('region', { name: '办理过程' });
    await trail
      .getByText(/^通达公司经办（申请人）/)
      .first()
      .waitFor();

    // A colleague adds an internal comment (through the API) while the page shows the version before it.
    await call('reviewer-xuyi', 'POST', `/cases/${objection.id}/comments`, {
      comment: '请核实车辆号牌登记信息',
    });
    const accept = actionForm(officer, '受理');
    await accept.getByRole('button', { name: '受理' }).click();
    await accept.getByText('案件已被他人更新，请重新读取后再办理。').waitFor();
    await expectClean(officer);

    // Read again: the comment is in the trail (by name), and the same action now goes through.
    await accept.getByRole('button', { name: '重新读取' }).click();
    await trail.getByText('盱眙县复核人（审核负责人）内部意见').waitFor();
    await actionForm(officer, '受理').getByRole('button', { name: '受理' }).click();
    await actionForm(officer, '受理').waitFor({ state: 'detached' });
    await trail.getByText('盱眙县经办人（经办人）受理').waitFor();
    expect((await call('officer-xuyi', 'GET', `/cases/${objection.id}`)).stateLabel).toMatchObject({
      zh: expect.not.stringContaining('待受理'),
    });
    await expectClean(officer);
  }, 120_000);
});
