// `npm run bench`: runs every test/bench/*.bench.ts in turn (each prints its own figures),
// then the summary table of the figures with targets (table.ts).
// Speed targets are checked here, never by timing assertions in tests.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { printTable } from './table';

const dir = path.dirname(new URL(import.meta.url).pathname);
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .sort()
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)));
for (const f of files) {
  console.log(`\n=== ${f.replace('.bench.ts', '')} ===`);
  const mod = await import(pathToFileURL(path.join(dir, f)).href);
  await mod.default();
}
printTable();
