// The corpus of other cities' plans (test/fixtures/plans, sources in its SOURCES.md): each
// plan as copied from its web page and as a hard-wrapped copy (hard-wrap.ts, like a copy out
// of a PDF), parsed and graded by the shared scorer against its hand-written answer key.
// Goal from issue 13: every plan at least 0.9, the mean at least 0.95, in both shapes.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../../../electron/core/parse/index';
import { hardWrap } from '../../fixtures/plans/hard-wrap';

const root = path.resolve(__dirname, '../../..');
const plans = path.join(root, 'test/fixtures/plans');
const shared = path.resolve(root, '../shared/gold/score.mjs');
const scorer = existsSync(shared) ? shared : path.join(root, 'test/fixtures/gold/score.mjs');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-corpus-'));
const names = readdirSync(plans)
  .filter((f) => f.endsWith('.gold.json'))
  .map((f) => f.replace('.gold.json', ''))
  .sort();

function overall(parsed: unknown, gold: string): number {
  const file = path.join(tmp, `${path.basename(gold)}.parse.json`);
  writeFileSync(file, JSON.stringify(parsed));
  const out = execFileSync(process.execPath, [scorer, file, gold], { encoding: 'utf8' });
  return Number(/overall: ([\d.]+)/.exec(out)![1]);
}

const table: { name: string; web: number; wrapped: number }[] = [];

describe('the corpus of other cities’ plans', () => {
  it('has at least 10 plans, each with its source written down', () => {
    expect(names.length).toBeGreaterThanOrEqual(10);
    const sources = readFileSync(path.join(plans, 'SOURCES.md'), 'utf8');
    for (const n of names) expect(sources, n).toContain(`${n}.txt`);
  });

  for (const name of names) {
    it(`${name}: as copied from the web and hard-wrapped like a PDF copy`, async () => {
      const gold = path.join(plans, `${name}.gold.json`);
      const text = readFileSync(path.join(plans, `${name}.txt`), 'utf8');
      const wrappedFile = path.join(tmp, `${name}.txt`);
      writeFileSync(wrappedFile, hardWrap(text));
      const web = await parseFile(path.join(plans, `${name}.txt`));
      const wrapped = await parseFile(wrappedFile);
      const row = { name, web: overall(web.value, gold), wrapped: overall(wrapped.value, gold) };
      table.push(row);
      expect(row.web).toBeGreaterThanOrEqual(0.9);
      expect(row.wrapped).toBeGreaterThanOrEqual(0.9);
    });
  }

  it('prints the score table; the mean is at least 0.95 in both shapes', () => {
    expect(table).toHaveLength(names.length);
    const mean = (k: 'web' | 'wrapped') => table.reduce((a, r) => a + r[k], 0) / table.length;
    const lines = [
      'plan                         web    wrapped',
      ...table.map((r) => `${r.name.padEnd(28)} ${r.web.toFixed(3)}  ${r.wrapped.toFixed(3)}`),
      `${'mean'.padEnd(28)} ${mean('web').toFixed(3)}  ${mean('wrapped').toFixed(3)}`,
    ];
    console.log(`\n${lines.join('\n')}\n`);
    expect(mean('web')).toBeGreaterThanOrEqual(0.95);
    expect(mean('wrapped')).toBeGreaterThanOrEqual(0.95);
  });
});
