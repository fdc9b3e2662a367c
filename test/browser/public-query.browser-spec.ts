import { DEMO_SUBJECTS } from '@credence/identity';
import { apiCaller, expectClean, uploadPdf } from './support/api';
import { accessibilityViolations, startConsole, type ConsoleUnderTest } from './support/console';

const TONGDA = DEMO_SUBJECTS.xuyiTongda;

/** 公示查询 without sign-in: by code straight to the subject, by name through a list, status labels shown. */
describe('the public query (browser)', () => {
  let ui: ConsoleUnderTest;
  let disputed: string;

  beforeAll(async () => {
    ui = await startConsole();
    disputed = await objectionAccepted(ui);
  }, 120_000);
  afterAll(() => ui?.stop());

  it('goes from a credit code straight to the subject, its records labelled', async () => {
    const page = await ui.newPage();
    await ui.open(page, '/public');
    await page.getByLabel('统一社会信用代码、身份证号或主体名称').fill(TONGDA.code.toLowerCase());
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/public/subjects/${TONGDA.code}`);
    await page.getByRole('heading', { level: 1, name: TONGDA.name }).waitFor();
    const card = page.locator('.ant-card').filter({ hasText: disputed });
    await card.getByText('异议处理中').waitFor();
    expect(await page.getByText('公示中', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('heading', { name: '信用承诺' }).waitFor();
    await expectClean(page);
  });

  it('finds a subject by part of its name, on an address that can be bookmarked', async () => {
    const page = await ui.newPage();
    await ui.open(page, '/public');
    await page.getByLabel('统一社会信用代码、身份证号或主体名称').fill('通达');
    await page.getByRole('button', { name: '查询' }).click();
    await page.waitForURL('**/public?name=*');
    const row = page.getByRole('row').filter({ hasText: TONGDA.code });
    await row.getByRole('link', { name: TONGDA.name }).waitFor();
    expect(await page.getByRole('table').getByText('共 1 个主体').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The same address opened anew shows the same list; the name leads to the subject.
    await ui.open(page, page.url());
    await row.getByRole('link', { name: TONGDA.name }).click();
    await page.waitForURL(`**/public/subjects/${TONGDA.code}`);
  });

  it('says so when nothing public matches, and refuses a name too short without asking the API', async () => {
    const page = await ui.newPage();
    await ui.open(page, '/public?name=' + encodeURIComponent('不存在的公司'));
    await page.getByText('没有找到有公示信息的主体', { exact: false }).waitFor();
    await page.getByLabel('统一社会信用代码、身份证号或主体名称').fill('通');
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByText('名称至少输入 2 个字').waitFor();
  });

  it("shows the API's refusal of a code that fails its check digit, in the chosen language", async () => {
    const page = await ui.newPage();
    await ui.open(page, '/public/subjects/91320830MA1XY00120');
    await page.getByRole('alert').getByText('不是有效的统一社会信用代码或居民身份证号码').waitFor();
    await page.getByRole('radiogroup', { name: '语言' }).getByText('English').click();
    await page.reload();
    await page
      .getByRole('alert')
      .getByText('Not a valid unified social credit code or resident ID number')
      .waitFor();
  });
});

/** An objection to one of the demo enterprise's records, accepted: the record shows 异议处理中. Its decision number. */
async function objectionAccepted(ui: ConsoleUnderTest): Promise<string> {
  // Shapes checked by the API's own e2e tests: here only the ids are read.
  const call = apiCaller(() => ui);
  const published = await fetch(`${ui.api.baseUrl}/api/v1/public/subjects/${TONGDA.code}/records`);
  if (!published.ok) throw new Error(`public records: ${published.status} ${await published.text()}`);
  const record = ((await published.json()) as { records: { decisionNumber: string }[] }).records[0];
  const list = await call<{ items: { id: string; decisionNumber: string }[] }>(
    'applicant-a',
    'GET',
    `/credit-records?subjectCode=${TONGDA.code}`,
  );
  const recordId = list.items.find((r) => r.decisionNumber === record.decisionNumber)!.id;
  const fileId = await uploadPdf(ui, 'applicant-a', 'evidence.pdf', '%PDF-1.4\n% evidence\n%%EOF\n');
  const objection = await call('applicant-a', 'POST', '/objections', {
    recordId,
    ground: 'wrong',
    statement: '车辆号牌与本公司车辆不符',
    materials: [{ fileId, category: 'evidence' }],
    commitment: { content: '本单位承诺所提交材料真实有效。', consent: true },
  });
  await call('officer-xuyi', 'POST', `/objections/${objection.id}/accept`);
  return record.decisionNumber;
}
