// pdf.js prepared ahead of time (by electron/cli/build.ts, beside the built CLI): its API module
// and its worker (the worker with pdfjs-loader.ts's checked patches) as classic scripts, and
// V8's code cache for each. A fresh process then neither reads, patches and writes 2.3 MB of
// worker source nor compiles it, and the functions a PDF's reading needs come as bytecode from
// the cache (written after a warm-up parse) instead of being compiled lazily one by one.
// Only a module can be imported, and Node 20 gives no code cache for modules: a script can
// take one (vm.Script's cachedData), so the module's closing `export { … }` becomes the
// script's value.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';

/** The two modules of pdfjs-dist's legacy build that text extraction loads. */
export type PdfJsPart = 'pdf' | 'pdf.worker';
const PARTS: PdfJsPart[] = ['pdf', 'pdf.worker'];
const STAMP = 'pdfjs.stamp.json';

/** The installed module's source file. */
export function installedFile(part: PdfJsPart): string {
  return createRequire(import.meta.url).resolve(`pdfjs-dist/legacy/build/${part}.mjs`);
}

/** What identifies the installed pdf.js: a prepared copy is used only while it is the same. */
function installedStamp(): string {
  const pkg = JSON.parse(
    readFileSync(path.join(path.dirname(installedFile('pdf')), '../../package.json'), 'utf8'),
  ) as { version: string };
  return JSON.stringify({ version: pkg.version, sizes: PARTS.map((p) => statSync(installedFile(p)).size) });
}

const EXPORTS = /\nexport \{([\w$, ]+)\};\s*(?:\/\/# sourceMappingURL=\S+\s*)?$/;

/**
 * A module's source as a script evaluating to a function of the module's URL that returns its
 * exports; null when the source is not the shape this expects (one `export { … }` of plain
 * names at the end, no other module syntax than `import.meta.url` and `import(…)`).
 */
export function moduleScriptSource(moduleSource: string): string | null {
  const m = EXPORTS.exec(moduleSource);
  if (!m) return null;
  const body = moduleSource.slice(0, m.index);
  // any other import/export statement at a line's start would not parse as a script
  if (/^(import|export)\b/m.test(body)) return null;
  return asciiSource(
    '(function (__taizhangModuleUrl) {\n' +
      body.replaceAll('import.meta.url', '__taizhangModuleUrl') +
      `\nreturn {${m[1]}};\n})`,
  );
}

/**
 * The script with its few non-ASCII characters (core-js's copyright and URL checks, a glyph name,
 * a ligature; all inside quoted strings) written as \u escapes, which mean the same there: an
 * ASCII file reads as Latin-1 into a one-byte string, instead of being decoded from UTF-8 into a
 * two-byte one twice its size. Null where one stands on a line with a template literal, whose
 * raw text an escape would change.
 */
function asciiSource(src: string): string | null {
  for (const m of src.matchAll(/^.*[^\p{ASCII}].*$/gmu)) if (m[0].includes('`')) return null;
  // each UTF-16 unit of the character (two for one beyond the BMP), as a string literal spells it
  const unit = (c: string, i: number) => `\\u${c.charCodeAt(i).toString(16).padStart(4, '0')}`;
  return src.replace(/[^\p{ASCII}]/gu, (c) => (c.length === 2 ? unit(c, 0) + unit(c, 1) : unit(c, 0)));
}

/** Writes one prepared script into dir (the build). */
export function writePrepared(dir: string, part: PdfJsPart, script: string): void {
  writeFileSync(path.join(dir, `${part}.js`), script);
}

/** Writes the stamp of the installed pdf.js into dir, once every script is written (the build). */
export function writePreparedStamp(dir: string): void {
  writeFileSync(path.join(dir, STAMP), installedStamp());
}

/** Whether dir holds scripts prepared for the installed pdf.js. */
export function preparedFits(dir: string): boolean {
  try {
    return readFileSync(path.join(dir, STAMP), 'utf8') === installedStamp();
  } catch {
    return false;
  }
}

/**
 * V8's interrupt budget (the bytecode a function runs between V8's looks at whether to optimize
 * it) for a process reading PDFs through the prepared copy: 1,000,000 instead of V8 11.3's
 * 67,584. At the default, TurboFan compiled some 80 functions on its background threads while
 * the seed was read (pdf.js's text loop `promiseBody` and `buildTextContentItem`, the line
 * builder, some twice after a deopt): ~0.35 s of CPU beside the main thread's ~0.6 s, for
 * code that ran only a few hundred milliseconds more. With this budget the background threads
 * take ~0.1 s and the main thread is no slower: the seed's parse 1.03 → 0.85 s CPU (7 pairs
 * alternated, load 5); budgets of 250,000 / 500,000 / 2,000,000 gave 0.93 / 0.96 / 0.81 s
 * beside the default's 1.01 s. Hot loops of a long document are still optimized, later (the
 * seed five times over, 200 pages: 2.0 → 1.9 s CPU). Set at run time, not on node's command
 * line (the bin is started by plain `node`), and before the scripts are compiled: V8 takes a
 * code cache only under the flags it was written with, and the build's warm-up parse, which
 * writes the caches, comes through here too.
 */
export function tierUpLater(): void {
  v8.setFlagsFromString('--interrupt-budget=1000000');
}

const compiled = new Map<PdfJsPart, { script: vm.Script; cache: string }>();

/**
 * One module's exports from the prepared copy in dir (the caller has checked preparedFits), or
 * null when that script is not there. A code cache V8 rejects (another Node, other flags)
 * only costs the compiling.
 */
export function loadPrepared(dir: string, part: PdfJsPart): Record<string, unknown> | null {
  const file = path.join(dir, `${part}.js`);
  if (!existsSync(file)) return null;
  const cache = path.join(dir, `${part}.cache`);
  // ASCII (asciiSource): read as Latin-1, a one-byte string
  const script = new vm.Script(readFileSync(file, 'latin1'), {
    filename: pathToFileURL(file).href,
    cachedData: existsSync(cache) ? readFileSync(cache) : undefined,
    // pdf.js imports its worker or its JPX fallback by URL or path, as the module would
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  compiled.set(part, { script, cache });
  const factory = script.runInThisContext() as (url: string) => Record<string, unknown>;
  // the installed module's own URL: pdf.js resolves optional packages (createRequire) from it
  return factory(pathToFileURL(installedFile(part)).href);
}

/**
 * Writes V8's code cache of each prepared script as this process has compiled it so far; the
 * build calls it (through TAIZHANG_PDFJS_WRITE_CACHE) after reading a PDF, so the caches hold
 * the functions reading needs, not only the top level.
 */
export function writeCodeCaches(): void {
  for (const { script, cache } of compiled.values()) writeFileSync(cache, script.createCachedData());
}
