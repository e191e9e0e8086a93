// `npm run build:cli`, also run by `npm install` / `npm ci` (the `prepare` script): bundles the
// CLI ahead of time into out/cli/taizhang.mjs (the `taizhang` bin) with source maps, so a
// command starts without transpiling TypeScript (tsx took ~2 s for `help`). Each command is
// its own chunk (commands/index.ts imports them on demand) and packages stay in node_modules,
// so `help` loads none of them and `parse` never loads exceljs or docx.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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
}

if (process.argv[1] && /cli[\\/]build\.(ts|js|mjs)$/.test(process.argv[1])) await buildCli();
