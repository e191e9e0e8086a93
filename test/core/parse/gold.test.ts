// The parse of each seed format, graded by the shared scorer against the answer key.
// Goal from the issue: overall >= 0.98 and every figure >= 0.95 for .txt, .docx and .pdf.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseFile } from '../../../electron/core/parse/index';

const root = path.resolve(__dirname, '../../..');
const shared = path.resolve(root, '../shared/gold');
const goldDir = existsSync(path.join(shared, 'score.mjs')) ? shared : path.join(root, 'test/fixtures/gold');

function score(parsed: unknown): Record<string, number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-gold-'));
  const file = path.join(dir, 'parse.json');
  writeFileSync(file, JSON.stringify(parsed));
  const out = execFileSync(
    process.execPath,
    [path.join(goldDir, 'score.mjs'), file, path.join(goldDir, 'kaifeng-2025-15.gold.json')],
    { encoding: 'utf8' },
  );
  const figures: Record<string, number> = {};
  for (const line of out.trim().split('\n')) {
    const frac = /^(.+): (\d+)\/(\d+)$/.exec(line);
    if (frac) figures[frac[1]!] = Number(frac[2]) / Number(frac[3]);
    const f1 = /f1 ([\d.]+)/.exec(line);
    if (f1) figures['unit-role f1'] = Number(f1[1]);
    const overall = /^overall: ([\d.]+)/.exec(line);
    if (overall) figures.overall = Number(overall[1]);
  }
  return figures;
}

describe.each(['txt', 'docx', 'pdf'])('seed .%s against the answer key', (ext) => {
  it('scores overall >= 0.98 and every figure >= 0.95', async () => {
    const r = await parseFile(path.join(root, `seeds/kaifeng-2025-15.${ext}`));
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const figures = score(r.value);
    expect(figures.overall).toBeGreaterThanOrEqual(0.98);
    for (const [name, v] of Object.entries(figures)) expect(v, name).toBeGreaterThanOrEqual(0.95);
  });
});
