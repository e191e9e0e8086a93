// Small builders for WordprocessingML fragments: runs, paragraphs, tables, section
// properties. Generated content is spliced into a clerk's template as XML text, so these
// produce strings. Child elements are kept in schema order: Word rejects a file whose
// <w:rPr>/<w:pPr> children are out of order, even where LibreOffice and WPS shrug.
import {
  childEls,
  escapeXml,
  parseLosslessXml,
  serializeNode,
  stripInvalidXmlChars,
  type XElement,
  type XNode,
} from './xml-tree';
import { StringSink, type XmlSink } from './xml-chunks';

const RPR_ORDER = [
  'rStyle',
  'rFonts',
  'b',
  'bCs',
  'i',
  'iCs',
  'caps',
  'smallCaps',
  'strike',
  'dstrike',
  'outline',
  'shadow',
  'emboss',
  'imprint',
  'noProof',
  'snapToGrid',
  'vanish',
  'webHidden',
  'color',
  'spacing',
  'w',
  'kern',
  'position',
  'sz',
  'szCs',
  'highlight',
  'u',
  'effect',
  'bdr',
  'shd',
  'fitText',
  'vertAlign',
  'rtl',
  'cs',
  'em',
  'lang',
  'eastAsianLayout',
  'specVanish',
  'oMath',
];
const PPR_ORDER = [
  'pStyle',
  'keepNext',
  'keepLines',
  'pageBreakBefore',
  'framePr',
  'widowControl',
  'numPr',
  'suppressLineNumbers',
  'pBdr',
  'shd',
  'tabs',
  'suppressAutoHyphens',
  'kinsoku',
  'wordWrap',
  'overflowPunct',
  'topLinePunct',
  'autoSpaceDE',
  'autoSpaceDN',
  'bidi',
  'adjustRightInd',
  'snapToGrid',
  'spacing',
  'ind',
  'contextualSpacing',
  'mirrorIndents',
  'suppressOverlap',
  'jc',
  'textDirection',
  'textAlignment',
  'textboxTightWrap',
  'outlineLvl',
  'divId',
  'cnfStyle',
  'rPr',
  'sectPr',
  'pPrChange',
];
const SECTPR_ORDER = [
  'headerReference',
  'footerReference',
  'footnotePr',
  'endnotePr',
  'type',
  'pgSz',
  'pgMar',
  'paperSrc',
  'pgBorders',
  'lnNumType',
  'pgNumType',
  'cols',
  'formProt',
  'vAlign',
  'noEndnote',
  'titlePg',
  'textDirection',
  'bidi',
  'rtlGutter',
  'docGrid',
  'printerSettings',
  'sectPrChange',
];

function parseOne(xml: string): XElement | null {
  if (!xml) return null;
  const el = parseLosslessXml(xml).find((n): n is XElement => n.type === 'el');
  return el ?? null;
}

/**
 * Sets children of a property element (<w:rPr>, <w:pPr>, <w:sectPr>): each entry replaces the
 * child of that local name (null removes it), and the result is put in schema order.
 * Children the order list does not know keep their place after the known ones.
 */
export function setProps(
  xml: string,
  tag: 'w:rPr' | 'w:pPr' | 'w:sectPr',
  changes: Record<string, string | null>,
): string {
  const order = tag === 'w:rPr' ? RPR_ORDER : tag === 'w:pPr' ? PPR_ORDER : SECTPR_ORDER;
  const el = parseOne(xml) ?? { type: 'el', name: tag, attrs: '', children: [], selfClosing: false };
  const kids: XNode[] = childEls(el).filter((c) => !(c.name.slice(2) in changes));
  for (const [name, value] of Object.entries(changes)) {
    if (value == null) continue;
    const parsed = parseOne(value);
    if (parsed) kids.push(parsed);
    void name;
  }
  const rank = (n: XNode) => {
    const i = n.type === 'el' ? order.indexOf(n.name.slice(2)) : -1;
    return i < 0 ? order.length : i;
  };
  const sorted = kids
    .map((k, i) => ({ k, i }))
    .sort((a, b) => rank(a.k) - rank(b.k) || a.i - b.i)
    .map((x) => x.k);
  const out: XElement = { type: 'el', name: el.name, attrs: el.attrs, children: sorted, selfClosing: false };
  return sorted.length ? serializeNode(out) : '';
}

