// One core, many shells: the domain core never imports electron (it runs under plain Node in
// the CLI, the bridge and the tests); the renderer takes only types from the core and the
// contract (zod and the core stay out of the browser bundle).
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../e2e/harness';

function files(dir: string, ext = /\.(ts|tsx|mts|js|mjs)$/): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.test(name)) out.push(p);
  }
  return out;
}

const importsOf = (src: string) =>
  [
    ...src.matchAll(
      /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g,
    ),
  ].map((m) => ({ typeOnly: !!m[2], spec: (m[3] ?? m[4] ?? m[5])! }));

describe('module boundaries', () => {
  it('electron/core/** never imports electron', () => {
    const offenders = files(path.join(ROOT, 'electron/core')).filter((f) =>
      importsOf(readFileSync(f, 'utf8')).some((i) => i.spec === 'electron' || i.spec.startsWith('electron/')),
    );
    expect(offenders.map((f) => path.relative(ROOT, f))).toEqual([]);
  });

  it('the API layer and the bridge do not import electron either', () => {
    const dirs = ['electron/api', 'electron/bridge'].map((d) => path.join(ROOT, d));
    const offenders = dirs
      .flatMap((d) => files(d))
      .filter((f) => importsOf(readFileSync(f, 'utf8')).some((i) => i.spec === 'electron'));
    expect(offenders).toEqual([]);
  });

  it('security.ts (read by the tests under Node) does not import electron', () => {
    const src = readFileSync(path.join(ROOT, 'electron/main/security.ts'), 'utf8');
    expect(importsOf(src).filter((i) => i.spec === 'electron')).toEqual([]);
  });

  it('the renderer imports the core and the contract for types only (zod-free ops list excepted)', () => {
    const offenders: string[] = [];
    for (const f of files(path.join(ROOT, 'renderer/src'))) {
      for (const i of importsOf(readFileSync(f, 'utf8'))) {
        if (i.spec === 'zod' || i.spec.startsWith('zod/'))
          offenders.push(`${path.relative(ROOT, f)} → ${i.spec}`);
        if (i.spec.includes('electron/') && !i.typeOnly && !i.spec.endsWith('.std'))
          offenders.push(`${path.relative(ROOT, f)} → ${i.spec}`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
