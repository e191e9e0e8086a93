// Writes small but real PDFs for the reader's tests: exact positions, fonts that are not
// embedded (Chinese through the predefined UniGB-UCS2-H CMap, so the bundled CMaps must
// load from disk), a ToUnicode font for radical code points, images without text.
export interface Run {
  x: number;
  y: number; // baseline, points from the bottom
  text: string;
  size?: number; // default 16
  font?: 'song' | 'helv' | 'mapped'; // song: CJK via UniGB-UCS2-H; helv: Helvetica; mapped: ToUnicode
  perGlyph?: boolean; // one show operation per character, each positioned (as some producers do)
  hscale?: number; // horizontal scaling of the text matrix
  rotate?: number; // degrees counter-clockwise (90: text running up the page)
}

export interface PageSpec {
  runs?: Run[];
  image?: boolean; // a full-page grey image (a scanned page)
  width?: number;
  height?: number;
}

const enc = (s: string) => Buffer.from(s, 'latin1');

/** Advance of one character in a run: CJK 1 em, Helvetica approximated at 0.55 em. */
function advance(size: number, font: Run['font']): number {
  return font === 'helv' ? 0.556 * size : size;
}

export function makePdf(pages: PageSpec[]): Uint8Array {
  const objects: Buffer[] = [];
  const add = (body: Buffer | string): number => {
    objects.push(typeof body === 'string' ? enc(body) : body);
    return objects.length;
  };
  const stream = (dict: string, data: Buffer) =>
    Buffer.concat([enc(`<< ${dict} /Length ${data.length} >>\nstream\n`), data, enc('\nendstream')]);

  // characters shown with the ToUnicode font get codes 1, 2, 3 … in order of appearance
  const mappedChars = [
    ...new Set(
      pages.flatMap((p) => (p.runs ?? []).filter((r) => r.font === 'mapped').flatMap((r) => [...r.text])),
    ),
  ];
  const catalog = add('');
  const pagesObj = add('');
  const song = add(
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [' +
      (objects.length + 3) +
      ' 0 R] >>',
  );
  add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  add(
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor ${song + 1} 0 R /DW 1000 >>`,
  );
  const helv = add('<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>');
  const cmap = toUnicodeCMap(mappedChars);
  const toUni = add(stream('', enc(cmap)));
  const mapped = add(
    `<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /Identity-H /DescendantFonts [${objects.length + 3} 0 R] /ToUnicode ${toUni} 0 R >>`,
  );
  add(
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
  );
  add(
    `<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${mapped + 1} 0 R /DW 1000 >>`,
  );
  const image = add(
    stream(
      '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8',
      Buffer.from([0x80, 0x90, 0xa0, 0xb0]),
    ),
  );

  const pageIds: number[] = [];
  for (const p of pages) {
    const w = p.width ?? 595.3,
      h = p.height ?? 841.9;
    let ops = '';
    if (p.image) ops += `q ${w - 100} 0 0 ${h - 100} 50 50 cm /Im1 Do Q\n`;
    for (const r of p.runs ?? []) ops += showRun(r, mappedChars);
    const content = add(stream('', enc(ops)));
    pageIds.push(
      add(
        `<< /Type /Page /Parent ${pagesObj} 0 R /MediaBox [0 0 ${w} ${h}] /Contents ${content} 0 R /Resources << /Font << /F1 ${song} 0 R /F2 ${helv} 0 R /F3 ${mapped} 0 R >> /XObject << /Im1 ${image} 0 R >> >> >>`,
      ),
    );
  }
  objects[catalog - 1] = enc(`<< /Type /Catalog /Pages ${pagesObj} 0 R >>`);
  objects[pagesObj - 1] = enc(
    `<< /Type /Pages /Kids [${pageIds.map((i) => `${i} 0 R`).join(' ')}] /Count ${pageIds.length} >>`,
  );

  const parts: Buffer[] = [enc('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
  const offsets: number[] = [];
  let pos = parts[0]!.length;
  objects.forEach((body, i) => {
    const chunk = Buffer.concat([enc(`${i + 1} 0 obj\n`), body, enc('\nendobj\n')]);
    offsets.push(pos);
    parts.push(chunk);
    pos += chunk.length;
  });
  let xref = `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
  xref += `trailer\n<< /Size ${objects.length + 1} /Root ${catalog} 0 R >>\nstartxref\n${pos}\n%%EOF\n`;
  parts.push(enc(xref));
  return new Uint8Array(Buffer.concat(parts));
}

function showRun(r: Run, mappedChars: string[]): string {
  const size = r.size ?? 16;
  const font = r.font ?? 'song';
  const fontRes = font === 'song' ? 'F1' : font === 'helv' ? 'F2' : 'F3';
  const hs = r.hscale ?? 1;
  const encode = (s: string): string => {
    if (font === 'helv') return '(' + s.replace(/[\\()]/g, (c) => '\\' + c) + ')';
    if (font === 'mapped')
      return (
        '<' + [...s].map((ch) => (mappedChars.indexOf(ch) + 1).toString(16).padStart(4, '0')).join('') + '>'
      );
    return '<' + [...s].map((ch) => ch.codePointAt(0)!.toString(16).padStart(4, '0')).join('') + '>';
  };
  if (r.rotate) {
    const rad = (r.rotate * Math.PI) / 180,
      cos = Math.cos(rad).toFixed(4),
      sin = Math.sin(rad).toFixed(4),
      nsin = (-Math.sin(rad)).toFixed(4);
    return `BT /${fontRes} ${size} Tf ${cos} ${sin} ${nsin} ${cos} ${r.x} ${r.y} Tm ${encode(r.text)} Tj ET\n`;
  }
  if (!r.perGlyph) return `BT /${fontRes} ${size} Tf ${hs} 0 0 1 ${r.x} ${r.y} Tm ${encode(r.text)} Tj ET\n`;
  let ops = '';
  let x = r.x;
  for (const ch of r.text) {
    ops += `BT /${fontRes} ${size} Tf ${hs} 0 0 1 ${x.toFixed(2)} ${r.y} Tm ${encode(ch)} Tj ET\n`;
    x += advance(size, font) * hs;
  }
  return ops;
}

function toUnicodeCMap(chars: string[]): string {
  const entries = chars.map(
    (ch, i) =>
      `<${(i + 1).toString(16).padStart(4, '0')}> <${[...Buffer.from(ch, 'utf16le').swap16()].map((b) => b.toString(16).padStart(2, '0')).join('')}>`,
  );
  let bf = '';
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    bf += `${chunk.length} beginbfchar\n${chunk.join('\n')}\nendbfchar\n`;
  }
  return `/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n${bf}endcmap\nCMapName currentdict /CMapType get pop\nend\nend\n`;
}

/**
 * Lays out paragraphs the way a 公文 page does: 16-pt type, 28-pt line pitch, 27
 * characters a line, first lines indented two characters, hard-wrapped at the text width.
 */
export function gongwenPage(
  paras: string[],
  opts: { left?: number; top?: number; perLine?: number; size?: number } = {},
): Run[] {
  const size = opts.size ?? 16,
    left = opts.left ?? 79.5,
    perLine = opts.perLine ?? 27;
  let y = opts.top ?? 760;
  const runs: Run[] = [];
  for (const p of paras) {
    let rest = [...p];
    let first = true;
    while (rest.length) {
      const room = first ? perLine - 2 : perLine;
      const line = rest.slice(0, room).join('');
      runs.push({ x: left + (first ? 2 * size : 0), y, text: line, size });
      rest = rest.slice(room);
      first = false;
      y -= 28;
    }
  }
  return runs;
}
