// Blocks → WordprocessingML inside a template. Body paragraphs take the placeholder
// paragraph's own pPr/rPr (so the clerk's formatting of {{总体进展}} is the formatting of
// the text); headings and tables use the template's Gw* styles; table widths are computed
// from the section's type area so tables are exactly as wide as the text.
import type { Attachment, Block, TableData } from './blocks';
import type { BlockContext } from './docx-fill';
import {
  deriveSection,
  para,
  run,
  sectionGeometry,
  setProps,
  styleRef,
  table,
  writeTable,
  type TableSpec,
} from './ooxml';
import { ChunkSink } from './xml-chunks';
import { escapeXml } from './xml-tree';

/** The fonts runs name explicitly (w:eastAsia on every run: WPS reports theme fonts as missing). */
export interface RunFonts {
  body: string;
  heading1: string;
  heading2: string;
  table: string;
  tableHead: string;
  title?: string;
}

export const DEFAULT_FONTS: RunFonts = {
  body: '仿宋_GB2312',
  heading1: '黑体',
  heading2: '楷体_GB2312',
  table: '仿宋_GB2312',
  tableHead: '黑体',
};

/** <w:rFonts> naming `font` for every script. */
export function rFonts(font: string): string {
  const f = escapeXml(font);
  return `<w:rFonts w:ascii="${f}" w:hAnsi="${f}" w:eastAsia="${f}" w:cs="${f}"/>`;
}

/** A run's rPr with the font set (replacing any rFonts the template's placeholder had). */
export function withFont(rPr: string, font: string): string {
  return setProps(rPr, 'w:rPr', { rFonts: rFonts(font) });
}

export const STYLE = {
  heading1: 'GwHeading1',
  heading2: 'GwHeading2',
  attachNote: 'GwAttachNote',
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

function tableSpec(t: TableData, textWidth: number, fonts: RunFonts): TableSpec {
  return {
    widths: scaleWidths(t.weights, textWidth),
    header: t.header,
    rows: t.rows,
    headerStyle: STYLE.tableHead,
    bodyStyle: STYLE.table,
    headerRPr: withFont('', fonts.tableHead),
    bodyRPr: withFont('', fonts.table),
    align: t.align,
  };
}

export function tableXml(t: TableData, textWidth: number, fonts: RunFonts = DEFAULT_FONTS): string {
  return table(tableSpec(t, textWidth, fonts));
}

export function blocksXml(blocks: Block[], ctx: BlockContext, fonts: RunFonts = DEFAULT_FONTS): string {
  const bodyRPr = withFont(ctx.rPr, fonts.body);
  const width = sectionGeometry(ctx.sectPr).textWidth;
  const out: string[] = [];
  blocks.forEach((b, i) => {
    if (b.kind === 'p') {
      if (b.lead) {
        // run-in heading: the 楷体 character style, without the placeholder's direct font
        const leadRPr = setProps(ctx.rPr, 'w:rPr', {
          rStyle: `<w:rStyle w:val="${STYLE.heading2Char}"/>`,
          rFonts: rFonts(fonts.heading2),
        });
        out.push(`<w:p>${ctx.pPr}${run(b.lead, leadRPr)}${run(b.text, bodyRPr)}</w:p>`);
      } else if (b.style === 'attachNote') {
        // 附件：1．… with the later lines under the first title (GB/T 9704 7.3.6)
        const pPr = b.first
          ? styleRef(STYLE.attachNote)
          : styleRef(STYLE.attachNote, { ind: '<w:ind w:left="1600" w:hanging="0" w:firstLine="0"/>' });
        out.push(para(b.text, pPr, withFont('', fonts.body)));
      } else {
        out.push(para(b.text, ctx.pPr, bodyRPr));
      }
    } else if (b.kind === 'h1') {
      out.push(para(b.text, styleRef(STYLE.heading1), withFont('', fonts.heading1)));
    } else if (b.kind === 'h2') {
      out.push(para(b.text, styleRef(STYLE.heading2), withFont('', fonts.heading2)));
    } else if (b.kind === 'blank') {
      out.push(para('', ctx.pPr, bodyRPr));
    } else {
      out.push(tableXml(b.table, width, fonts));
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
export function attachmentsXml(
  list: Attachment[],
  ctx: BlockContext,
  fonts: RunFonts = DEFAULT_FONTS,
): Buffer[] {
  // tens of MB at 1M records (the detail table lists every task): encoded as it is made
  const out = new ChunkSink();
  const base = ctx.previousSectPr || ctx.sectPr;
  for (const a of list) {
    const sect = deriveSection(base, { landscape: a.landscape });
    const width = sectionGeometry(sect).textWidth;
    out.add(para(`附件${a.no}`, styleRef(STYLE.attachLabel), withFont('', fonts.heading1)));
    out.add(para(a.title, styleRef(STYLE.attachTitle), withFont('', fonts.title ?? '方正小标宋简体')));
    if (a.subtitle) out.add(para(a.subtitle, styleRef(STYLE.subtitle), withFont('', fonts.heading2)));
    writeTable(tableSpec(a.table, width, fonts), out);
    // the last paragraph of the attachment carries its section properties (no blank line)
    out.add(para(a.note ?? '', styleRef(STYLE.tableNote, { sectPr: sect }), withFont('', fonts.table)));
  }
  return out.take();
}
