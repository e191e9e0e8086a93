// Run by cli.bench.ts as a fresh process, bundled like the CLI: the first PDF a process
// reads (pdf.js loaded on demand, its code not yet optimised) and then the same PDF again.
// Prints one JSON line: wall and CPU milliseconds of each, and the process's peak RSS.
import { ingestFile } from '../../electron/core/ingest/index';
import { peakRssMB } from './peak-rss';

const file = process.argv[2]!;
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function once(): Promise<{ ms: number; cpuMs: number }> {
  const c = cpu();
  const t = performance.now();
  const r = await ingestFile(file);
  if (!r.value) throw new Error(r.problems.map((p) => p.message).join('；'));
  return { ms: performance.now() - t, cpuMs: cpu() - c };
}

const cold = await once();
const warm = await once();
process.stdout.write(JSON.stringify({ cold, warm, maxRssMB: peakRssMB() }) + '\n');
