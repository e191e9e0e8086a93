// `npm run demo`: the main job on the bundled seeds. Parses every plan document in seeds/
// and prints each plan's outline and counts.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { parseFile } from '../core/parse/index';
import { outline } from './commands/parse';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const seeds = path.join(root, 'seeds');

async function main(): Promise<number> {
  const files = readdirSync(seeds).filter((f) => /\.(txt|docx|pdf)$/i.test(f)).sort();
  let failed = 0;
  for (const f of files) {
    const started = performance.now();
    const r = await parseFile(path.join(seeds, f));
    const ms = performance.now() - started;
    console.log(`\n==== ${f}（${ms.toFixed(0)} ms）====`);
    for (const p of r.problems) console.log(`${p.severity === 'error' ? '错误' : '提示'}：${p.message}`);
    if (!r.value) { failed++; continue; }
    console.log(outline(r.value));
    const tasks = r.value.plans.reduce((n, p) => n + p.tasks.length, 0);
    console.log(`\n合计：${r.value.plans.length} 个方案，${tasks} 项任务`);
  }
  return failed ? 1 : 0;
}

main().then((code) => { process.exitCode = code; });