/** Removes one child (by qualified name) from a property element. */
export function dropProp(xml: string, tag: 'w:rPr' | 'w:pPr' | 'w:sectPr', child: string): string {
  if (!xml) return xml;
  return setProps(xml, tag, { [child.replace(/^w:/, '')]: null });
}

export interface RunStyle {
  bold?: boolean;
  color?: string; // hex without #
  /** half-points */
  size?: number;
  /** east-Asian and Latin font name */
  font?: string;
}

/** A run's properties: the base rPr (from the template) with overrides. */
export function runPropsXml(base: string, s: RunStyle = {}): string {
  const ch: Record<string, string | null> = {};
  if (s.font)
    ch['rFonts'] =
      `<w:rFonts w:ascii="${escapeXml(s.font)}" w:hAnsi="${escapeXml(s.font)}" w:eastAsia="${escapeXml(s.font)}" w:cs="${escapeXml(s.font)}"/>`;
  if (s.bold) {
    ch['b'] = '<w:b/>';
    ch['bCs'] = '<w:bCs/>';
  }
  if (s.color) ch['color'] = `<w:color w:val="${s.color}"/>`;
  if (s.size) {
    ch['sz'] = `<w:sz w:val="${s.size}"/>`;
    ch['szCs'] = `<w:szCs w:val="${s.size}"/>`;
  }
  return Object.keys(ch).length ? setProps(base, 'w:rPr', ch) : base;
}

