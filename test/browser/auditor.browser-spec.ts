import { tongdaRecord } from './support/demo-records';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { apiCaller, expectClean, uploadPdf, type CaseAnswer } from './support/api';
import { screenshot, startConsole, type ConsoleUnderTest } from './support/console';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const VERIFIER = resolve(ROOT, 'tools/credence-verify/credence-verify.mjs');
/** 通达's general record (seed-demo-records.ts), repairable now. */
const GENERAL = tongdaRecord('general');
const LEGAL = '《信用修复管理办法》第十二条';
const PDF = Buffer.from('%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** Where the pages' pictures go when asked for (SCREENSHOTS=<dir>), to look at them. */
const SHOTS = process.env.SCREENSHOTS;

/**
 * The auditor console in the browser: a repair decided by a senior reviewer (arranged through the API) is found with
 * a filter and exported; its trail is scrubbed back to before the decision, showing the case, its diagram and the
 * record as they were; its evidence bundle is downloaded and accepted by the offline verifier run as a program;
 * a whole-ledger verification runs to its end; the access log shows who read what.
 */
describe('the auditor console (browser)', () => {
  let ui: ConsoleUnderTest;
  // Checkpoints every second: the bundle's events are then covered by signed proofs, not only by their chains.
  beforeAll(async () => (ui = await startConsole({ env: { AUDIT_CHECKPOINT_EVERY_SECONDS: '1' } })), 120_000);
  afterAll(() => ui?.stop());

  const call = apiCaller<Record<string, unknown> & CaseAnswer>(() => ui);
  const shot = async (page: Page, name: string) => {
    if (SHOTS) await screenshot(page, `${SHOTS}/${name}.png`);
  };
  /** The downloaded file's name and bytes, after `click` started the download. */
  const download = async (page: Page, click: () => Promise<void>) => {
    const [file] = await Promise.all([page.waitForEvent('download'), click()]);
    const path = await file.path();
    return { name: file.suggestedFilename(), path, bytes: readFileSync(path) };
  };

  let caseId = '';
  let caseTitle = '';

  beforeAll(async () => {
    const records = (await call('applicant-a', 'GET', '/credit-records?pageSize=50')) as unknown as {
      items: { id: string; decisionNumber: string }[];
    };
    const record = records.items.find((r) => r.decisionNumber === GENERAL)!;
    const draft = await call('applicant-a', 'POST', '/repair-applications', {
      recordId: record.id,
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
      legalBasis: LEGAL,
      reasons: ['已履行处罚决定并完成整改'],
    });
    caseId = draft.id;
    caseTitle = String(submitted.title);
    // The decision search reads a projection that follows the events by a poll of the worker: wait for the row.
    for (let i = 0; i < 100; i++) {
      const found = await call<{ items: { caseId: string }[] }>(
        'auditor-xuyi',
        'GET',
        `/audit/decisions?action=approve&subject=91320830MA1XY0012B`,
      );
      if (found.items.some((row) => row.caseId === caseId)) return;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error('the approval never reached the decision search');
  }, 60_000);

  it('finds the decision with a filter and exports the search as CSV and XLSX', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'auditor-xuyi');
    await page.waitForURL('**/audit');
    await page.getByRole('heading', { level: 1, name: '决策检索' }).waitFor();
    await expectClean(page);

    await page.getByLabel('操作', { exact: true }).fill('approve');
    await page.getByLabel('主体代码').fill('91320830MA1XY0012B');
    await page.getByRole('button', { name: '检索' }).click();
    await page.waitForURL('**/audit?subject=91320830MA1XY0012B&action=approve');
    // Until the filtered answer arrives the earlier rows stay shown: read the table once it is no longer busy.
    await page.locator('[data-decisions][aria-busy="false"]').waitFor();
    await page.getByText('共 1 步').waitFor();
    const rows = page.locator('[data-decisions] tbody tr[data-row-key]');
    expect(await rows.count()).toBe(1);
    await rows.getByRole('link', { name: caseTitle }).waitFor();
    expect(await rows.getByRole('link').getAttribute('href')).toBe(`/audit/cases/${caseId}`);
    await rows.getByText(LEGAL).waitFor();
    await expectClean(page);
    await shot(page, 'audit-decisions');

    const csv = await download(page, () => page.getByRole('button', { name: '导出 CSV' }).click());
    expect(csv.name).toMatch(/^decisions-\d{8}T\d{6}\.csv$/);
    const text = csv.bytes.toString('utf8');
    expect(text.split('\r\n')[0]).toContain('时间（北京时间） / Time (Beijing)');
    expect(text.split('\r\n').filter((line) => line.includes(caseId))).toHaveLength(1);
    await page.getByText(`已保存 ${csv.name}`).waitFor();
    const xlsx = await download(page, () => page.getByRole('button', { name: '导出 Excel（XLSX）' }).click());
    expect(xlsx.name).toMatch(/\.xlsx$/);
    expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
    await expectClean(page);

    // The filters are the address: reloading it shows the same search.
    await page.reload();
    await page.getByRole('link', { name: caseTitle }).waitFor();
    expect(await page.getByLabel('操作', { exact: true }).inputValue()).toBe('approve');
  }, 90_000);

  it('scrubs the trail back to before the decision: the case, its diagram and the record as they were', async () => {
    const page = await ui.newPage({ width: 1280, height: 900 });
    await ui.signIn(page, 'auditor-xuyi');
    await ui.open(page, `/audit?action=approve&subject=91320830MA1XY0012B`);
    await page.getByRole('link', { name: caseTitle }).click();
    await page.waitForURL(`**/audit/cases/${caseId}`);
    await page.getByRole('heading', { level: 1, name: `决策轨迹 ${caseTitle}` }).waitFor();
    // The trail: who decided, as what, on which basis, and the material by its digest.
    const trail = page.getByRole('region', { name: '办理轨迹' });
    await trail
      .getByText(/盱眙县复核人（审核负责人）准予修复/)
      .first()
      .waitFor();
    await trail.getByText(LEGAL).first().waitFor();
    await trail.getByText('罚款已缴清；整改报告已提交').first().waitFor();
    await trail
      .getByText(/SHA-256 [0-9a-f]{64}/)
      .first()
      .waitFor();
    // The engine's own steps are the system's, named by their role.
    await trail.getByText('系统：法定时限开始计算（受理时限）').waitFor();
    // Now: the record is repaired.
    const stateThen = page.locator('[data-state-then]');
    const recordThen = page.locator('[data-record-then]');
    await page.getByText('显示当前状态').waitFor();
    await expect(recordThen.innerText()).resolves.toBe('已修复');
    const stateNow = await stateThen.innerText();
    const marked = page.getByRole('region', { name: '当时的流程状态' }).locator('[aria-current="step"]');
    const markedNow = await marked.allInnerTexts();
    expect(markedNow).toHaveLength(1);
    await expectClean(page);
    await shot(page, 'audit-trail-now');

    // One step back on the slider, by keyboard: the moment of the recommendation, before the decision.
    await page.getByRole('slider', { name: '办理步骤时间轴' }).focus();
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(/\/audit\/cases\/[^?]+\?at=/);
    await page.getByText(/^显示 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{3})? 时的状态$/).waitFor();
    await page.locator('[data-as-of][aria-busy="false"]').waitFor();
    await expect(stateThen.innerText()).resolves.not.toBe(stateNow);
    await expect(recordThen.innerText()).resolves.toBe('可申请修复');
    // The decision is later than the moment shown, and the diagram marks the state of then.
    await trail
      .locator('[data-later="true"]')
      .getByText(/准予修复/)
      .first()
      .waitFor();
    const markedThen = await marked.allInnerTexts();
    expect(markedThen).toHaveLength(1);
    expect(markedThen).not.toEqual(markedNow);
    await expectClean(page);
    await shot(page, 'audit-trail-before-decision');

    // The instant is in the address: a shared link opens the same moment.
    const shared = page.url();
    const other = await ui.newPage();
    await ui.signIn(other, 'auditor-xuyi');
    await ui.open(other, new URL(shared).pathname + new URL(shared).search);
    await expect(other.locator('[data-record-then]').innerText()).resolves.toBe('可申请修复');

    // Any moment, typed in Beijing time: before the case was opened there is nothing to show, and the page says so.
    const picker = page.getByLabel('时刻');
    await picker.click();
    await picker.fill('2026-01-01 08:00:00');
    await picker.press('Enter');
    await page.waitForURL(/\?at=2026-01-01T00%3A00%3A00\.000Z$/);
    await page.locator('[data-problem-code="AUDIT.CASE_NOT_YET_OPENED"]').waitFor();
    await page.getByText('该时点案件尚未建立').waitFor();
    await expectClean(page);
    // "Back to now" leaves the past.
    await page.getByRole('button', { name: '回到当前' }).click();
    await page.waitForURL(`**/audit/cases/${caseId}`);
    await page.getByText('显示当前状态').waitFor();
    await page.locator('[data-record-then]', { hasText: /^已修复$/ }).waitFor();
  }, 90_000);

  it('downloads the case’s evidence bundle, which the offline verifier accepts, and verifies the ledger', async () => {
    const page = await ui.newPage({ width: 1280, height: 900 });
    await ui.signIn(page, 'auditor-xuyi');
    await ui.open(page, `/audit/cases/${caseId}`);
    await page.getByRole('link', { name: '导出本案证据包' }).click();
    await page.waitForURL(`**/audit/integrity?caseId=${caseId}`);
    await page.getByRole('heading', { level: 1, name: '完整性与证据' }).waitFor();
    expect(await page.getByLabel('案件 ID').inputValue()).toBe(caseId);
    await page.locator('[data-checkpoint]').waitFor();
    await expectClean(page);

    const bundle = await download(page, () => page.getByRole('button', { name: '下载证据包' }).click());
    expect(bundle.name).toBe(`evidence-case-${caseId}.json`);
    await page.locator(`[data-evidence="${bundle.name}"]`).waitFor();
    // The events no checkpoint covered yet are named on the page, as the bundle says.
    const unsealed = (JSON.parse(bundle.bytes.toString('utf8')) as { unsealedEvents: unknown[] })
      .unsealedEvents;
    const warning = page.locator('[data-unsealed]');
    if (unsealed.length > 0)
      await expect(warning.getAttribute('data-unsealed')).resolves.toBe(String(unsealed.length));
    else expect(await warning.count()).toBe(0);

    // The verifier and the key as the page offers them; the verifier run as a program, as an auditor would.
    const script = await download(page, () =>
      page.getByRole('link', { name: 'credence-verify.mjs' }).click(),
    );
    expect(script.bytes.equals(readFileSync(VERIFIER))).toBe(true);
    const key = await download(page, () => page.getByRole('button', { name: '保存公钥' }).click());
    const checked = await run(process.execPath, [VERIFIER, bundle.path, '--public-key', key.path]);
    expect(checked.stdout).toMatch(/^OK: every chain/m);
    expect(checked.stdout).not.toMatch(/FAIL/);
    await shot(page, 'audit-integrity-evidence');

    // A bundle exported before the sealer caught up says which events no checkpoint covers: the page warns of
    // them by case (the answer is held and amended here, as sealing every second leaves no gap to catch).
    await page.route('**/api/v1/audit/evidence?*', async (route) => {
      const answer = await route.fetch();
      const body = (await answer.json()) as { unsealedEvents: object[] };
      body.unsealedEvents.push(
        {
          caseId,
          streamId: `repairApplication-${caseId}`,
          streamVersion: 9,
          recordedAt: '',
          ledgerIndex: null,
        },
        {
          caseId,
          streamId: `repairApplication-${caseId}`,
          streamVersion: 10,
          recordedAt: '',
          ledgerIndex: 30,
        },
      );
      await route.fulfill({ response: answer, json: body });
    });
    await download(page, () => page.getByRole('button', { name: '下载证据包' }).click());
    const warned = page.locator('[data-unsealed]');
    await expect(warned.getAttribute('data-unsealed')).resolves.toBe(String(unsealed.length + 2));
    await warned.getByText(`证据包中有 ${unsealed.length + 2} 个事件尚未封存`).waitFor();
    await warned.getByRole('link', { name: caseId }).waitFor();
    await page.unroute('**/api/v1/audit/evidence?*');
    await expectClean(page);
    await shot(page, 'audit-integrity-unsealed');

    await page.getByRole('button', { name: '开始校验' }).click();
    await page.waitForURL(/verification=/);
    await page.locator('[data-verification="done"]').waitFor({ timeout: 30_000 });
    await page.getByText(/^校验通过：\d+ 项检查全部成立$/).waitFor();
    await expectClean(page);
    await shot(page, 'audit-integrity-verified');
  }, 90_000);

  it('shows who read what in the access log, filtered in the address, and in English', async () => {
    const page = await ui.newPage();
    await ui.signIn(page, 'auditor-xuyi');
    // Reads are logged in batches (ACCESS_LOG_FLUSH_MS): the trail read of the earlier test shows within seconds.
    for (let i = 0; i < 20; i++) {
      await ui.open(page, `/audit/access-log?subject=${caseId}`);
      await page.locator('[data-access-log][aria-busy="false"]').waitFor();
      if ((await page.locator('[data-access-log] tbody').getByText('决策轨迹').count()) > 0) break;
      await page.waitForTimeout(500);
    }
    const rows = page.locator('[data-access-log] tbody');
    await rows.getByText('决策轨迹').first().waitFor();
    await rows.getByText('时间回溯').first().waitFor();
    await rows
      .getByText(/盱眙县审计（审计人员）/)
      .first()
      .waitFor();
    await expectClean(page);
    await shot(page, 'audit-access-log');

    await page.getByLabel('读取人').fill('officer-xuyi');
    await page.getByRole('button', { name: '检索' }).click();
    await page.waitForURL(`**/audit/access-log?actor=officer-xuyi&subject=${caseId}`);
    await page.getByText('没有符合条件的访问记录').waitFor();

    await page.getByText('English', { exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Access log' }).waitFor();
    await page.getByRole('navigation', { name: 'Audit navigation' }).getByText('Decision search').waitFor();
    await expectClean(page);
    await shot(page, 'audit-access-log-en');
    await page.getByRole('link', { name: 'Decision search' }).click();
    await page.getByRole('heading', { level: 1, name: 'Decision search' }).waitFor();
    await page.getByRole('link', { name: caseTitle }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Time travel' }).waitFor();
    await page.locator('[data-record-then]').waitFor();
    await expectClean(page);
    await shot(page, 'audit-trail-en');
  }, 90_000);
});
