// pdf.js switching at once to a font it has loaded (pdfjs-font-switch.ts): the installed
// pdfjs-dist must take both halves of the patch, or neither; and the text items must be the ones
// the package's own worker gives, on a LibreOffice PDF whose lines switch between subset fonts.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keptFontSwitchSource } from '../../../electron/core/ingest/pdfjs-font-switch';
import { installedFile } from '../../../electron/core/ingest/pdfjs-prepared';
import { textItems } from './pdfjs-items';

const layout = path.resolve(__dirname, '../../fixtures/ingest/layout.pdf');

describe('a loaded font switched to at once', () => {
  it('applies to the installed pdfjs-dist: the Tf case and handleSetFont, nothing else', () => {
    const src = readFileSync(installedFile('pdf.worker'), 'utf8');
    const out = keptFontSwitchSource(src);
    expect(out).toContain('useFont(fontsByName.get(fontNameArg));');
    const before = new Set(src.split('\n'));
    const added = out.split('\n').filter((l) => !before.has(l));
    expect(added.length).toBeLessThan(20);
    const after = new Set(out.split('\n'));
    // only handleSetFont's three assignments move into useFont (the same lines, once)
    expect(src.split('\n').filter((l) => !after.has(l))).toEqual([]);
  });

  it('leaves a worker where either half does not apply as it is', () => {
    const src = readFileSync(installedFile('pdf.worker'), 'utf8');
    const half = src.replace('            next(handleSetFont(fontNameArg, null));\n', '');
    expect(keptFontSwitchSource(half)).toBe(half);
    expect(keptFontSwitchSource('export const x = 1;\n')).toBe('export const x = 1;\n');
  });

  it("gives the package's own text items for a PDF with subset fonts", async () => {
    const pdf = new Uint8Array(readFileSync(layout));
    expect(await textItems(pdf.slice())).toEqual(await textItems(pdf.slice(), true));
  });
});
