// Blocks → WordprocessingML inside a template. Body paragraphs take the placeholder
// paragraph's own pPr/rPr (so the clerk's formatting of {{总体进展}} is the formatting of
// the text); headings and tables use the template's Gw* styles; table widths are computed
// from the section's type area so tables are exactly as wide as the text.
import type { Attachment, Block, TableData } from './blocks';
import type { BlockContext } from './docx-fill';
import { deriveSection, para, run, sectionGeometry, setProps, styleRef, table } from './ooxml';

export const STYLE = {
  heading2: 'GwHeading2',
  heading2Char: 'GwHeading2Char',
  table: 'GwTable',
  tableHead: 'GwTableHead',
  tableNote: 'GwTableNote',
  attachLabel: 'GwAttachLabel',
  attachTitle: 'GwAttachTitle',
  subtitle: 'GwSubtitle',
} as const;

/** Relative weights → twips summing exactly to `total`. */
export function scaleWidths(weights: number[], total: number): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const out = weights.map((w) => Math.floor((w / sum) * total));
  out[out.length - 1]! += total - out.reduce((a, b) => a + b, 0);
  return out;
}

export function tableXml(t: TableData, textWidth: number): string {
  return table({
    widths: scaleWidths(t.weights, textWidth),
    header: t.header,
    rows: t.rows,
    headerStyle: STYLE.tableHead,
    bodyStyle: STYLE.table,
    align: t.align,
  });
}

export function blocksXml(blocks: Block[], ctx: BlockContext): string {
  const width = sectionGeometry(ctx.sectPr).textWidth;
  const out: string[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'p') {
      if (b.lead) {
        // run-in heading: the 楷体 character style, without the placeholder's direct font
        const leadRPr = setProps(ctx.rPr, 'w:rPr', {
          rStyle: `<w:rStyle w:val="${STYLE.heading2Char}"/>`,
          rFonts: null,
        });
        out.push(`<w:p>${ctx.pPr}${run(b.lead, leadRPr)}${run(b.text, ctx.rPr)}</w:p>`);
      } else {
        out.push(para(b.text, ctx.pPr, ctx.rPr));
      }
    } else if (b.kind === 'h2') {
      out.push(para(b.text, styleRef(STYLE.heading2)));
    } else {
      out.push(tableXml(b.table, width));
      // a table is followed by a paragraph in Word; give it a small one when the block ends with it
      if (i === blocks.length - 1) out.push(para('', styleRef(STYLE.tableNote)));
    }
  });
  return out.join('');
}

/**
 * 附件: each on its own page in its own section (landscape where the table is wide), with
 * 附件N at the top left, the title centred and the table. Their pages follow the main text's
 * section (page size, margins, page-number footers); the template's section after the
 * placeholder (the 版记 page) follows unchanged.
 */
export function attachmentsXml(list: Attachment[], ctx: BlockContext): string {
  const out: string[] = [];
  const base = ctx.previousSectPr || ctx.sectPr;
  for (const a of list) {
    const sect = deriveSection(base, { landscape: a.landscape });
    const width = sectionGeometry(sect).textWidth;
    out.push(para(`附件${a.no}`, styleRef(STYLE.attachLabel)));
    out.push(para(a.title, styleRef(STYLE.attachTitle)));
    if (a.subtitle) out.push(para(a.subtitle, styleRef(STYLE.subtitle)));
    out.push(tableXml(a.table, width));
    // the last paragraph of the attachment carries its section properties (no blank line)
    out.push(para(a.note ?? '', styleRef(STYLE.tableNote, { sectPr: sect })));
  }
  return out.join('');
}
