// The fake worker's port patch (pdfjs-port.ts): the installed pdf.mjs must take it, or every
// PDF's text is structured-cloned once more for nothing. That the text read stays the same is
// what test/cli/build.test.ts (the built CLI, which uses it, against runCli in-process) and the
// parse fixtures check.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { directTextChunksSource } from '../../../electron/core/ingest/pdfjs-port';
import { installedFile } from '../../../electron/core/ingest/pdfjs-prepared';

describe('text content chunks passed over the fake worker port uncloned', () => {
  it('applies to the installed pdf.mjs: one line changed, one comment added', () => {
    const src = readFileSync(installedFile('pdf'), 'utf8');
    const out = directTextChunksSource(src);
    expect(out).not.toBeNull();
    const before = new Set(src.split('\n'));
    const changed = out!.split('\n').filter((l) => !before.has(l));
    expect(changed).toEqual([
      expect.stringContaining('// taizhang: a text content chunk'),
      expect.stringContaining('{ ...obj, chunk: { ...obj.chunk } } : structuredClone(obj'),
    ]);
  });

  it('leaves a pdf.mjs it does not recognise alone', () => {
    expect(directTextChunksSource('export const x = 1;\n')).toBeNull();
  });
});
