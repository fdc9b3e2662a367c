import { tongdaRecord } from './support/demo-records';
import { resolve } from 'node:path';
import { apiCaller, uploadPdf } from './support/api';
import { screenshot, startConsole, type ConsoleUnderTest } from './support/console';

const DOCS = resolve(import.meta.dirname, '../../docs/console');
/** 通达's general record (seed-demo-records.ts), repairable now. */
const GENERAL = tongdaRecord('general');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/*
 * The auditor's pages for docs/console (`npm run docs:console`, DOCS_CONSOLE=1 only, like console-screenshots): the
 * decision search, a trail scrubbed back to before its decision, and the integrity page after an evidence download.
 * The data is arranged through the public API, as the applicant, officer and senior reviewer would make it.
 */
const writing = process.env.DOCS_CONSOLE === '1';
(writing ? describe : describe.skip)('auditor screenshots for docs/console (npm run docs:console)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => (ui = await startConsole({ env: { AUDIT_CHECKPOINT_EVERY_SECONDS: '1' } })), 120_000);
  afterAll(() => ui?.stop());

  const call = apiCaller<Record<string, unknown> & { id: string; title: string }>(() => ui);

  it('draws the decision search, a trail back in time and the integrity page', async () => {
    const records = (await call('applicant-a', 'GET', '/credit-records?pageSize=50')) as unknown as {
      items: { id: string; decisionNumber: string }[];
    };
    const general = records.items.find((r) => r.decisionNumber === GENERAL)!;
    const draft = await call('applicant-a', 'POST', '/repair-applications', {
      recordId: general.id,
      materials: [
        { fileId: await uploadPdf(ui, 'applicant-a', '罚款缴纳凭证.pdf', PDF), category: 'correction_proof' },
      ],
      commitment: { content: '本单位承诺已纠正失信行为，今后守法经营。', consentToPublish: true },
    });
    const submitted = await call('applicant-a', 'POST', `/repair-applications/${draft.id}/submit`);
    await call('officer-xuyi', 'POST', `/repair-applications/${draft.id}/accept`, {
      opinion: '材料齐全，予以受理。',
    });
    await call('officer-xuyi', 'POST', `/repair-applications/${draft.id}/recommend`, {
      recommendation: 'approve',
      opinion: '罚款已缴清，建议准予修复。',
      reasons: ['罚款已缴清', '整改报告已提交'],
    });
    await call('reviewer-xuyi', 'POST', `/repair-applications/${draft.id}/approve`, {
      legalBasis: '《信用修复管理办法》第十二条',
      reasons: ['已履行处罚决定并完成整改'],
    });

    const page = await ui.newPage({ width: 1280, height: 800 });
    await ui.signIn(page, 'auditor-xuyi');
    for (let i = 0; i < 50; i++) {
      await ui.open(page, '/audit?subject=91320830MA1XY0012B');
      await page.locator('[data-decisions][aria-busy="false"]').waitFor();
      if ((await page.getByRole('link', { name: submitted.title }).count()) > 0) break;
      await page.waitForTimeout(200);
    }
    await screenshot(page, `${DOCS}/audit-decisions.png`);

    await ui.open(page, `/audit/cases/${draft.id}`);
    await page.getByRole('slider').focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(/\?at=/);
    await page.locator('[data-as-of][aria-busy="false"]').waitFor();
    await screenshot(page, `${DOCS}/audit-trail.png`);

    await ui.open(page, `/audit/integrity?caseId=${draft.id}`);
    await page.locator('[data-checkpoint]').waitFor();
    await page.getByRole('button', { name: '下载证据包' }).click();
    await page.locator('[data-evidence]').waitFor();
    await screenshot(page, `${DOCS}/audit-integrity.png`);
  }, 180_000);
});
