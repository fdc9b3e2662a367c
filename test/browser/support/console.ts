import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { spawnApi, waitForHealth, type RunningApi } from '../../reliability/support/processes';
import { createTestDatabase, type TestDatabase } from '../../setup/test-database';
import { launchChromium } from './chromium';

const ROOT = resolve(import.meta.dirname, '../../..');
export const DEMO_PASSWORD = 'credence-demo';

export interface ConsoleUnderTest {
  api: RunningApi;
  /** A fresh browser context (its own storage: nobody signed in, Chinese) with one page. */
  newPage(options?: { width?: number; height?: number }): Promise<Page>;
  /** Opens `path` of the console and waits until the page has drawn. */
  open(page: Page, path: string): Promise<void>;
  /** Signs in through the form on / as a demo account (password credence-demo) and waits for the landing page. */
  signIn(page: Page, username: string): Promise<void>;
  /** A token for arranging data through the API itself (the same calls the console makes). */
  token(username: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * The built product as `npm start` runs it (API and worker; dist, with dist/console) on its own database from the jest run's PostgreSQL,
 * demo data seeded, and Debian's chromium. Call in beforeAll; stop() in afterAll.
 */
export async function startConsole({
  env = {},
  seed,
}: {
  /** Settings of the product for this run (e.g. a short AUDIT_CHECKPOINT_EVERY_SECONDS). */
  env?: Record<string, string>;
  /**
   * Arranges data in the database before the API starts, from the test process: events with an injected clock's
   * times, which the API (on the real clock) could not record. Before, not after: the API's worker acts on the
   * seeded cases' clocks (long overdue on the real clock) and would append to the streams being seeded. The demo
   * seed then adds what is missing; the worker projects everything.
   */
  seed?: (database: TestDatabase) => Promise<unknown>;
} = {}): Promise<ConsoleUnderTest> {
  if (!existsSync(resolve(ROOT, 'dist/console/index.html')))
    throw new Error('dist/console is missing: `npm test` builds it (or run `npm run build:console`)');
  let database: TestDatabase | undefined;
  let api: RunningApi | undefined;
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  try {
    database = await createTestDatabase();
    await seed?.(database);
    // Started side by side; the API may take a while on a loaded 2-core machine (migrations ran in the template).
    [api, browser] = await Promise.all([
      spawnApi(database.url, { SEED_DEMO: 'true', RUN_WORKER: 'true', ...env }, { waitForHealth: false }),
      launchChromium(),
    ]);
    await waitForHealth(api, 90_000);
  } catch (error) {
    await browser?.close();
    await api?.stop();
    await database?.drop();
    throw error;
  }
  const running = { api, browser, database };
  const tokens = new Map<string, string>();
  const open = async (page: Page, path: string) => {
    await page.goto(path);
    await page.locator('#root > *').first().waitFor();
  };
  return {
    api,
    async newPage({ width = 1280, height = 800 } = {}) {
      const context = await running.browser.newContext({
        baseURL: running.api.baseUrl,
        locale: 'zh-CN',
        timezoneId: 'Asia/Shanghai',
        viewport: { width, height },
      });
      contexts.push(context);
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      // A script error or a blocked resource (CSP) is a failure of the page, whatever the test looks at.
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
      page.on('console', (message) => {
        if (message.type() === 'error' && !/status of (4\d\d)/.test(message.text()))
          problems.push(`console error: ${message.text()}`);
      });
      (page as Page & { problems?: string[] }).problems = problems;
      return page;
    },
    open,
    async signIn(page, username) {
      await open(page, '/');
      await page.getByLabel('用户名').fill(username);
      await page.getByLabel('密码').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: '登录' }).click();
      await page.waitForURL((url) => url.pathname !== '/');
    },
    async token(username) {
      const cached = tokens.get(username);
      if (cached) return cached;
      const res = await fetch(`${running.api.baseUrl}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: DEMO_PASSWORD }),
      });
      if (!res.ok) throw new Error(`login as ${username}: ${res.status} ${await res.text()}`);
      const token = ((await res.json()) as { accessToken: string }).accessToken;
      tokens.set(username, token);
      return token;
    },
    async stop() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await running.browser.close();
      await running.api.stop();
      await running.database.drop();
    },
  };
}

/** What went wrong on the page so far (script errors, failed loads other than the API's 4xx answers). */
export function pageProblems(page: Page): string[] {
  return (page as Page & { problems?: string[] }).problems ?? [];
}

/**
 * axe-core on the page as it is now (WCAG 2.1 A and AA). Returns the serious and critical violations, described so a
 * failing test says what and where: `expect(await accessibilityViolations(page)).toEqual([])`.
 */
export async function accessibilityViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${v.id} (${v.impact}): ${v.help} — ` +
        v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`).join('; '),
    );
}

/**
 * Writes a PNG of the page (full length) to `path`, creating its directory, once the page has settled: no antd
 * loading overlay or spinner left, and animations (the overlay's fade among them) run to their end, so the picture
 * shows what a reader sees, not a frame of a transition.
 */
export async function screenshot(page: Page, path: string): Promise<void> {
  mkdirSync(resolve(path, '..'), { recursive: true });
  await page.locator('.ant-spin-blur, .ant-spin-spinning').first().waitFor({ state: 'detached' });
  await page.screenshot({ path, fullPage: true, animations: 'disabled' });
}
