// Loads pdfjs-dist once per process and gives the options every document is opened with.
// Loading the module (and its fake worker) costs ~150 ms, so it is shared by all calls.
// CMaps and standard fonts come from the installed package on disk: Chinese PDFs with
// non-embedded fonts (仿宋_GB2312 with UniGB-UCS2-H) decode only with them, and nothing
// may be fetched from the network.
import { createRequire, Module } from 'node:module';
import path from 'node:path';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    installCanvasStubs();
    const canvas = withoutCanvasPackage();
    const natives = keepNatives();
    // The worker code runs on this thread ("fake worker"). Importing it here, instead of
    // letting pdf.js import it by path on first use, keeps it inside a bundled main
    // process (otherwise "Setting up fake worker failed").
    const [pdfjs, worker] = await Promise.all([
      import('pdfjs-dist/legacy/build/pdf.mjs'),
      // @ts-expect-error the worker module ships without type declarations
      import('pdfjs-dist/legacy/build/pdf.worker.mjs') as Promise<unknown>,
    ]);
    (globalThis as Record<string, unknown>).pdfjsWorker = worker;
    natives.restore();
    canvas.restore();
    return pdfjs;
  })();
  return loading;
}

/** Directory of the installed pdfjs-dist package (with cmaps/ and standard_fonts/). */
export function pdfjsRoot(): string {
  const require = createRequire(import.meta.url);
  return path.dirname(require.resolve('pdfjs-dist/package.json'));
}

let options: { cMapUrl: string; standardFontDataUrl: string; wasmUrl: string } | null = null;

/** Options for getDocument: local resources only, no eval, no font faces, errors only. */
export function documentOptions(data: Uint8Array) {
  if (!options) {
    const root = pdfjsRoot();
    // Node's pdf.js reads these with fs when they are paths; they must end with a separator.
    const dir = (d: string) => path.join(root, d) + path.sep;
    options = { cMapUrl: dir('cmaps'), standardFontDataUrl: dir('standard_fonts'), wasmUrl: dir('wasm') };
  }
  return {
    data,
    ...options,
    cMapPacked: true,
    isEvalSupported: false, // CVE-2024-4367: crafted fonts
    disableFontFace: true, // text only, never rendered here
    useSystemFonts: false,
    useWorkerFetch: false,
    isOffscreenCanvasSupported: false,
    verbosity: 0, // errors only: warnings would go to the console
  };
}

/**
 * In Node, pdf.js loads the optional native @napi-rs/canvas at import to polyfill DOMMatrix,
 * ImageData and Path2D — for rendering, which text extraction never does. Loading it (a
 * native addon) was a fifth of a second of every first PDF. While pdf.js loads, the package
 * resolves to an empty module (through require.cache, Node's documented module cache), and
 * minimal stand-ins fill the three globals so pdf.js does not warn; the same happens where
 * the package is not installed at all, so every install reads PDFs the same way.
 */
function installCanvasStubs(): void {
  const g = globalThis as Record<string, unknown>;
  g.DOMMatrix ??= class DOMMatrixStub {
    a = 1;
    b = 0;
    c = 0;
    d = 1;
    e = 0;
    f = 0;
    constructor(init?: number[]) {
      if (Array.isArray(init) && init.length === 6)
        [this.a, this.b, this.c, this.d, this.e, this.f] = init as [
          number,
          number,
          number,
          number,
          number,
          number,
        ];
    }
  };
  g.ImageData ??= class ImageDataStub {};
  g.Path2D ??= class Path2DStub {};
}

function withoutCanvasPackage(): { restore(): void } {
  const fromPdfjs = createRequire(path.join(pdfjsRoot(), 'package.json'));
  let resolved: string;
  try {
    resolved = fromPdfjs.resolve('@napi-rs/canvas');
  } catch {
    return { restore() {} }; // not installed: pdf.js's require fails and the stubs stand
  }
  const cache = fromPdfjs.cache;
  const had = cache[resolved];
  if (!had) {
    const stub = new Module(resolved);
    stub.filename = resolved;
    stub.loaded = true;
    cache[resolved] = stub;
  }
  return {
    restore() {
      if (!had) delete cache[resolved];
    },
  };
}

/**
 * The legacy build bundles core-js, which on Node 20 replaces built-ins that already work
 * for the whole process: Array.prototype.push (a V8 edge case with non-writable lengths)
 * and JSON.parse/stringify (the source-text proposal) become JavaScript versions several
 * times slower — push alone was a third of a PDF's reading time, and every other module
 * (parser, ledger) would pay too. They are put back once pdf.js has loaded; the methods
 * core-js adds (Promise.withResolvers, Map.prototype.getOrInsert …) stay.
 */
function keepNatives(): { restore(): void } {
  const kept: [object, string, PropertyDescriptor][] = [];
  for (const [obj, key] of [
    [Array.prototype, 'push'],
    [JSON, 'parse'],
    [JSON, 'stringify'],
  ] as [object, string][]) {
    const d = Object.getOwnPropertyDescriptor(obj, key);
    if (d) kept.push([obj, key, d]);
  }
  return {
    restore() {
      for (const [obj, key, d] of kept) {
        const now = Object.getOwnPropertyDescriptor(obj, key);
        if (now?.value !== d.value) Object.defineProperty(obj, key, d);
      }
    },
  };
}
