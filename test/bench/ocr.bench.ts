// OCR of the seed scan (make-scan.ts: 40 pages at 200 dpi, a red seal on the cover, three
// pages 1.5° crooked): seconds per page (each page timed from the progress events), the
// whole document, model loading, and peak memory (target: under 2 s a page on this machine).
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestFile } from '../../electron/core/ingest/index';
import { loadModels } from '../../electron/core/ingest/ocr/ocr-models';
import { makeScan } from '../core/ingest/ocr/make-scan';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

export default async function bench(): Promise<void> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'tz-ocr-bench-')), 'kaifeng-2025-15.scan.pdf');
  writeFileSync(
    file,
    await makeScan(path.join(root, 'seeds/kaifeng-2025-15.pdf'), { rotate: { 3: 1.5, 8: -1.5, 21: 1.5 } }),
  );
  let t = performance.now();
  await loadModels();
  console.log(`model loading: ${((performance.now() - t) / 1000).toFixed(2)} s`);
  const perPage: number[] = [];
  let peak = 0;
  t = performance.now();
  const start = t;
  const r = await ingestFile(file, {
    onProgress: () => {
      const now = performance.now();
      perPage.push(now - t);
      t = now;
      peak = Math.max(peak, process.memoryUsage().rss);
    },
  });
  const total = (performance.now() - start) / 1000;
  const s = [...perPage].sort((a, b) => a - b);
  console.log(
    `seed scan: ${perPage.length} pages in ${total.toFixed(1)} s, ${r.value?.paragraphs.length ?? 0} paragraphs`,
  );
  console.log(
    `per page: median ${(s[Math.floor(s.length / 2)]! / 1000).toFixed(2)} s, slowest ${(s[s.length - 1]! / 1000).toFixed(2)} s, mean ${(total / perPage.length).toFixed(2)} s (target < 2 s)`,
  );
  console.log(
    `peak memory: ${(Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1048576).toFixed(0)} MB rss`,
  );
}
