import { tongdaRecord } from './support/demo-records';
import { resolve } from 'node:path';
import { apiCaller, uploadPdf } from './support/api';
import { screenshot, startConsole, type ConsoleUnderTest } from './support/console';

const DOCS = resolve(import.meta.dirname, '../../docs/console');
/** 通达's general record (seed-demo-records.ts), repairable now. */
const GENERAL = tongdaRecord('general');
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/*
 * The reviewer's pages for docs/console (`npm run docs:console`, DOCS_CONSOLE=1 only, like console-screenshots): the
 * queue with its deadlines in working days, and the staff case page where the officer who recommended sees the
 * approval disabled with its refusal. The data is arranged through the public API, as the applicant and officer
 * would make it.
 */
const writing = process.env.DOCS_CONSOLE === '1';
(writing ? describe : describe.skip)('workbench screenshots for docs/console (npm run docs:console)', () => {
  let ui: ConsoleUnderTest;
  beforeAll(async () => (ui = await startConsole()), 120_000);
  afterAll(() => ui?.stop());

  const call = apiCaller<Record<string, unknown> & { id: string; title: string }>(() => ui);
  const upload = (name: string) => uploadPdf(ui, 'applicant-a', name, PDF);

  it('draws the work queue and the staff case page with the four-eyes refusal', async () => {
    const records = (await call('applicant-a', 'GET', '/credit-records?pageSize=50')) as unknown as {
      items: { id: string; decisionNumber: string }[];
    };
    const general = records.items.find((r) => r.decisionNumber === GENERAL)!;
    // A repair the officer accepted and recommended: the decision is a senior reviewer's (four eyes).
    const draft = await call('applicant-a', 'POST', '/repair-applications', {
      recordId: general.id,
      materials: [{ fileId: await upload('罚款缴纳凭证.pdf'), category: 'correction_proof' }],
      commitment: { content: '本单位承诺已纠正失信行为，今后守法经营。', consentToPublish: true },
    });
    const submitted = await call('applicant-a', 'POST', `/repair-applications/${draft.id}/submit`);
    await call('officer-xuyi', 'POST', `/repair-applications/${draft.id}/accept`, {
      opinion: '材料齐全，予以受理。',
    });
    await call('officer-xuyi', 'POST', `/repair-applications/${draft.id}/recommend`, {
      recommendation: 'approve',
      opinion: '罚款已缴清，整改报告已提交，建议准予修复。',
      reasons: ['罚款已缴清', '整改报告已提交'],
    });
    // Objections to the other records: one waiting for acceptance, one accepted and under verification.
    const others = records.items.filter((r) => r.id !== general.id).slice(0, 2);
    for (const [i, record] of others.entries()) {
      const objection = await call('applicant-a', 'POST', '/objections', {
        recordId: record.id,
        ground: 'wrong',
        statement: '车辆号牌与本公司车辆不符。',
        materials: [{ fileId: await upload('车辆行驶证.pdf'), category: 'evidence' }],
        commitment: { content: '本单位承诺所提交材料真实有效。', consent: true },
      });
      if (i === 1) await call('officer-xuyi', 'POST', `/objections/${objection.id}/accept`);
    }

    const page = await ui.newPage({ width: 1280, height: 720 });
    await ui.signIn(page, 'officer-xuyi');
    await ui.open(page, '/workbench?view=all');
    await page.getByRole('link', { name: submitted.title }).waitFor();
    await page
      .getByText(/剩余 \d+ 个工作日（截止 \d{4}-\d{2}-\d{2}）/)
      .first()
      .waitFor();
    await screenshot(page, `${DOCS}/workbench-queue.png`);

    await ui.open(page, `/cases/${draft.id}`);
    const approve = page.locator('li[data-action="approve"]');
    await approve.locator('[data-refusal-code]').waitFor();
    await page.getByText('盱眙县经办人（经办人），', { exact: false }).first().waitFor();
    await page.getByRole('region', { name: '办理过程' }).getByText('提出审查意见').first().waitFor();
    await screenshot(page, `${DOCS}/workbench-case.png`);
  }, 180_000);
});
