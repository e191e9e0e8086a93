// The text-only pdf.js worker (pdfjs-loader.ts): the installed pdfjs-dist must take the change,
// or every PDF with Type1 fonts silently pays for compiling font programs it never draws.
// That the text read stays the same is what the seed's tests (pdf.test.ts, Type1 fonts from
// LibreOffice) and the parse fixtures check.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
  flatTextStateSource,
  keptRefStringSource,
  loadPdfJs,
  syncInflateSource,
  textOnlyWorkerSource,
} from '../../../electron/core/ingest/pdfjs-loader';

const require = createRequire(import.meta.url);

describe('the text-only pdf.js worker', () => {
  it('applies to the installed pdfjs-dist: one line changed, no source map named', () => {
    const src = readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'), 'utf8');
    const out = textOnlyWorkerSource(src);
    expect(out).not.toBeNull();
    expect(out).not.toContain('this.wrap(name, type2Charstrings');
    expect(out).not.toMatch(/sourceMappingURL/);
    const before = src.split('\n');
    const changed = out!.split('\n').filter((l, i) => l !== before[i]);
    // the Type1 line, and the source-map comment at the end left blank
    expect(changed.filter((l) => l.trim() !== '')).toEqual([expect.stringContaining('new Uint8Array(0)')]);
  });

  it('leaves a worker it does not recognise to the package', () => {
    expect(textOnlyWorkerSource('export const x = 1;\n')).toBeNull();
  });

  it('makes TextState.clone a flat copy in the installed pdfjs-dist: one line changed', () => {
    const src = readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'), 'utf8');
    const out = flatTextStateSource(src);
    const before = src.split('\n');
    const changed = out.split('\n').filter((l, i) => l !== before[i]);
    expect(changed).toEqual([expect.stringContaining('Object.create(Object.getPrototypeOf(this))')]);
    expect(flatTextStateSource('export const x = 1;\n')).toBe('export const x = 1;\n');
  });

  it('inflates deflate streams with zlib in the installed pdfjs-dist: one place changed', () => {
    const src = readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'), 'utf8');
    const out = syncInflateSource(src);
    expect(out).toContain('inflateSync(bytes)');
    // only lines added before the DecompressionStream, none changed or removed
    const added = out.split('\n').length - src.split('\n').length;
    expect(added).toBeGreaterThan(0);
    expect(out.replace(/ *if \(name === "deflate"\) \{ \/\/ taizhang[\s\S]*?\n {6}\}\n/, '')).toBe(src);
    expect(syncInflateSource('export const x = 1;\n')).toBe('export const x = 1;\n');
  });

  it('leaves the global Response working, with the bytes() pdf.js adds', async () => {
    await loadPdfJs();
    const bytes = await new Response('台账').bytes();
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(new TextDecoder().decode(bytes)).toBe('台账');
  });

  it("keeps a Ref's string in the installed pdfjs-dist: only Ref.toString changed", () => {
    const src = readFileSync(require.resolve('pdfjs-dist/legacy/build/pdf.worker.mjs'), 'utf8');
    const out = keptRefStringSource(src);
    const before = new Set(src.split('\n'));
    const changed = out.split('\n').filter((l) => !before.has(l));
    expect(changed).toEqual([
      expect.stringContaining('#string = null;'),
      expect.stringContaining('return this.#string ??='),
    ]);
    expect(keptRefStringSource('export const x = 1;\n')).toBe('export const x = 1;\n');
  });
});
