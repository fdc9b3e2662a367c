import { tongdaRecord } from './support/demo-records';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { apiCaller, expectClean, uploadPdf, type CaseAnswer } from './support/api';
import { screenshot, startConsole, type ConsoleUnderTest } from './support/console';

/** 通达's records (seed-demo-records.ts): the general one is repairable now. */
const GENERAL = tongdaRecord('general');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const SHOTS = join(tmpdir(), 'credence-browser', 'workbench-operations');
/** A refusal is words: never an event, state or code name (those are ASCII identifiers). */
const NO_INTERNAL_NAMES = /^[^A-Za-z]*$/;
/** The workbench's refusal when a colleague holds the step (libs/workflow workbench-refusals.ts). */
const HELD_BY_ANOTHER = '本案当前环节已由同事认领；如需接手，请说明理由后认领（接管）';

/**
 * The workbench operations in the browser (ADR 0027): two officers of one authority. Officer A claims a case from
 * the unclaimed view (a bulk claim with its per-row result), comments, and transfers it to officer B; B finds it in
 * "mine" and asks A to countersign; A signs, copies the case to the senior reviewer and urges B. What A may not do
 * — act on a step B holds, urge twice, return a step of another role — is disabled with the API's words.
 */
describe('workbench operations in the reviewer console (browser)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => (ui = await startConsole()), 120_000);
  afterAll(() => ui?.stop());

  const call = apiCaller<Record<string, unknown> & CaseAnswer>(() => ui);
  const upload = (name: string) => uploadPdf(ui, 'applicant-a', name, PDF);
  const workRegion = (page: Page) => page.getByRole('region', { name: '办理人与分工' });
  const holder = (page: Page) => page.locator('[data-holder]');
  /** The operation's tab on the case page, opened. */
  const tab = async (page: Page, name: string) => {
    await workRegion(page).getByRole('tab', { name }).click();
    return workRegion(page).getByRole('tabpanel', { name });
  };
  const chooseOption = async (page: Page, label: string | RegExp) => {
    await page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: label })
      .click();
  };

  let caseId = '';
  let caseTitle = '';

  beforeAll(async () => {
    await call('admin', 'POST', '/accounts', {
      username: 'officer-xuyi-2',
      password: 'credence-demo',
      displayName: '盱眙县经办人二',
      role: 'officer',
      authorityCode: '320830',
    });
    const records = await call<{ items: { id: string; decisionNumber: string }[] }>(
      'applicant-a',
      'GET',
      '/credit-records?pageSize=50',
    );
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

  it('claims from the unclaimed view, comments, transfers, countersigns, copies and urges, with refusals in words', async () => {
    // Officer A: the unclaimed view is a tab; the row is chosen and claimed in a batch, with its result by title.
    const a = await ui.newPage();
    await ui.signIn(a, 'officer-xuyi');
    await a.getByRole('tab', { name: '待认领' }).click();
    await a.waitForURL('**/workbench?view=unclaimed');
    await a.getByRole('link', { name: caseTitle }).waitFor();
    await a.getByRole('checkbox', { name: `选择 ${caseTitle}` }).check();
    await a.getByText('已选 1 件').waitFor();
    await expectClean(a);
    await a.getByRole('button', { name: '批量认领' }).click();
    await a.locator('[data-bulk-results]').getByText(`${caseTitle}：已办理`).waitFor();
    await a.getByText('1 件已办理，0 件未办理').waitFor();
    await screenshot(a, join(SHOTS, 'queue-bulk-claim.png'));
    await expectClean(a);

    // The case page says who holds it; A posts an internal comment.
    await ui.open(a, `/cases/${caseId}`);
    await holder(a).getByText('您（经办人）').waitFor();
    const comments = a.getByRole('region', { name: '内部意见' });
    await comments.getByLabel('发表内部意见').fill('整改报告的出具单位请一并核实。');
    await comments.getByRole('button', { name: '发表' }).click();
    await comments.getByText('整改报告的出具单位请一并核实。').waitFor();
    await comments.getByText(/^盱眙县经办人（经办人），/).waitFor();
    await expectClean(a);

    // Transfer to officer B, with a reason.
    const transfer = await tab(a, '转办 / 委派');
    await transfer.getByLabel('同事', { exact: true }).click();
    await chooseOption(a, '盱眙县经办人二（经办人）');
    await transfer.getByLabel('理由', { exact: true }).fill('本人下周外出培训，转同事办理');
    await transfer.getByRole('button', { name: '转办', exact: true }).click();
    await holder(a).getByText('盱眙县经办人二（经办人）').waitFor();
    await a.getByRole('region', { name: '办理过程' }).getByText(/转办/).first().waitFor();

    // A no longer holds the step: adding a co-signer is refused, disabled with the API's words.
    const signing = await tab(a, '会签');
    await signing.getByLabel('同事（可多选）').click();
    await chooseOption(a, '盱眙县复核人（审核负责人）');
    await a.keyboard.press('Escape');
    await signing.getByRole('button', { name: '加签' }).click();
    const notHolder = signing.locator('[data-refusal-code="WORKBENCH.NOT_HOLDER"]');
    await notHolder.waitFor();
    expect(await notHolder.innerText()).toBe('只有当前环节的办理人（或其委托的代理人）能办理此项；请先认领');
    expect(await signing.getByRole('button', { name: '加签' }).isDisabled()).toBe(true);
    // Before A clicks anything, the page says the step is B's: the case's actions (受理 …) are disabled with the
    // words the API's gate would answer, and so is taking it over until A writes the reason it requires.
    const accept = a.locator('li[data-action="accept"]');
    await accept.locator('[data-refusal-code="WORKBENCH.HELD_BY_ANOTHER"]').waitFor();
    expect(await accept.getByRole('button').isDisabled()).toBe(true);
    expect(await accept.locator('[data-refusal-code]').innerText()).toBe(HELD_BY_ANOTHER);
    expect(await a.getByRole('region', { name: /^受理/ }).count()).toBe(0);
    const heldBy = workRegion(a).locator('[data-refusal-code="WORKBENCH.HELD_BY_ANOTHER"]');
    expect(await heldBy.innerText()).toBe(HELD_BY_ANOTHER);
    expect(await workRegion(a).getByRole('button', { name: '接管' }).isDisabled()).toBe(true);
    await screenshot(a, join(SHOTS, 'case-held-by-colleague.png'));
    await workRegion(a).getByLabel('接管理由').fill('原经办人外出');
    expect(await workRegion(a).getByRole('button', { name: '接管' }).isEnabled()).toBe(true);
    await expectClean(a);

    // Officer B finds the case in "mine" and asks A to countersign before B acts.
    const b = await ui.newPage();
    await ui.signIn(b, 'officer-xuyi-2');
    await b.getByRole('tab', { name: '我的', exact: true }).click();
    await b.waitForURL('**/workbench?view=mine');
    await b.getByRole('link', { name: caseTitle }).click();
    await holder(b).getByText('您（经办人）').waitFor();
    const bSigning = await tab(b, '会签');
    await bSigning.getByLabel('同事（可多选）').click();
    await chooseOption(b, '盱眙县经办人（经办人）');
    await b.keyboard.press('Escape');
    await bSigning.getByLabel('理由', { exact: true }).fill('请原经办人提出意见');
    await bSigning.getByRole('button', { name: '加签' }).click();
    await holder(b)
      .getByText(/盱眙县经办人（经办人） · 前加签 · 待签署/)
      .waitFor();
    await expectClean(b);

    // A signs with an opinion (the page reads the new state once reloaded).
    await a.reload();
    const aSigning = await tab(a, '会签');
    await aSigning.getByLabel('意见', { exact: true }).fill('材料齐全，同意受理。');
    await aSigning.getByRole('button', { name: '签署会签意见' }).click();
    await holder(a)
      .getByText(/您（经办人） · 前加签 · 同意/)
      .waitFor();

    // A copies the case to the senior reviewer and urges B; a second urge the same day is refused in words.
    const copy = await tab(a, '抄送');
    await copy.getByLabel('同事（可多选）').click();
    await chooseOption(a, '盱眙县复核人（审核负责人）');
    await a.keyboard.press('Escape');
    await copy.getByRole('button', { name: '抄送', exact: true }).click();
    await holder(a).getByText('盱眙县复核人（审核负责人）').waitFor();
    await workRegion(a).getByRole('button', { name: '催办' }).click();
    await holder(a).getByText('最近催办').waitFor();
    await workRegion(a).getByRole('button', { name: '催办' }).click();
    const urged = workRegion(a).locator('[data-refusal-code="WORKBENCH.ALREADY_URGED"]');
    await urged.waitFor();
    expect(await urged.innerText()).toMatch(/^本案近期已催办，\d{4}-\d{2}-\d{2} 起可再次催办$/);
    await screenshot(a, join(SHOTS, 'case-operations.png'));
    await expectClean(a);

    // In the queue, a batch claim of the case B holds is refused for that row, in words.
    await ui.open(a, '/workbench?view=all');
    await a.getByRole('checkbox', { name: `选择 ${caseTitle}` }).check();
    await a.getByRole('button', { name: '批量认领' }).click();
    const row = a.locator('[data-bulk-result="WORKBENCH.HELD_BY_ANOTHER"]');
    await row.waitFor();
    expect(await row.innerText()).toBe(
      `${caseTitle}：未办理，本案当前环节已由同事认领；如需接手，请说明理由后认领（接管）`,
    );
    await a.getByText('0 件已办理，1 件未办理').waitFor();
    await expectClean(a);

    // The senior reviewer finds the copy in "copied to me"; B sees the whole thread.
    const reviewer = await ui.newPage();
    await ui.signIn(reviewer, 'reviewer-xuyi');
    await ui.open(reviewer, '/workbench?view=copied');
    await reviewer.getByRole('link', { name: caseTitle }).waitFor();
    await b.reload();
    await b.getByRole('region', { name: '内部意见' }).getByText('整改报告的出具单位请一并核实。').waitFor();
    await screenshot(b, join(SHOTS, 'case-holder.png'));
    await expectClean(b);
  }, 240_000);

  it('refuses a return the rules forbid, in words', async () => {
    // Officer B accepts and recommends (through the API): the decision is a senior reviewer's step, nobody holds it.
    await call('officer-xuyi-2', 'POST', `/repair-applications/${caseId}/accept`, { opinion: '材料齐全。' });
    await call('officer-xuyi-2', 'POST', `/repair-applications/${caseId}/recommend`, {
      recommendation: 'approve',
      opinion: '建议准予修复。',
      reasons: ['罚款已缴清'],
    });
    // Officer A may not send the decision back to review: returning is for whoever may take the decision step.
    const a = await ui.newPage();
    await ui.signIn(a, 'officer-xuyi');
    await ui.open(a, `/cases/${caseId}`);
    await holder(a).getByText('待认领：本单位审核负责人均可认领').waitFor();
    // An officer may not claim a senior reviewer's step: said beside the disabled button before anyone clicks.
    const claim = workRegion(a).locator('[data-operation-refused]').filter({ hasText: '认领' });
    await claim
      .locator('[data-refusal-code="WORKBENCH.WRONG_ROLE"]')
      .getByText('当前环节由审核负责人办理')
      .waitFor();
    expect(await claim.getByRole('button', { name: '认领' }).isDisabled()).toBe(true);
    const back = await tab(a, '退回');
    await back.getByLabel('退回到').click();
    await chooseOption(a, /审查/);
    await back.getByLabel('退回理由（每行一条）').fill('请补充整改报告的来源');
    await back.getByRole('button', { name: '退回', exact: true }).click();
    const refusal = back.locator('[data-operation-refused] [data-refusal-code]');
    await refusal.waitFor();
    const words = await refusal.innerText();
    expect(words).toMatch(/审核负责人/);
    expect(words).toMatch(NO_INTERNAL_NAMES);
    expect(await back.getByRole('button', { name: '退回', exact: true }).isDisabled()).toBe(true);
    await screenshot(a, join(SHOTS, 'case-return-refused.png'));
    await expectClean(a);

    // The same page in English: the holding and the operations in words of the chosen language.
    await a.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
    const english = a.getByRole('region', { name: 'Who works on this case' });
    await english.getByText('Unclaimed; who may claim it: Senior reviewer of the authority').waitFor();
    await english.getByRole('tab', { name: 'Transfer / delegate' }).waitFor();
    // The refusal came in Chinese; asked again, the API gives it in English.
    await english.getByRole('button', { name: 'Return', exact: true }).click();
    await english
      .getByRole('tabpanel', { name: 'Return' })
      .locator('[data-refusal-code]')
      .getByText('This step is for senior reviewers')
      .waitFor();
    // The claim's refusal came with the work answer in both languages: in English at once, no new attempt.
    await english
      .locator('[data-operation-refused]')
      .filter({ has: a.getByRole('button', { name: 'Claim' }) })
      .getByText('This step is for senior reviewers')
      .waitFor();
    await a
      .getByRole('region', { name: 'Internal comments' })
      .getByText(/^盱眙县经办人 \(Officer\), /)
      .waitFor();
    await screenshot(a, join(SHOTS, 'case-english.png'));
    await expectClean(a);
  }, 120_000);
});
