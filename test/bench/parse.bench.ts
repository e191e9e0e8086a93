// Whole parse (ingest + parse) of each seed in one process: median of several runs after
// two warm-ups, pages per second for the PDF, peak memory, and pdftotext on the same PDF in
// the same run for the ratio (target: the in-process PDF parse within 2.5× of pdftotext).
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { parseFile } from '../../electron/core/parse/index';
import { ingestFile } from '../../electron/core/ingest/index';
import { bundleBenchScript } from './process';
import { addRow } from './table';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const seed = (ext: string) => path.join(root, `seeds/kaifeng-2025-15.${ext}`);
const RUNS = 7;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};
const mb = (bytes: number) => (bytes / 1048576).toFixed(0);

let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

async function timeRuns(fn: () => Promise<unknown>, runs = RUNS): Promise<{ median: number; first: number }> {
  const t0 = performance.now();
  await fn(); // warm-up: module loading, JIT, CMaps
  const first = performance.now() - t0;
  await fn(); // pdf.js code is optimised over the first calls
  sample();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
    sample();
  }
  return { median: median(times), first };
}

function hasPdftotext(): boolean {
  return spawnSync('pdftotext', ['-v'], { stdio: 'ignore' }).status === 0;
}

export default async function bench(): Promise<void> {
  const t0 = performance.now();
  const pages = (await ingestFile(seed('pdf'))).value?.pages ?? 0;
  console.log(
    `pdf  cold first ingest (loads pdf.js and its worker) ${(performance.now() - t0).toFixed(0)} ms`,
  );
  for (const ext of ['pdf', 'docx', 'txt']) {
    const file = seed(ext);
    const check = await parseFile(file);
    const tasks = check.value?.plans.reduce((n, p) => n + p.tasks.length, 0) ?? 0;
    const r = await timeRuns(async () => {
      await parseFile(file);
    });
    let line = `${ext.padEnd(4)} parse median ${r.median.toFixed(0)} ms over ${RUNS} runs (first call ${r.first.toFixed(0)} ms), ${tasks} tasks`;
    if (ext === 'pdf') {
      const ing = await timeRuns(async () => {
        await ingestFile(file);
      });
      line += `, ${pages} pages → ${(pages / (r.median / 1000)).toFixed(0)} pages/s; ingest alone ${ing.median.toFixed(0)} ms`;
    }
    console.log(line);
    if (ext === 'pdf') {
      if (hasPdftotext()) {
        const times: number[] = [];
        for (let i = 0; i <= RUNS; i++) {
          const t = performance.now();
          execFileSync('pdftotext', [file, '-'], { stdio: ['ignore', 'ignore', 'ignore'] });
          if (i > 0) times.push(performance.now() - t); // the first run warms the disk cache
        }
        const p = median(times);
        console.log(
          `pdf  pdftotext median ${p.toFixed(0)} ms; in-process parse / pdftotext = ${(r.median / p).toFixed(2)}× (target ≤ 2.5×)`,
        );
      } else {
        console.log('pdf  pdftotext not installed (apt-get install poppler-utils): no ratio');
      }
    }
  }
  sample();
  console.log(`peak memory of this process (after the benches before it): rss ${mb(peakRss)} MB sampled`);
  const script = await bundleBenchScript('parse-rss');
  const child = JSON.parse(
    execFileSync(process.execPath, [script, ...['pdf', 'docx', 'txt'].map(seed)], { encoding: 'utf8' }),
  ) as { maxRssMB: number };
  console.log(`peak RSS of a fresh process parsing every seed three times: ${child.maxRssMB.toFixed(0)} MB`);
  addRow(
    'peak RSS of the parse (in-process, every seed, fresh process)',
    `${child.maxRssMB.toFixed(0)} MB`,
    '< 300 MB',
    child.maxRssMB < 300,
  );
}
