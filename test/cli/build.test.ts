// The built CLI (out/cli/taizhang.mjs, what `npm install` builds and the demo runs): built
// here afresh, then run as a process. It must answer exactly as runCli does in-process, find
// the templates from where it lies, load no package for `help`, and not load exceljs, docx or
// pdf.js before a command needs them.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, CLI_OUT } from '../../electron/cli/build';
import { runCli } from '../../electron/cli/main';
import { ROOT } from '../e2e/harness';

const BIN = path.join(CLI_OUT, 'taizhang.mjs');
const seed = (ext: string) => path.join(ROOT, `seeds/kaifeng-2025-15.${ext}`);
let dir: string;

function taizhang(...argv: string[]) {
  const env = { ...process.env };
  delete env.TAIZHANG_TEMPLATES; // found from the bundle's own place
  const r = spawnSync(process.execPath, [BIN, ...argv], { cwd: dir, encoding: 'utf8', env });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Packages a chunk loads with its static imports, following the chunks it imports. */
function packagesLoaded(file: string, seen = new Set<string>(), found = new Set<string>()): Set<string> {
  if (seen.has(file)) return found;
  seen.add(file);
  const src = readFileSync(file, 'utf8');
  for (const m of src.matchAll(/^\s*(?:import|export)\s[^;'"(]*?["']([^"']+)["']/gm)) {
    const spec = m[1]!;
    if (spec.startsWith('.')) packagesLoaded(path.resolve(path.dirname(file), spec), seen, found);
    else if (!spec.startsWith('node:')) found.add(spec);
  }
  return found;
}

/** The chunk esbuild wrote for one command file (chunks/<name>-<hash>.mjs), via the entry's imports. */
function commandChunk(name: string): string {
  const chunks = readFileSync(path.join(CLI_OUT, 'chunks', mainChunk()), 'utf8');
  const m = chunks.match(new RegExp(`import\\(["']\\./(${name}-[A-Z0-9]+\\.mjs)["']\\)`));
  if (!m) throw new Error(`no chunk for ${name}`);
  return path.join(CLI_OUT, 'chunks', m[1]!);
}

function mainChunk(): string {
  const entry = readFileSync(BIN, 'utf8');
  return entry.match(/import\(["']\.\/chunks\/(main-[A-Z0-9]+\.mjs)["']\)/)![1]!;
}

beforeAll(async () => {
  await buildCli();
  dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-built-cli-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('built CLI', () => {
  it('is an executable ES module with a shebang and source maps naming the TypeScript files', () => {
    const entry = readFileSync(BIN, 'utf8');
    expect(entry.startsWith('#!/usr/bin/env node\n')).toBe(true);
    const map = JSON.parse(readFileSync(commandChunk('parse') + '.map', 'utf8')) as { sources: string[] };
    expect(map.sources.some((s) => s.endsWith('electron/cli/commands/parse.ts'))).toBe(true);
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
    };
    expect(path.resolve(ROOT, pkg.bin.taizhang!)).toBe(BIN);
  });

  it('help lists every command and loads no package; parse loads neither exceljs nor docx', () => {
    const r = taizhang('help');
    expect(r.code).toBe(0);
    for (const c of ['parse 文件', 'plan import', 'task list', 'bulletin', 'ledger export'])
      expect(r.out).toContain(c);
    expect([...packagesLoaded(BIN)]).toEqual([]);
    const parse = packagesLoaded(commandChunk('parse'));
    expect(parse.has('exceljs') || parse.has('docx') || parse.has('better-sqlite3')).toBe(false);
    // pdf.js is imported only when a PDF is opened (ingest/pdfjs-loader.ts)
    expect([...parse].some((p) => p.startsWith('pdfjs-dist'))).toBe(false);
  });

  it('parse --json prints exactly what runCli prints in-process', async () => {
    const out: string[] = [];
    const code = await runCli(['parse', seed('txt'), '--json'], { out: (t) => out.push(t), err: () => {} });
    expect(code).toBe(0);
    const r = taizhang('parse', seed('txt'), '--json');
    expect(r.code).toBe(0);
    expect(r.out).toBe(out.join('\n') + '\n');
  });

  it('imports the seed and writes the bulletin from the repository templates', () => {
    const db = path.join(dir, 'ledger.sqlite');
    expect(taizhang('--db', db, 'plan', 'import', seed('txt')).code).toBe(0);
    const file = path.join(dir, '通报.docx');
    const r = taizhang('--db', db, 'bulletin', '--period', '2025-09', '-o', file);
    expect(r.code, r.err).toBe(0);
    expect(existsSync(file)).toBe(true);
  });

  it('a bad file: Chinese message naming it, non-zero exit', () => {
    const r = taizhang('parse', path.join(dir, '不存在.pdf'));
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('不存在.pdf');
  });
});
