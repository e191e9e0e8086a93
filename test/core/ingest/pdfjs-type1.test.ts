// pdf.js's Type1 glyphs converted only when read (pdfjs-type1.ts): the installed pdfjs-dist must
// take every patch, or none; and where a PDF gives no /Widths, the widths pdf.js then reads from
// the font's charstrings (the one conversion text extraction still asks for) must be the ones
// the package's own worker reads. That the text read is otherwise the same is what the seed's
// tests (pdf.test.ts) and the parse fixtures check.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { textOnlyWorkerSource } from '../../../electron/core/ingest/pdfjs-loader';
import { installedFile } from '../../../electron/core/ingest/pdfjs-prepared';
import { lazyType1Source } from '../../../electron/core/ingest/pdfjs-type1';
import { textItems } from './pdfjs-items';

const layout = path.resolve(__dirname, '../../fixtures/ingest/layout.pdf');

/**
 * layout.pdf with its Type1 fonts' /Widths cut to their first entry (padded with spaces to the
 * same length: the xref stays right). A code within FirstChar…LastChar without a width then
 * takes its glyph's width from the font program (with no /Widths at all pdf.js would take
 * standard metrics instead).
 */
function withShortType1Widths(pdf: Buffer): Uint8Array {
  const text = pdf.toString('latin1');
  let cut = 0;
  const out = text.replace(/\/Widths\[(\d+)[^\]]*\]/g, (widths, first: string, at: number) => {
    if (!text.slice(text.lastIndexOf('<<', at), at).includes('/Subtype/Type1')) return widths;
    cut++;
    return `/Widths[${first}]`.padEnd(widths.length, ' ');
  });
  expect(cut).toBe(2); // LibreOffice's two CJK subsets; the TrueType font keeps its widths
  return new Uint8Array(Buffer.from(out, 'latin1'));
}

describe('Type1 glyphs converted when read', () => {
  it('applies to the installed pdfjs-dist: the eager conversion and the OpenType file gone', () => {
    const src = textOnlyWorkerSource(readFileSync(installedFile('pdf.worker'), 'utf8'))!;
    const out = lazyType1Source(src);
    expect(out).not.toBe(src);
    expect(out).not.toContain('charString.convert(encoded, subrs, this.seacAnalysisEnabled)');
    expect(out).not.toContain('this.getType2Charstrings(charstrings)');
    expect(out).toContain('get seacs()');
    expect(out).toContain(
      'adjustType1ToUnicode(properties, properties.builtInEncoding);\n            }\n            data = cff.data;',
    );
  });

  it('leaves a worker where any one patch does not apply as it is', () => {
    const src = textOnlyWorkerSource(readFileSync(installedFile('pdf.worker'), 'utf8'))!;
    const noConvert = src.replace('          data = this.convert(name, cff, properties);\n', '');
    expect(lazyType1Source(noConvert)).toBe(noConvert);
    expect(lazyType1Source('export const x = 1;\n')).toBe('export const x = 1;\n');
  });

  it('reads the glyph widths from the font program as pdf.js does, where /Widths has none', async () => {
    const pdf = withShortType1Widths(readFileSync(layout));
    const own = await textItems(pdf.slice(), true);
    const patched = await textItems(pdf.slice());
    expect(patched).toEqual(own);
    // LibreOffice's /Widths are the font programs' own advances: the text as with them
    expect(patched).toEqual(await textItems(new Uint8Array(readFileSync(layout))));
  });
});
