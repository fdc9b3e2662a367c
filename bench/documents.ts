/**
 * Decision documents rendered to PDF, against a baseline in the same run: the same layout and the same text with
 * every non-ASCII character replaced by an ASCII letter, set in pdfkit's built-in Helvetica (nothing to embed, no
 * CJK shaping). The ratio is what embedding and subsetting Noto Sans SC costs.
 *   npx tsx bench/documents.ts [--duration 8] [--rounds 4]   (or BENCH_DURATION, …)
 * Rendering is synchronous CPU work, so one worker: a process renders one document at a time.
 * Results: bench/results/documents-*.json.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import PDFDocument from 'pdfkit';
import { canonicalDecisionDocument, decisionDate, renderDecisionPdf } from '@credence/documents';
import { DecisionLayout } from '../libs/documents/src/decision-layout';
import { MARGINS } from '../libs/documents/src/page-geometry';
import { sampleRepairDecision } from '../libs/documents/src/testing/sample-decision';
import { option, summarise, timedLoop, type RunResult } from './lib/runner';

type Run = { seconds: number; latencies: number[] };

const duration = Number(option('duration', '8'));
const rounds = Number(option('rounds', '4'));
const warmupSeconds = 1;
const document = sampleRepairDecision();

/** Same length, ASCII only: one letter per non-ASCII code point. */
function ascii(text: string): string {
  return [...text]
    .map((c) => (c.codePointAt(0)! < 0x80 ? c : String.fromCharCode(97 + (c.codePointAt(0)! % 26))))
    .join('');
}

/** The baseline: the document's layout with Helvetica, every string the layout draws or measures made ASCII. */
async function renderAsciiHelvetica(): Promise<Buffer> {
  const content = canonicalDecisionDocument(document);
  const { date, instant } = decisionDate(content.decidedAt);
  const pdf = new PDFDocument({
    size: 'A4',
    margins: MARGINS,
    bufferPages: true,
    compress: false, // as renderDecisionPdf by default
    info: { CreationDate: instant, ModDate: instant },
  });
  const text = pdf.text.bind(pdf) as (s: string, ...rest: unknown[]) => PDFKit.PDFDocument;
  const widthOf = pdf.widthOfString.bind(pdf);
  const heightOf = pdf.heightOfString.bind(pdf);
  Object.assign(pdf, {
    text: (s: string, ...rest: unknown[]) => text(ascii(s), ...rest),
    widthOfString: (s: string, options?: PDFKit.Mixins.TextOptions) => widthOf(ascii(s), options),
    heightOfString: (s: string, options?: PDFKit.Mixins.TextOptions) => heightOf(ascii(s), options),
  });
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve) => pdf.on('end', () => resolve(Buffer.concat(chunks))));
  new DecisionLayout(pdf, { regular: 'Helvetica', bold: 'Helvetica-Bold' }).draw(content, date);
  pdf.end();
  return done;
}

const scenarios = {
  helvetica: { label: 'Helvetica, ASCII (baseline)', render: renderAsciiHelvetica },
  embedded: { label: 'Noto Sans SC embedded', render: () => renderDecisionPdf(document) },
} as const;
type Scenario = keyof typeof scenarios;

function describe(bytes: Buffer): { bytes: number; pages: number; sha256: string } {
  const pages = bytes.toString('latin1').match(/\/Type \/Page\n/g)?.length ?? 0;
  return { bytes: bytes.length, pages, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function main(): Promise<void> {
  // The first render also reads the two font files (about 10 MB each), once per process: timed apart.
  const t0 = performance.now();
  const first = await renderDecisionPdf(document);
  const firstRenderMs = Math.round(performance.now() - t0);
  const output = { embedded: describe(first), helvetica: describe(await renderAsciiHelvetica()) };
  if (describe(await renderDecisionPdf(document)).sha256 !== output.embedded.sha256) {
    throw new Error('two renders of the same document differ');
  }

  for (const name of Object.keys(scenarios) as Scenario[]) {
    await timedLoop(1, warmupSeconds, () => scenarios[name].render().then(() => undefined), []);
  }
  const runs: Record<Scenario, Run[]> = { helvetica: [], embedded: [] };
  // Interleaved rounds so that a noisy neighbour on a shared machine hits both sides alike.
  for (let round = 0; round < rounds; round++) {
    const order: Scenario[] = round % 2 === 0 ? ['helvetica', 'embedded'] : ['embedded', 'helvetica'];
    for (const name of order) {
      const latencies: number[] = [];
      const started = performance.now();
      await timedLoop(1, duration / rounds, () => scenarios[name].render().then(() => undefined), latencies);
      runs[name].push({ seconds: (performance.now() - started) / 1000, latencies });
    }
  }
  const results = {
    helvetica: summarise(1, runs.helvetica),
    embedded: summarise(1, runs.embedded),
  } satisfies Record<Scenario, RunResult>;
  const ratio = Math.round((results.embedded.opsPerSecond / results.helvetica.opsPerSecond) * 100) / 100;

  console.log(
    `\nNode ${process.version}, ${cpus().length} vCPU, ${duration} s per scenario in ${rounds} interleaved rounds; ` +
      `first render (fonts read) ${firstRenderMs} ms\n`,
  );
  console.log('| renderer | documents/s | p50 / p99 ms | pages | bytes |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const name of Object.keys(scenarios) as Scenario[]) {
    const r = results[name];
    const o = output[name];
    console.log(
      `| ${scenarios[name].label} | ${r.opsPerSecond} | ${r.p50Ms} / ${r.p99Ms} | ${o.pages} | ${o.bytes} |`,
    );
  }
  console.log(`\nembedded / baseline: ${ratio.toFixed(2)}× the documents per second`);

  mkdirSync('bench/results', { recursive: true });
  const file = `bench/results/documents-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
  const machine = { node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model };
  writeFileSync(
    file,
    JSON.stringify(
      { bench: 'documents', duration, rounds, machine, firstRenderMs, output, results, ratio },
      null,
      2,
    ),
  );
  console.log(`results: ${file}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
