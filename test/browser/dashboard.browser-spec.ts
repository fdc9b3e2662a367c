import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { seedOctober2026 } from '../setup/statistics-month';
import { apiCaller, expectClean } from './support/api';
import { screenshot, startConsole, type ConsoleUnderTest } from './support/console';

/** Where the pages' pictures go when asked for (SCREENSHOTS=<dir>), to look at them. */
const SHOTS = process.env.SCREENSHOTS;

/**
 * The oversight dashboard in the browser, on October 2026 as libs/statistics/src/testing/october-2026.ts records it
 * (each case's dates and whether each clock stopped in time are worked out there). The expected figures below are
 * counted by hand from that scenario, not read from the API:
 * - repair acceptance: R1 ✓ R2 ✗ R3 ✓ R4 ✓ R6 ✓ R8 ✓ → 5 of 6 = 83.33 % (R5 withdrawn: no decision);
 * - repair result: R1 ✓ R2 ✓ (补正 paused) R3 ✗ R4 ✓ R8 ✗ → 3 of 5 = 60 %;
 * - 双公示: P1 ✓ P2 ✓ P3 ✗ P4 ✓ P5 ✗ → 3 of 5 = 60 %; under 淮安市 (P5 is 宝应县's) 3 of 4 = 75 %;
 * - opened in October: R2 R3 R4 R5 R6 R7 R8 R11 O1 O2 = 10.
 */
describe('the oversight dashboard (browser)', () => {
  let ui: ConsoleUnderTest;
  let ids: Record<string, string> = {};
  beforeAll(async () => {
    ui = await startConsole({
      seed: async (database) => {
        ({ ids } = await seedOctober2026(database));
      },
    });
  }, 240_000);
  afterAll(() => ui?.stop());

  const call = apiCaller<Record<string, unknown>>(() => ui);
  const shot = async (page: Page, name: string) => {
    if (SHOTS) await screenshot(page, `${SHOTS}/${name}.png`);
  };
  const figure = (page: Page, name: string) => page.locator(`[data-figure="${name}"] [data-value]`);

  /** Until the API's worker has projected every event the seeding recorded. */
  beforeAll(async () => {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const fresh = await call<{ upToDate: boolean }>('auditor-province', 'GET', '/statistics/freshness');
      if (fresh.upToDate) return;
      if (Date.now() > deadline) throw new Error('the statistics projector did not catch up within 60 s');
      await new Promise((ok) => setTimeout(ok, 500));
    }
  }, 90_000);

  it('shows a seeded month’s on-time rates and 双公示 rate as counted by hand, and drills down to the cases', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'auditor-province');
    // The header leads auditors to the dashboard; the month is in the address (bookmarkable).
    await page.getByRole('link', { name: '监管统计' }).click();
    await page.waitForURL('**/dashboard');
    await ui.open(page, '/dashboard?month=2026-10');

    await figure(page, 'on-time:repair.acceptance').getByText('83.33%').waitFor();
    expect(await figure(page, 'on-time:repair.acceptance').textContent()).toBe('83.33%');
    expect(await figure(page, 'on-time:repair.result').textContent()).toBe('60%');
    expect(await figure(page, 'publication').textContent()).toBe('60%');
    expect(await figure(page, 'opened').textContent()).toBe('10');
    expect(await page.locator('[data-period]').first().textContent()).toContain('2026-10-01 至 2026-10-31');
    await expect(page.locator('[data-freshness]').textContent()).resolves.toMatch(
      /^数据截至 \d{4}-\d{2}-\d{2} /,
    );
    // Every chart is an image a screen reader can read a summary of, with the same figures in a table beside it.
    const onTimeChart = page.getByRole('region', { name: '各法定环节按期办结率' });
    await expect(onTimeChart.getByRole('img').getAttribute('aria-label')).resolves.toContain('83.33%');
    await onTimeChart.getByRole('cell', { name: '83.33%' }).waitFor();
    await page.locator('svg').first().waitFor();
    await shot(page, 'dashboard-province');
    await expectClean(page);
    // The month's report, for the same authority, as a spreadsheet (an XLSX is a ZIP: it starts with PK).
    const [file] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载 XLSX' }).click(),
    ]);
    expect(file.suggestedFilename()).toMatch(/2026-10.*\.xlsx$/);
    expect(
      readFileSync(await file.path())
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');

    // One level down: 淮安市, whose counties are its rows; 宝应县's late publication is no longer counted.
    const drill = page.getByRole('region', { name: '按单位下钻' });
    await drill.getByRole('link', { name: '淮安市交通运输局' }).click();
    await page.waitForURL((url) => url.searchParams.get('authority') === '320800');
    await figure(page, 'publication').getByText('75%').waitFor();
    expect(await figure(page, 'on-time:repair.result').textContent()).toBe('60%');
    await drill.getByRole('navigation').getByText('淮安市交通运输局').waitFor();
    const xuyi = drill.getByRole('row').filter({ hasText: '盱眙县交通运输局' });
    await expect(xuyi.getByRole('cell').allTextContents()).resolves.toContain('75%'); // R1 ✓ R2 ✓ R3 ✗ R4 ✓
    await shot(page, 'dashboard-city');
    await expectClean(page);
    // The same figures in English.
    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { name: 'Oversight statistics' }).waitFor();
    expect(await figure(page, 'publication').textContent()).toBe('75%');
    await shot(page, 'dashboard-city-en');
    await expectClean(page);
    await page.getByText('中文', { exact: true }).click();

    // From a figure to the cases behind it: the late results, R3 (盱眙) and R8 (淮阴), each leading to its trail.
    await page
      .getByRole('region', { name: '各法定环节按期办结率' })
      .getByRole('row')
      .filter({ hasText: '60%' })
      .getByRole('link', { name: '2' })
      .click();
    await page.getByRole('heading', { name: '期内有环节超期的案件' }).waitFor();
    const links = page.locator('.ant-table-tbody a');
    await links.nth(1).waitFor();
    const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.sort()).toEqual([`/audit/cases/${ids.R3}`, `/audit/cases/${ids.R8}`].sort());
    await shot(page, 'dashboard-late-cases');
    await expectClean(page);
  }, 120_000);

  it('shows a senior reviewer their own authority’s figures, each case leading to its case page', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'reviewer-xuyi'); // 盱眙县 320830: they answer for its time limits
    await ui.open(page, '/dashboard?month=2026-10');
    // 盱眙's acceptance: R1 ✓ R2 ✗ R3 ✓ R4 ✓ R6 ✓ → 4 of 5; 双公示 P1 ✓ P2 ✓ P3 ✗ → 2 of 3.
    await figure(page, 'on-time:repair.acceptance').getByText('80%').waitFor();
    expect(await figure(page, 'publication').textContent()).toBe('66.67%');
    const trail = page.getByRole('region', { name: '按单位下钻' }).getByRole('navigation');
    expect(await trail.textContent()).toBe('盱眙县交通运输局');
    await expectClean(page);
    await page
      .getByRole('region', { name: '各法定环节按期办结率' })
      .getByRole('row')
      .filter({ hasText: '80%' })
      .getByRole('link', { name: '1' })
      .click();
    // The list's own heading first: until it is drawn, the dashboard's tables (and their links) are still there.
    await page.getByRole('heading', { name: '期内有环节超期的案件' }).waitFor();
    const link = page.locator('.ant-table-tbody a');
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(`/cases/${ids.R2}`);
    await expectClean(page);
  }, 60_000);
});
