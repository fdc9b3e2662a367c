import type { Page } from 'playwright-core';
import {
  accessibilityViolations,
  pageProblems,
  startConsole,
  type ConsoleUnderTest,
} from './support/console';

/** Sign-in at /: labelled fields, the landing page by role, refusals in the chosen language, keyboard only. */
describe('signing in to the console (browser)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => (ui = await startConsole()), 120_000);
  afterAll(() => ui?.stop());

  it.each([
    ['applicant-a', '/portal', '我的信用记录'],
    ['officer-xuyi', '/workbench', '审查工作台'],
    ['reviewer-xuyi', '/workbench', '审查工作台'],
    ['auditor-xuyi', '/audit', '决策检索'],
    ['admin', '/admin', '系统管理'],
  ])('lands %s on %s', async (username, path, heading) => {
    const page = await ui.newPage();
    await ui.signIn(page, username);
    expect(new URL(page.url()).pathname).toBe(path);
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await page.getByRole('button', { name: '退出登录' }).click();
    await page.getByRole('button', { name: '登录' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    expect(pageProblems(page)).toEqual([]);
  });

  it('has labelled fields and passes axe', async () => {
    const page = await ui.newPage();
    await ui.open(page, '/');
    await page.getByLabel('用户名').waitFor();
    await page.getByLabel('密码').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it("shows the API's refusal of a wrong password, and English when English is chosen", async () => {
    const page = await ui.newPage();
    await ui.open(page, '/');
    await page.getByLabel('用户名').fill('officer-xuyi');
    await page.getByLabel('密码').fill('not-the-password');
    await page.getByRole('button', { name: '登录' }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('用户名或密码错误').waitFor();
    expect(await alert.getAttribute('data-problem-code')).toBe('AUTH.INVALID_CREDENTIALS');

    await chooseLanguage(page, 'English');
    await page.getByLabel('Username').fill('officer-xuyi');
    await page.getByLabel('Password').fill('still-not-it');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('alert').getByText('Wrong username or password').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    // The choice is kept: a new visit opens in English, and the page says so to assistive technology.
    await page.reload();
    await page.getByLabel('Username').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await chooseLanguage(page, '中文');
    await page.getByLabel('用户名').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
  });

  it('works with the keyboard alone', async () => {
    const page = await ui.newPage();
    await ui.open(page, '/');
    // The username field has focus on arrival; Tab reaches the password, Enter submits.
    await page.getByLabel('用户名').waitFor();
    await page.keyboard.type('officer-xuyi');
    await page.keyboard.press('Tab');
    // Evaluated in the page (a string: this file is compiled without the DOM library).
    expect(await page.evaluate('document.activeElement?.id')).toBe(
      await page.getByLabel('密码').getAttribute('id'),
    );
    await page.keyboard.type('credence-demo');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/workbench');
  });

  it('goes back to sign-in, saying why, when the API no longer accepts the token', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'applicant-a');
    await page.evaluate(`{
      const session = JSON.parse(sessionStorage.getItem('credence.session'));
      sessionStorage.setItem('credence.session', JSON.stringify({ ...session, token: 'expired.token.value' }));
    }`);
    await page.reload();
    await page.getByText('登录已失效，请重新登录').waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
  });

  it('sends a bookmarked page through sign-in and back to it', async () => {
    const page = await ui.newPage();
    await ui.open(page, '/cases/0190c0de-0000-7000-8000-000000000001');
    await page.getByLabel('用户名').fill('officer-xuyi');
    await page.getByLabel('密码').fill('credence-demo');
    await page.getByRole('button', { name: '登录' }).click();
    await page.waitForURL('**/cases/0190c0de-0000-7000-8000-000000000001');
  });
});

async function chooseLanguage(page: Page, label: 'English' | '中文'): Promise<void> {
  await page
    .getByRole('radiogroup', { name: /语言|Language/ })
    .getByText(label)
    .click();
}
