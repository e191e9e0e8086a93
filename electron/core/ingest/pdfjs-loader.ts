// Loads pdfjs-dist once per process and gives the options every document is opened with.
// Loading the modules (pdf.js and its fake worker) costs ~0.3 s of CPU, so they are shared by all calls.
// CMaps and standard fonts come from the installed package on disk: Chinese PDFs with
// non-embedded fonts (仿宋_GB2312 with UniGB-UCS2-H) decode only with them, and nothing
// may be fetched from the network.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { installedFile, loadPrepared, preparedFits, tierUpLater, writeCodeCaches } from './pdfjs-prepared';
import { keptFontSwitchSource } from './pdfjs-font-switch';
import { lazyType1Source } from './pdfjs-type1';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<PdfJs> | null = null;

export function loadPdfJs(): Promise<PdfJs> {
  loading ??= (async () => {
    installCanvasStubs();
    const canvas = withoutCanvasPackage();
    const natives = keepNatives();
    const response = deferResponse();
    // The worker code runs on this thread ("fake worker"). Importing it here, instead of
    // letting pdf.js import it by path on first use, keeps it inside a bundled main
    // process (otherwise "Setting up fake worker failed").
    const [pdfjs, worker] =
      fromPrepared() ?? (await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), loadWorker()]));
    (globalThis as Record<string, unknown>).pdfjsWorker = worker;
    response.restore();
    natives.restore();
    canvas.restore();
    return pdfjs;
  })();
  return loading;
}

/**
 * pdf.js and its worker from the scripts prepared beside the built CLI (pdfjs-prepared.ts),
 * or null where there are none for this pdf.js (the app, tests): then imported as modules.
 */
function fromPrepared(): [PdfJs, unknown] | null {
  const dir = process.env.TAIZHANG_PDFJS_PREPARED;
  if (!dir || !preparedFits(dir)) return null;
  try {
    tierUpLater(); // before compiling: the code caches were written under it
    const pdfjs = loadPrepared(dir, 'pdf');
    const worker = pdfjs && loadPrepared(dir, 'pdf.worker');
    if (!worker) return null;
    // the build's warm-up parse (electron/cli/build.ts) writes the code caches at its end
    if (process.env.TAIZHANG_PDFJS_WRITE_CACHE === '1') process.once('exit', writeCodeCaches);
    return [pdfjs as unknown as PdfJs, worker];
  } catch {
    return null; // an unreadable prepared copy: the modules below
  }
}

/**
 * pdf.js turns every embedded Type1 font into a CFF font program (Type1Font.wrap: CFF
 * compiler, then an OpenType file around it) so a browser could draw it: a fifth of the CPU of
 * a PDF from LibreOffice or TeX, which embed their fonts as Type1. Text extraction never draws
 * (disableFontFace): what it reads of the font (encoding, glyph names, widths, ToUnicode) is
 * parsed before the program is compiled, so the compiled program can be left empty.
 */
const TYPE1_COMPILE =
  '    this.data = this.wrap(name, type2Charstrings, this.charstrings, subrs, properties);\n';
const TYPE1_SKIP =
  '    this.data = new Uint8Array(0); // taizhang: text only, the font program is never drawn\n';

