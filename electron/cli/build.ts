// `npm run build:cli`, also run by `npm install` / `npm ci` (the `prepare` script): bundles the
// CLI ahead of time into out/cli/taizhang.mjs (the `taizhang` bin) with source maps, so a
// command starts without transpiling TypeScript (tsx took ~2 s for `help`). Each command is
// its own chunk (commands/index.ts imports them on demand) and packages stay in node_modules,
// so `help` loads none of them and `parse` never loads exceljs or docx.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { patchedWorkerSource } from '../core/ingest/pdfjs-loader';
import { directTextChunksSource } from '../core/ingest/pdfjs-port';
import {
  installedFile,
  moduleScriptSource,
  writePrepared,
  writePreparedStamp,
} from '../core/ingest/pdfjs-prepared';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_OUT = path.join(root, 'out/cli');

export async function buildCli(): Promise<void> {
  rmSync(CLI_OUT, { recursive: true, force: true }); // no stale chunks from an older build
  await build({
    absWorkingDir: root,
    entryPoints: { taizhang: 'electron/cli/taizhang.ts' },
    outdir: CLI_OUT,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    // resolved from node_modules at run time: better-sqlite3 is native, pdf.js reads its own
    // cmaps/ and standard_fonts/, and an unbundled package loads only when a chunk imports it
    packages: 'external',
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    sourcemap: true,
    logLevel: 'warning',
  });
  preparePdfjs();
}

/** The seed PDF the warm-up parse reads: its fonts and text are what plan documents have. */
const WARM_UP_PDF = path.join(root, 'seeds/kaifeng-2025-15.pdf');

/**
 * out/cli/pdfjs/: pdf.js and its worker (both patched) made scripts once here instead of at every
 * run, and V8's code cache of each written at the end of a parse of the seed (its functions
 * compiled). Where the installed pdf.js does not take the patches nothing is written and the
 * CLI reads PDFs as the app does.
 */
function preparePdfjs(): void {
  const worker = patchedWorkerSource(readFileSync(installedFile('pdf.worker'), 'utf8'));
  const pdfSource = readFileSync(installedFile('pdf'), 'utf8');
  const scripts = {
    pdf: moduleScriptSource(directTextChunksSource(pdfSource) ?? pdfSource),
    'pdf.worker': worker === null ? null : moduleScriptSource(worker),
  };
  if (scripts.pdf === null || scripts['pdf.worker'] === null) return;
  const dir = path.join(CLI_OUT, 'pdfjs');
  mkdirSync(dir, { recursive: true });
  writePrepared(dir, 'pdf', scripts.pdf);
  writePrepared(dir, 'pdf.worker', scripts['pdf.worker']);
  writePreparedStamp(dir);
  if (!existsSync(WARM_UP_PDF)) return; // no cache: the scripts are compiled at each run
  spawnSync(process.execPath, [path.join(CLI_OUT, 'taizhang.mjs'), 'parse', WARM_UP_PDF], {
    stdio: 'ignore',
    env: { ...process.env, TAIZHANG_PDFJS_PREPARED: dir, TAIZHANG_PDFJS_WRITE_CACHE: '1' },
  });
}

if (process.argv[1] && /cli[\\/]build\.(ts|js|mjs)$/.test(process.argv[1])) await buildCli();