/** Text needing no work: no tab, line break, markup character or character XML forbids. */
// eslint-disable-next-line no-control-regex
const PLAIN = /[\t\n&<>"\u0000-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const T_OPEN = '<w:t xml:space="preserve">';
const T_CLOSE = '</w:t>';

/** A run's content: the text, tabs as <w:tab/>, line breaks as <w:br/> ('' for no text). */
function runText(text: string): string {
  // most cells of a large table are plain text: skip the split and the escaping passes
  if (!PLAIN.test(text)) return text ? T_OPEN + text + T_CLOSE : '';
  const parts = stripInvalidXmlChars(text).split(/(\t|\n)/);
  return parts
    .map((p) => (p === '\t' ? '<w:tab/>' : p === '\n' ? '<w:br/>' : p ? T_OPEN + escapeXml(p) + T_CLOSE : ''))
    .join('');
}

/** A run: tabs become <w:tab/>, line breaks <w:br/>. */
export function run(text: string, rPr = ''): string {
  return `<w:r>${rPr}${runText(text)}</w:r>`;
}

export type Inline = string | { text: string; style?: RunStyle };

/** A paragraph of one or more runs with the given pPr and base rPr. */
export function para(content: Inline | Inline[], pPr = '', rPr = ''): string {
  if (typeof content === 'string') return `<w:p>${pPr}${run(content, rPr)}</w:p>`;
  const list = Array.isArray(content) ? content : [content];
  const runs = list
    .map((c) => (typeof c === 'string' ? run(c, rPr) : run(c.text, runPropsXml(rPr, c.style))))
    .join('');
  return `<w:p>${pPr}${runs}</w:p>`;
}

export function styleRef(styleId: string, more: Record<string, string | null> = {}): string {
  return setProps('', 'w:pPr', { pStyle: `<w:pStyle w:val="${escapeXml(styleId)}"/>`, ...more });
}

// ---------------------------------------------------------------- tables

export interface DocxTableCell {
  text: string;
  align?: 'left' | 'center' | 'right';
  /** background fill, hex without # */
  fill?: string;
  style?: RunStyle;
  /** columns this cell spans */
  span?: number;
  /** vertical merge: 'restart' starts a merged block, 'continue' joins the cell above */
  vmerge?: 'restart' | 'continue';
}

export interface TableSpec {
  /** column widths in twips (dxa): fixed widths are what WPS and LibreOffice honour */
  widths: number[];
  /** header rows, repeated on every page */
  header: (DocxTableCell | string)[][];
  rows: (DocxTableCell | string)[][];
  /** paragraph style ids for header and body cells (from the template) */
  headerStyle?: string;
  bodyStyle?: string;
  /** run properties for header and body cells */
  headerRPr?: string;
  bodyRPr?: string;
  /** default alignment of body cells */
  align?: 'left' | 'center' | 'right';
  headerFill?: string;
}

/**
 * The pPr of a cell paragraph: one per (style, alignment), built once — a 1M-record
 * bulletin's 附件 has ~40,000 cells, and setProps parses and serialises each time.
 */
const cellPPrs = new Map<string, string>();
function cellPPr(pStyle: string | undefined, align: string): string {
  const key = `${pStyle ?? ''}\u0000${align}`;
  let pPr = cellPPrs.get(key);
  if (pPr === undefined) {
    pPr = setProps('', 'w:pPr', {
      pStyle: pStyle ? `<w:pStyle w:val="${pStyle}"/>` : null,
      jc: `<w:jc w:val="${align}"/>`,
    });
    cellPPrs.set(key, pPr);
  }
  return pPr;
}

/**
 * The fixed markup of a cell around its text: everything but the text is the same for every
 * cell of one width, span, merge, fill, alignment and run style, so it is built once per
 * table (a 1M-record bulletin's 附件 has ~80,000 cells, ~400 bytes of properties each).
 */
interface CellFrame {
  /** <w:tc>, its tcPr, the first paragraph and run up to the text */
  open: string;
  /** open with the text element opened: most cells are one line of plain text */
  openText: string;
  /** from the end of one line's run to the text of the next line's (same pPr and rPr) */
  next: string;
}

const CELL_CLOSE = '</w:r></w:p></w:tc>';
const TEXT_CELL_CLOSE = T_CLOSE + CELL_CLOSE;

function cellFrame(
  width: number,
  cell: DocxTableCell,
  shd: string | undefined,
  pStyle: string | undefined,
  rPr: string,
  align: string,
): CellFrame {
  let tc = `<w:tc><w:tcPr><w:tcW w:w="${width}" w:type="dxa"/>`;
  if (cell.span && cell.span > 1) tc += `<w:gridSpan w:val="${cell.span}"/>`;
  if (cell.vmerge === 'restart') tc += '<w:vMerge w:val="restart"/>';
  else if (cell.vmerge === 'continue') tc += '<w:vMerge/>';
  if (shd) tc += `<w:shd w:val="clear" w:color="auto" w:fill="${shd}"/>`;
  tc += '<w:vAlign w:val="center"/></w:tcPr>';
  const rp = cell.style ? runPropsXml(rPr, cell.style) : rPr;
  const p = `<w:p>${cellPPr(pStyle, cell.align ?? align)}<w:r>${rp}`;
  return { open: tc + p, openText: tc + p + T_OPEN, next: `</w:r></w:p>${p}` };
}

/** What makes one cell's frame differ from another's in the same row position. */
function frameKey(width: number, c: DocxTableCell, shd: string | undefined): string {
  const s = c.style;
  return `${width}|${c.span ?? ''}|${c.vmerge ?? ''}|${shd ?? ''}|${c.align ?? ''}|${s ? `${s.bold ? 'b' : ''}/${s.color ?? ''}/${s.size ?? ''}/${s.font ?? ''}` : ''}`;
}

/** One cell: its frame, then each line of its text as a paragraph. */
function writeCell(out: XmlSink, f: CellFrame, cell: DocxTableCell | string): void {
  const text = typeof cell === 'string' ? cell : cell.vmerge === 'continue' ? '' : cell.text || '';
  if (text && !PLAIN.test(text)) {
    // one line of text needing no work (PLAIN holds \n): the common case
    out.fixed(f.openText);
    out.add(text);
    out.fixed(TEXT_CELL_CLOSE);
    return;
  }
  const lines = text.includes('\n') ? text.split('\n') : [text];
  out.fixed(f.open);
  for (let i = 0; i < lines.length; i++) {
    if (i) out.fixed(f.next);
    out.add(runText(lines[i]!));
  }
  out.fixed(CELL_CLOSE);
}

/** A fixed-layout table with DXA widths on the table, the grid and every cell. */
export function table(spec: TableSpec): string {
  const out = new StringSink();
  writeTable(spec, out);
  return out.text;
}

/** table(), written row by row into `out` (the 附件's tables are tens of MB). */
export function writeTable(spec: TableSpec, out: XmlSink): void {
  const total = spec.widths.reduce((a, b) => a + b, 0);
  const border = (n: string) => `<w:${n} w:val="single" w:sz="4" w:space="0" w:color="000000"/>`;
  const tblPr = `<w:tblPr><w:tblW w:w="${total}" w:type="dxa"/><w:jc w:val="center"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders><w:tblLayout w:type="fixed"/><w:tblCellMar><w:top w:w="28" w:type="dxa"/><w:left w:w="57" w:type="dxa"/><w:bottom w:w="28" w:type="dxa"/><w:right w:w="57" w:type="dxa"/></w:tblCellMar><w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr>`;
  const grid = `<w:tblGrid>${spec.widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  out.add(`<w:tbl>${tblPr}${grid}`);
  // frames of plain-text cells by column, of the others by what sets them apart
  const plain: (CellFrame | undefined)[][] = [[], []];
  const framed: Map<string, CellFrame>[] = [new Map(), new Map()];
  const row = (cells: (DocxTableCell | string)[], header: boolean) => {
    const h = header ? 1 : 0;
    const pStyle = header ? spec.headerStyle : spec.bodyStyle;
    const rPr = (header ? spec.headerRPr : spec.bodyRPr) ?? '';
    const align = header ? 'center' : (spec.align ?? 'center');
    const fill = header ? spec.headerFill : undefined;
    out.fixed(
      header
        ? '<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>'
        : '<w:tr><w:trPr><w:cantSplit/></w:trPr>',
    );
    let col = 0;
    for (const c of cells) {
      const span = typeof c === 'string' ? 1 : (c.span ?? 1);
      let width = 0;
      for (let k = col; k < col + span && k < spec.widths.length; k++) width += spec.widths[k]!;
      let f: CellFrame | undefined;
      if (typeof c === 'string') {
        f = plain[h]![col];
        if (!f) plain[h]![col] = f = cellFrame(width, { text: '' }, fill, pStyle, rPr, align);
      } else {
        const shd = c.fill ?? fill;
        const key = frameKey(width, c, shd);
        f = framed[h]!.get(key);
        if (!f) framed[h]!.set(key, (f = cellFrame(width, c, shd, pStyle, rPr, align)));
      }
      col += span;
      writeCell(out, f, c);
    }
    out.fixed('</w:tr>');
  };
  for (const r of spec.header) row(r, true);
  for (const r of spec.rows) row(r, false);
  out.add('</w:tbl>');
}

// ---------------------------------------------------------------- sections

function attr(xml: string, el: string, name: string): number | null {
  const m = xml.match(new RegExp(`<w:${el}\\b[^>]*\\bw:${name}="(\\d+)"`));
  return m ? Number(m[1]) : null;
}

/** Page width and the left/right margins of a section (twips). */
export function sectionGeometry(sectPr: string): {
  pageW: number;
  pageH: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  textWidth: number;
} {
  const pageW = attr(sectPr, 'pgSz', 'w') ?? 11906;
  const pageH = attr(sectPr, 'pgSz', 'h') ?? 16838;
  const left = attr(sectPr, 'pgMar', 'left') ?? 1587;
  const right = attr(sectPr, 'pgMar', 'right') ?? 1474;
  const top = attr(sectPr, 'pgMar', 'top') ?? 2098;
  const bottom = attr(sectPr, 'pgMar', 'bottom') ?? 1984;
  return { pageW, pageH, left, right, top, bottom, textWidth: pageW - left - right };
}

/**
 * A copy of a section's properties for a new section starting on a new page, optionally
 * turned to landscape (the portrait margins rotate with the sheet: the binding edge stays
 * the binding edge). Footers and the page-number format carry over; vertical alignment
 * does not (only the 版记 page is bottom-aligned).
 */
export function deriveSection(sectPr: string, o: { landscape: boolean }): string {
  const g = sectionGeometry(sectPr);
  const portrait = g.pageW <= g.pageH;
  const ch: Record<string, string | null> = {
    type: '<w:type w:val="nextPage"/>',
    vAlign: null,
    titlePg: null,
  };
  const header = attr(sectPr, 'pgMar', 'header') ?? 851;
  const footer = attr(sectPr, 'pgMar', 'footer') ?? 992;
  if (o.landscape && portrait) {
    ch['pgSz'] = `<w:pgSz w:w="${g.pageH}" w:h="${g.pageW}" w:orient="landscape"/>`;
    ch['pgMar'] =
      `<w:pgMar w:top="${g.left}" w:right="${g.top}" w:bottom="${g.right}" w:left="${g.bottom}" w:header="${header}" w:footer="${footer}" w:gutter="0"/>`;
  } else if (!o.landscape && !portrait) {
    ch['pgSz'] = `<w:pgSz w:w="${g.pageH}" w:h="${g.pageW}"/>`;
    ch['pgMar'] =
      `<w:pgMar w:top="${g.right}" w:right="${g.bottom}" w:bottom="${g.left}" w:left="${g.top}" w:header="${header}" w:footer="${footer}" w:gutter="0"/>`;
  }
  return setProps(sectPr, 'w:sectPr', ch);
}
