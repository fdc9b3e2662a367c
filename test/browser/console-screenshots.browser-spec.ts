import { tongdaRecord } from './support/demo-records';
import { resolve } from 'node:path';
import { DEMO_SUBJECTS } from '@credence/identity';
import { screenshot, startConsole, type ConsoleUnderTest } from './support/console';

const DOCS = resolve(import.meta.dirname, '../../docs/console');

/*
 * `npm run docs:console` redraws the PNGs in docs/console/ that the README links. Only then (DOCS_CONSOLE=1): a test
 * run must not rewrite tracked files, and the pages shown here are already checked by the other browser specs.
 */
const writing = process.env.DOCS_CONSOLE === '1';
(writing ? describe : describe.skip)('console screenshots for docs/console (npm run docs:console)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => (ui = await startConsole()), 120_000);
  afterAll(() => ui?.stop());

  it('draws the sign-in, public query and subject pages', async () => {
    const page = await ui.newPage({ width: 1280, height: 720 });
    await ui.open(page, '/');
    await page.getByLabel('用户名').waitFor();
    await screenshot(page, `${DOCS}/sign-in.png`);

    await ui.open(page, `/public?name=${encodeURIComponent('有限公司')}`);
    await page.getByRole('table').getByRole('link').first().waitFor();
    await screenshot(page, `${DOCS}/public-search.png`);

    await ui.open(page, `/public/subjects/${DEMO_SUBJECTS.xuyiTongda.code}`);
    await page.getByRole('heading', { level: 1, name: DEMO_SUBJECTS.xuyiTongda.name }).waitFor();
    await page.locator('.ant-card').first().waitFor();
    await screenshot(page, `${DOCS}/public-subject.png`);
  });

  it('draws the applicant portal, the repair wizard, a case with a 补正 request and the inbox', async () => {
    const as = async (username: string) => ({ Authorization: `Bearer ${await ui.token(username)}` });
    const call = async (username: string, path: string, body?: unknown, version?: number) => {
      const res = await fetch(`${ui.api.baseUrl}/api/v1${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: {
          ...(await as(username)),
          'Content-Type': 'application/json',
          ...(version !== undefined ? { 'If-Match': String(version) } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; version: number };
    };
    const page = await ui.newPage({ width: 1280, height: 720 });
    await ui.signIn(page, 'applicant-a');
    await page.waitForURL('**/portal');

    // The wizard's conditions step for the record that may be repaired now; the draft it makes is filed below.
    await page
      .locator('.ant-card')
      .filter({ hasText: tongdaRecord('general') })
      .getByRole('button', { name: '申请信用修复' })
      .click();
    await page.getByRole('button', { name: '检查申请条件' }).click();
    await page.getByText('该记录已满足信用修复的申请条件').waitFor();
    await screenshot(page, `${DOCS}/repair-wizard.png`);
    const id = new URL(page.url()).searchParams.get('case')!;

    const form = new FormData();
    form.append(
      'file',
      new Blob(['%PDF-1.4\n% proof\n%%EOF\n'], { type: 'application/pdf' }),
      '罚款缴纳凭证.pdf',
    );
    const uploaded = await fetch(`${ui.api.baseUrl}/api/v1/files`, {
      method: 'POST',
      headers: await as('applicant-a'),
      body: form,
    });
    const file = (await uploaded.json()) as { id: string };
    let view = await call('applicant-a', `/repair-applications/${id}`);
    view = await call(
      'applicant-a',
      `/repair-applications/${id}/update-draft`,
      {
        materials: [{ fileId: file.id, category: 'correction_proof' }],
        commitment: { content: '本单位承诺已纠正失信行为，所提交材料真实有效。', consentToPublish: true },
      },
      view.version,
    );
    view = await call('applicant-a', `/repair-applications/${id}/submit`, {}, view.version);
    await call(
      'officer-xuyi',
      `/repair-applications/${id}/request-supplement`,
      {
        items: ['整改报告', '罚款缴纳凭证'],
        reasons: ['缺少整改报告和罚款缴纳凭证，无法判断是否已纠正失信行为'],
      },
      view.version,
    );

    await ui.open(page, `/cases/${id}`);
    await page.getByRole('heading', { name: '需要您补正的材料' }).waitFor();
    await screenshot(page, `${DOCS}/applicant-case.png`);

    // The worker writes the message; the header asks again when the page becomes visible (or every 30 s).
    const inbox = page.getByRole('button', { name: /^消息，[1-9]\d* 条未读$/ });
    for (let i = 0; i < 40 && !(await inbox.isVisible()); i++) {
      await page.evaluate("document.dispatchEvent(new Event('visibilitychange', { bubbles: true }))");
      await page.waitForTimeout(250);
    }
    await inbox.click();
    await page.getByRole('dialog', { name: '消息' }).getByRole('article').first().waitFor();
    await page.waitForTimeout(400); // the drawer's opening animation
    await page.screenshot({ path: `${DOCS}/inbox.png` });
    await page.keyboard.press('Escape');

    await ui.open(page, '/portal');
    await page.getByRole('heading', { level: 1, name: '我的信用记录' }).waitFor();
    await page
      .getByText(/剩余 \d+ 个工作日|已暂停/)
      .first()
      .waitFor();
    await screenshot(page, `${DOCS}/portal.png`);
  }, 120_000);
});
