import { resolve } from 'node:path';
import { seedOctober2026 } from '../setup/statistics-month';
import { screenshot, startConsole, type ConsoleUnderTest } from './support/console';

const DOCS = resolve(import.meta.dirname, '../../docs/console');

/*
 * The oversight dashboard for docs/console (`npm run docs:console`, DOCS_CONSOLE=1 only, like console-screenshots):
 * October 2026 of libs/statistics/src/testing/october-2026.ts, as the provincial auditor sees it, drilled down to
 * 淮安市. dashboard.browser-spec.ts checks its figures.
 */
const writing = process.env.DOCS_CONSOLE === '1';
(writing ? describe : describe.skip)('dashboard screenshot for docs/console (npm run docs:console)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => {
    ui = await startConsole({ seed: seedOctober2026 });
  }, 240_000);
  afterAll(() => ui?.stop());

  it('draws the dashboard of a month for a city', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'auditor-province');
    await ui.open(page, '/dashboard?month=2026-10&authority=320800');
    // Once the worker has projected the seeded month: the city's 双公示 rate (3 of 4) is drawn.
    for (
      let tries = 0;
      (await page.locator('[data-figure="publication"] [data-value]').textContent()) !== '75%';
    ) {
      if (++tries > 60) throw new Error('the seeded month was not projected within 60 s');
      await page.waitForTimeout(1000);
      await page.reload();
      await page.locator('[data-figure="publication"] [data-value]').waitFor();
    }
    await page.locator('svg').first().waitFor();
    await screenshot(page, `${DOCS}/dashboard.png`);
  }, 120_000);
});
