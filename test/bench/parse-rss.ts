// Run by parse.bench.ts as a fresh process, bundled like the CLI: parses every seed (PDF,
// DOCX, TXT) three times in one process and prints its peak RSS — the bench's own process has
// run the other benches (exports, OCR models) before, so its peak says nothing of the parse.
import { parseFile } from '../../electron/core/parse/index';
import { peakRssMB } from './peak-rss';

for (const file of process.argv.slice(2))
  for (let i = 0; i < 3; i++) {
    const r = await parseFile(file);
    if (!r.value) throw new Error(r.problems.map((p) => p.message).join('；'));
  }
process.stdout.write(JSON.stringify({ maxRssMB: peakRssMB() }) + '\n');