/** The worker's source with the Type1 compile skipped, or null when this pdf.js differs. */
export function textOnlyWorkerSource(src: string): string | null {
  const at = src.indexOf(TYPE1_COMPILE);
  if (at < 0 || src.indexOf(TYPE1_COMPILE, at + 1) >= 0) return null;
  // the copy has no source map beside it
  const body = src.slice(0, at) + TYPE1_SKIP + src.slice(at + TYPE1_COMPILE.length);
  return body.replace(/\n\/\/# sourceMappingURL=\S+\s*$/, '\n');
}

/**
 * pdf.js copies its text state for every text item it emits (TextState.clone) onto a new object
 * whose prototype is the live state: the live state then serves as a prototype, and each later
 * change to it invalidates V8's property caches — a twentieth of a PDF's reading time. Every
 * property of a TextState is an own class field, copied by the Object.assign, so a clone made on
 * TextState.prototype itself holds the same values.
 */
const TEXT_STATE_CLONE = '    const clone = Object.assign(Object.create(this), this);\n';
const TEXT_STATE_CLONE_FLAT =
  '    const clone = Object.assign(Object.create(Object.getPrototypeOf(this)), this); // taizhang: flat copy\n';

/** The worker's source with TextState.clone made flat, or the source as it is when this pdf.js differs. */
export function flatTextStateSource(src: string): string {
  const at = src.indexOf(TEXT_STATE_CLONE);
  if (at < 0 || src.indexOf(TEXT_STATE_CLONE, at + 1) >= 0) return src;
  return src.slice(0, at) + TEXT_STATE_CLONE_FLAT + src.slice(at + TEXT_STATE_CLONE.length);
}

/**
 * pdf.js reads FlateDecode streams (nearly every content stream and font) through a
 * DecompressionStream, whose web-streams plumbing (loaded on first use, a promise per chunk)
 * cost more than the inflating: zlib.inflateSync runs the same zlib over the same bytes, gives
 * the same bytes, and throws where the stream errors (truncated, corrupt, wrong header), which
 * sends pdf.js to its JavaScript decoder as before.
 */
const DEFLATE_STREAM = `    try {
      const {
        readable,
        writable
      } = new DecompressionStream(name);
`;
const DEFLATE_SYNC = `    try {
      if (name === "deflate") { // taizhang: inflated in one call, no web stream
        const out = process.getBuiltinModule("zlib").inflateSync(bytes);
        return { decompressed: new Uint8Array(out.buffer, out.byteOffset, out.byteLength), compressed: bytes };
      }
      const {
        readable,
        writable
      } = new DecompressionStream(name);
`;

/** The worker's source with deflate streams inflated by zlib, or the source as it is when this pdf.js differs. */
export function syncInflateSource(src: string): string {
  const at = src.indexOf(DEFLATE_STREAM);
  if (at < 0 || src.indexOf(DEFLATE_STREAM, at + 1) >= 0) return src;
  return src.slice(0, at) + DEFLATE_SYNC + src.slice(at + DEFLATE_STREAM.length);
}

/**
 * pdf.js keys its caches of objects by reference (RefSetCache: fonts, images, colour spaces) by
 * the reference's string, built afresh by Ref.toString on every lookup; the font cache alone is
 * asked once per text-showing font change (handleSetFont), thousands of times a document. A Ref
 * never changes its number or generation (pdf.js interns them, Ref.get), so its string is kept
 * in a private field (which no copy of the object carries) once built.
 */
const REF_TO_STRING = `class Ref {
  constructor(num, gen) {
    this.num = num;
    this.gen = gen;
  }
  toString() {
    if (this.gen === 0) {
      return \`\${this.num}R\`;
    }
    return \`\${this.num}R\${this.gen}\`;
  }
`;
const REF_TO_STRING_KEPT = `class Ref {
  #string = null; // taizhang: built once
  constructor(num, gen) {
    this.num = num;
    this.gen = gen;
  }
  toString() {
    return this.#string ??= this.gen === 0 ? \`\${this.num}R\` : \`\${this.num}R\${this.gen}\`;
  }
`;

/** The worker's source with a Ref's string kept, or the source as it is when this pdf.js differs. */
export function keptRefStringSource(src: string): string {
  const at = src.indexOf(REF_TO_STRING);
  if (at < 0 || src.indexOf(REF_TO_STRING, at + 1) >= 0) return src;
  return src.slice(0, at) + REF_TO_STRING_KEPT + src.slice(at + REF_TO_STRING.length);
}

/**
 * The worker's source with every patch above, pdfjs-type1.ts's and pdfjs-font-switch.ts's, or
 * null when this pdf.js differs.
 */
export function patchedWorkerSource(src: string): string | null {
  const textOnly = textOnlyWorkerSource(src);
  return textOnly === null
    ? null
    : keptFontSwitchSource(
        lazyType1Source(keptRefStringSource(syncInflateSource(flatTextStateSource(textOnly)))),
      );
}

/**
 * The worker module, imported from a private copy with the patches applied (a fresh
 * directory of this process, removed once imported: nothing another user could have placed
 * is ever run). Where the installed pdf.js differs or the copy cannot be written, the package's
 * own worker is used and only those savings are lost.
 */
async function loadWorker(): Promise<unknown> {
  const src = patchedWorkerSource(readFileSync(installedFile('pdf.worker'), 'utf8'));
  if (src !== null) {
    let dir: string | null = null;
    try {
      dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-pdfjs-'));
      // under a node_modules folder, as the package's own file is: module runners (vitest)
      // then load it as a dependency instead of transforming 2 MB of library code
      const file = path.join(dir, 'node_modules', 'pdf.worker.mjs');
      mkdirSync(path.dirname(file), { mode: 0o700 });
      writeFileSync(file, src, { mode: 0o600 });
      return (await import(pathToFileURL(file).href)) as unknown;
    } catch {
      /* a temp directory that cannot be written: the package's worker below */
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }
  // @ts-expect-error the worker module ships without type declarations
  return (await import('pdfjs-dist/legacy/build/pdf.worker.mjs')) as unknown;
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
 * pdf.js and its worker each test `Response.prototype.bytes` at import, to add it where it is
 * missing (Node 20). Node's global Response is a getter that loads its whole fetch
 * implementation (undici) on first access: a twentieth of a second that text extraction never
 * uses. While pdf.js loads, Response is a stand-in that has `bytes`; afterwards the real one
 * comes back behind a getter that adds the same `bytes` the first time it is read.
 */
function deferResponse(): { restore(): void } {
  const g = globalThis as Record<string, unknown>;
  const real = Object.getOwnPropertyDescriptor(globalThis, 'Response');
  if (!real?.configurable || !real.get) return { restore() {} }; // already a plain value: nothing to save
  class ResponseStandIn {
    bytes(): never {
      throw new Error('Response stand-in');
    }
  }
  Object.defineProperty(globalThis, 'Response', { ...real, get: () => ResponseStandIn });
  return {
    restore() {
      Object.defineProperty(globalThis, 'Response', {
        ...real,
        get() {
          Object.defineProperty(globalThis, 'Response', real);
          const R = g.Response as { prototype: { bytes?: unknown; arrayBuffer(): Promise<ArrayBuffer> } };
          // pdf.js's own polyfill, as it would have added it
          if (typeof R.prototype.bytes !== 'function')
            R.prototype.bytes = async function (this: { arrayBuffer(): Promise<ArrayBuffer> }) {
              return new Uint8Array(await this.arrayBuffer());
            };
          return R;
        },
      });
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
