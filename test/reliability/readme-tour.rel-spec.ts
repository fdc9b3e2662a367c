import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createTestDatabase, type TestDatabase } from '../setup/test-database';
import { spawnApi, type RunningApi } from './support/processes';

const README = resolve(import.meta.dirname, '../../README.md');

/** The bash block under "## A tour with curl", exactly as a newcomer would paste it. */
function tourScript(): string {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('## A tour with curl'));
  const block = /```bash\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md has no bash block under "## A tour with curl"');
  return block[1];
}

/** The README's curl tour runs as written, top to bottom, against a fresh start of the built product. */
describe('the README tour', () => {
  let database: TestDatabase;
  let api: RunningApi;
  let cwd: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    api = await spawnApi(database.url, { SEED_DEMO: 'true', RUN_WORKER: 'true' });
    cwd = mkdtempSync(join(tmpdir(), 'credence-tour-'));
  }, 60_000);
  afterAll(async () => {
    await api?.stop();
    await database?.drop();
    rmSync(cwd, { recursive: true, force: true });
  });

  it('runs top to bottom on a fresh start and leaves the documents it promises', () => {
    const run = spawnSync('bash', ['-euo', 'pipefail', '-c', tourScript()], {
      cwd,
      env: { ...process.env, API: `${api.baseUrl}/api/v1` },
      encoding: 'utf8',
      timeout: 60_000,
    });
    if (run.status !== 0)
      throw new Error(`the tour stopped (exit ${run.status}):\n${run.stderr}\n${run.stdout.slice(-3000)}`);
    // The decision and the objection notice were downloaded as PDFs.
    for (const pdf of ['decision.pdf', 'notice.pdf']) {
      expect(readFileSync(join(cwd, pdf)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(statSync(join(cwd, pdf)).size).toBeGreaterThan(1000);
    }
    expect(run.stdout).toContain('"caseNumber":"XF-320830-');
    expect(run.stdout).toContain('"publicStatus":"shielded"');
  }, 90_000);
});
