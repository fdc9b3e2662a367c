import { DEMO_SUBJECTS } from '@credence/identity';
import {
  accessibilityViolations,
  pageProblems,
  startConsole,
  type ConsoleUnderTest,
} from './support/console';

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
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(pageProblems(page)).toEqual([]);
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
  const api = `${ui.api.baseUrl}/api/v1`;
  const as = async (username: string) => ({ Authorization: `Bearer ${await ui.token(username)}` });
  // Shapes checked by the API's own e2e tests: here only the ids are read.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- see above
  const json = async (res: Response): Promise<any> => {
    if (!res.ok) throw new Error(`${res.url}: ${res.status} ${await res.text()}`);
    return res.json();
  };
  const records = await json(await fetch(`${api}/public/subjects/${TONGDA.code}/records`));
  const record = records.records[0] as { decisionNumber: string };
  const list = await json(
    await fetch(`${api}/credit-records?subjectCode=${TONGDA.code}`, { headers: await as('applicant-a') }),
  );
  const recordId = (list.items as { id: string; decisionNumber: string }[]).find(
    (r) => r.decisionNumber === record.decisionNumber,
  )!.id;
  const form = new FormData();
  form.append(
    'file',
    new Blob(['%PDF-1.4\n% evidence\n%%EOF\n'], { type: 'application/pdf' }),
    'evidence.pdf',
  );
  const file = await json(
    await fetch(`${api}/files`, { method: 'POST', headers: await as('applicant-a'), body: form }),
  );
  const objection = await json(
    await fetch(`${api}/objections`, {
      method: 'POST',
      headers: { ...(await as('applicant-a')), 'Content-Type': 'application/json' },
      body: JSON.stringify({
        recordId,
        ground: 'wrong',
        statement: '车辆号牌与本公司车辆不符',
        materials: [{ fileId: file.id, category: 'evidence' }],
        commitment: { content: '本单位承诺所提交材料真实有效。', consent: true },
      }),
    }),
  );
  await json(
    await fetch(`${api}/objections/${objection.id}/accept`, {
      method: 'POST',
      headers: await as('officer-xuyi'),
    }),
  );
  return record.decisionNumber;
}
