// The pdf.js worker prepared ahead of time (by electron/cli/build.ts, beside the built CLI):
// the text-only worker source (pdfjs-loader.ts's checked patches) as a classic script, and
// V8's code cache for it. A fresh process then neither reads, patches and writes 2.3 MB of
// source nor compiles it, and the functions a PDF's reading needs come as bytecode from the
// cache (written after a warm-up parse) instead of being compiled lazily one by one.
// Only a module can be imported, and Node 20 gives no code cache for modules: a script can
// take one (vm.Script's cachedData), so the worker's one `export` becomes the script's value.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';

const SCRIPT = 'pdf.worker.js';
const CACHE = 'pdf.worker.cache';
const STAMP = 'pdf.worker.stamp.json';

/** The installed worker module's source file. */
export function installedWorkerFile(): string {
  return createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.worker.mjs');
}

/** What identifies the installed worker: a prepared copy is used only while it is the same. */
function stampOf(file: string): string {
  const pkg = JSON.parse(readFileSync(path.join(path.dirname(file), '../../package.json'), 'utf8')) as {
    version: string;
  };
  return JSON.stringify({ version: pkg.version, size: statSync(file).size });
}

const EXPORT = '\nexport { WorkerMessageHandler };\n';

/**
 * The worker module's source as a script evaluating to a function of the module's URL that
 * returns its exports; null when the source is not the shape this expects (one export
 * statement at the end, no other module syntax than `import.meta.url` and `import(…)`).
 */
export function workerScriptSource(moduleSource: string): string | null {
  const at = moduleSource.lastIndexOf(EXPORT);
  if (at < 0 || moduleSource.slice(at + EXPORT.length).trim() !== '') return null;
  const body = moduleSource.slice(0, at);
  // any other import/export statement at a line's start would not parse as a script
  if (/^(import|export)\b/m.test(body)) return null;
  return (
    '(function (__taizhangModuleUrl) {\n' +
    body.replaceAll('import.meta.url', '__taizhangModuleUrl') +
    '\nreturn { WorkerMessageHandler };\n})'
  );
}

/** Writes the prepared script and its stamp into dir (the build). */
export function writePreparedWorker(dir: string, script: string): void {
  writeFileSync(path.join(dir, SCRIPT), script);
  writeFileSync(path.join(dir, STAMP), stampOf(installedWorkerFile()));
}

let compiled: vm.Script | null = null;

/**
 * The worker's exports from the prepared copy in dir, or null when there is none or it was
 * prepared for another pdf.js (the caller then patches the installed source itself).
 * A code cache V8 rejects (another Node, other flags) only costs the compiling.
 */
export function loadPreparedWorker(dir: string): unknown {
  const file = path.join(dir, SCRIPT);
  try {
    if (!existsSync(file) || readFileSync(path.join(dir, STAMP), 'utf8') !== stampOf(installedWorkerFile()))
      return null;
  } catch {
    return null;
  }
  const cacheFile = path.join(dir, CACHE);
  const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
  compiled = new vm.Script(readFileSync(file, 'utf8'), {
    filename: pathToFileURL(file).href,
    cachedData,
    // the worker imports pdf.js's JPX fallback by path, as the module would
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const factory = compiled.runInThisContext() as (url: string) => unknown;
  return factory(pathToFileURL(installedWorkerFile()).href);
}

/**
 * Writes V8's code cache of the prepared worker as this process has compiled it so far; the
 * build calls it (through TAIZHANG_PDFJS_CACHE_OUT) after reading a PDF, so the cache holds
 * the functions reading needs, not only the top level.
 */
export function writeWorkerCache(dir: string): void {
  if (compiled) writeFileSync(path.join(dir, CACHE), compiled.createCachedData());
}
