import { tongdaRecord } from './support/demo-records';
import { apiCaller, expectClean, uploadPdf } from './support/api';
import { startConsole, type ConsoleUnderTest } from './support/console';

/** The demo record of 通达 that may be repaired now (seed-demo-records.ts). */
const GENERAL = tongdaRecord('general');
const MINOR = tongdaRecord('minor');
const ITEMS = ['整改报告', '罚款缴纳凭证'];
const REASON = '缺少整改报告和罚款缴纳凭证，无法判断是否已纠正失信行为';

/**
 * The applicant's side of a case after filing: the inbox in the header tells of the authority's 补正 request (items
 * and reason) and leads to the case; withdrawing the application from its page. Staff act through the public API.
 */
describe('the applicant after filing (browser)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => (ui = await startConsole()), 120_000);
  afterAll(() => ui?.stop());

  const call = apiCaller(() => ui);

  const recordId = async (decisionNumber: string) => {
    const records = await call<{ items: { id: string; decisionNumber: string }[] }>(
      'applicant-a',
      'GET',
      '/credit-records?pageSize=100',
    );
    return records.items.find((r) => r.decisionNumber === decisionNumber)!.id;
  };

  /** A submitted repair application of applicant-a for the general record, made through the API. */
  async function submittedRepair(): Promise<string> {
    const record = await recordId(GENERAL);
    const fileId = await uploadPdf(ui, 'applicant-a', '凭证.pdf', '%PDF-1.4\n% proof\n%%EOF\n');
    const draft = await call('applicant-a', 'POST', '/repair-applications', {
      recordId: record,
      materials: [{ fileId, category: 'correction_proof' }],
      commitment: { content: '本单位承诺已纠正失信行为，所提交材料真实有效。', consentToPublish: true },
    });
    await call('applicant-a', 'POST', `/repair-applications/${draft.id}/submit`, {}, draft.version);
    return draft.id;
  }

  it('tells the applicant in the inbox what the authority asked for, and why', async () => {
    const id = await submittedRepair();
    const page = await ui.newPage();
    await ui.signIn(page, 'applicant-a');
    await page.waitForURL('**/portal');

    const view = await call('officer-xuyi', 'GET', `/repair-applications/${id}`);
    await call(
      'officer-xuyi',
      'POST',
      `/repair-applications/${id}/request-supplement`,
      { items: ITEMS, reasons: [REASON] },
      view.version,
    );
    // The worker writes the message; the header asks again when the page becomes visible again (or every 30 s).
    const inbox = page.getByRole('button', { name: /^消息，[1-9]\d* 条未读$/ });
    for (let i = 0; i < 40 && !(await inbox.isVisible()); i++) {
      await page.evaluate("document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))");
      await page.waitForTimeout(250);
    }
    await inbox.click();
    const drawer = page.getByRole('dialog', { name: '消息' });
    const message = drawer.getByRole('article', { name: /^请补正材料：XF-320830-/ });
    await message.getByText('补正事项：整改报告；罚款缴纳凭证。', { exact: false }).waitFor();
    await message.getByText(`理由：${REASON}。`, { exact: false }).waitFor();
    await message.getByText('未读').waitFor();
    await expectClean(page);

    await message.getByRole('button', { name: '标为已读' }).click();
    await message.getByText('未读').waitFor({ state: 'detached' });
    await message.getByRole('button', { name: '查看案件' }).click();
    await page.waitForURL(`**/cases/${id}`);
    await page.getByRole('heading', { name: '需要您补正的材料' }).waitFor();
    await page.getByText('罚款缴纳凭证', { exact: true }).waitFor();
  }, 120_000);

  it('withdraws an objection with a reason; the action is then gone and the reason is in the trail', async () => {
    const filed = await call('applicant-a', 'POST', '/objections', {
      recordId: await recordId(MINOR),
      ground: 'wrong',
      statement: '处罚决定书所载车辆号牌有误。',
      commitment: { content: '本单位承诺所提交的异议申请及证明材料真实、合法、有效。', consent: true },
    });
    const page = await ui.newPage();
    await ui.signIn(page, 'applicant-a');
    await ui.open(page, `/cases/${filed.id}`);
    const actions = page.getByRole('region', { name: '可办理的事项' });
    await actions.getByRole('button', { name: '撤回申请' }).click();
    await actions.getByRole('button', { name: '确认撤回' }).click();
    await actions.getByText('请填写撤回理由').waitFor();
    await expectClean(page);

    await actions.getByLabel('撤回理由').fill('车辆号牌已与认定单位核对一致，不再提出异议。');
    await actions.getByRole('button', { name: '确认撤回' }).click();
    await actions.getByRole('button', { name: '撤回申请' }).waitFor({ state: 'detached' });
    await page.getByText('车辆号牌已与认定单位核对一致，不再提出异议。').waitFor();
    const after = await call<{ state: string[] }>('applicant-a', 'GET', `/objections/${filed.id}`);
    expect(after.state.join()).toMatch(/withdrawn/);
    await expectClean(page);
  }, 120_000);
});
