// Fills a clerk-editable .docx template: `{{键}}` placeholders inside a paragraph become
// text (keeping the formatting of the run the placeholder starts in), and a paragraph that
// holds nothing but a block placeholder is replaced by generated paragraphs and tables,
// which receive that paragraph's pPr/rPr so restyling the template restyles the output.
//
// Word splits text a clerk types or edits into several runs (rsids, spell-check marks:
// docx#2028), so placeholders are found on the paragraph's joined text and replaced across
// run boundaries. We do our own XML here rather than docx's patchDocument because of its
// empty-patch token leak (docx#2855) and repeated-key trouble (docx#3504), and because a
// block must copy the placeholder paragraph's own properties.
import JSZip from 'jszip';
import {
  escapeXml,
  findAll,
  firstChild,
  isEl,
  parseLosslessXml,
  serializeNode,
  serializeXmlParts,
  textOf,
  type XElement,
  type XNode,
} from './xml-tree';
import { dropProp } from './ooxml';
import { packAsync, packPartsAsync, zipPacked, type PackedEntry } from './zip-writer';

/** What a block generator learns about the place it fills. */
export interface BlockContext {
  /** the placeholder paragraph's <w:pPr> without its section properties ('' if none) */
  pPr: string;
  /** the <w:rPr> of the run the placeholder starts in ('' if none) */
  rPr: string;
  /** the <w:sectPr> of the section the placeholder sits in (for page width and new sections) */
  sectPr: string;
  /** the <w:sectPr> of the section before that one ('' when it is the first) */
  previousSectPr: string;
}

/** Generated body XML: a string, or UTF-8 chunks for large content (xml-chunks.ts). */
export type BlockFn = (ctx: BlockContext) => string | Buffer[];

export interface FillValues {
  /** inline placeholders: 键 → text; null blanks the whole paragraph (抄送 with nobody to copy) */
  text: Record<string, string | null>;
  /** block placeholders: 键 → generated body XML */
  blocks?: Record<string, BlockFn>;
}

export interface FillReport {
  /** keys found and filled */
  used: string[];
  /** placeholders in the template that no value names (left in place so the clerk sees them) */
  unknown: string[];
  /** keys given but absent from the template (the clerk removed that part) */
  absent: string[];
}

export const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

interface TextSlot {
  el: XElement;
  text: string;
}

/** The <w:t> elements of a paragraph in order, not descending into nested text boxes. */
function textSlots(p: XElement): TextSlot[] {
  const slots = findAll(
    p.children,
    'w:t',
    (e) => e.name === 'w:txbxContent' || e.name === 'w:p' || e.name === 'w:delText',
  );
  return slots.map((el) => ({ el, text: textOf(el) }));
}

function setText(slot: TextSlot, text: string): void {
  slot.text = text;
  slot.el.children = [{ type: 'raw', raw: escapeXml(text) }];
  slot.el.selfClosing = false;
  if (!/xml:space=/.test(slot.el.attrs)) slot.el.attrs += ' xml:space="preserve"';
}

export function paragraphText(p: XElement): string {
  return textSlots(p)
    .map((s) => s.text)
    .join('');
}

/** Placeholder keys present in a paragraph's joined text. */
function keysIn(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1]!);
}

/**
 * Replaces inline placeholders in one paragraph. A placeholder split over runs is written
 * whole into the run it starts in; the pieces in later runs are removed.
 */
function fillInline(
  p: XElement,
  values: Record<string, string | null>,
  seen: Set<string>,
  unknown: Set<string>,
): void {
  const slots = textSlots(p);
  if (slots.length === 0) return;
  const full = slots.map((s) => s.text).join('');
  if (!full.includes('{{')) return;
  const blank = keysIn(full).filter((k) => k in values && values[k] === null);
  if (blank.length) {
    for (const k of blank) seen.add(k);
    for (const s of slots) setText(s, '');
    return;
  }
  const offsets: number[] = [];
  let o = 0;
  for (const s of slots) {
    offsets.push(o);
    o += s.text.length;
  }
  const matches = [...full.matchAll(PLACEHOLDER)];
  // last to first: earlier offsets stay valid while later text changes
  for (let k = matches.length - 1; k >= 0; k--) {
    const m = matches[k]!;
    const key = m[1]!;
    if (!(key in values)) {
      unknown.add(key);
      continue;
    }
    seen.add(key);
    const start = m.index!;
    const end = start + m[0].length;
    const i = slotAt(offsets, start);
    const j = slotAt(offsets, end - 1);
    const si = slots[i]!;
    const sj = slots[j]!;
    if (i === j) {
      setText(si, si.text.slice(0, start - offsets[i]!) + values[key] + si.text.slice(end - offsets[i]!));
    } else {
      const tail = sj.text.slice(end - offsets[j]!);
      setText(si, si.text.slice(0, start - offsets[i]!) + values[key]);
      for (let x = i + 1; x < j; x++) setText(slots[x]!, '');
      setText(sj, tail);
    }
  }
}

function slotAt(offsets: number[], pos: number): number {
  let i = 0;
  while (i + 1 < offsets.length && offsets[i + 1]! <= pos) i++;
  return i;
}

/** The run properties of the run holding the first text of the paragraph. */
function firstRunProps(p: XElement): string {
  const runs = findAll(p.children, 'w:r', (e) => e.name === 'w:txbxContent');
  for (const r of runs) {
    if (!firstChild(r, 'w:t')) continue;
    const rPr = firstChild(r, 'w:rPr');
    return rPr ? serializeNode(rPr) : '';
  }
  return '';
}

interface BlockSite {
  parent: XElement;
  index: number;
  p: XElement;
  key: string;
  sectPr: string;
  previousSectPr: string;
}

/** Fills word/document.xml (blocks and inline) and every header and footer (inline). */
export async function fillDocx(
  template: Uint8Array | Buffer,
  values: FillValues,
): Promise<{ buffer: Buffer; report: FillReport }> {
  const zip = await JSZip.loadAsync(template);
  const seen = new Set<string>();
  const unknown = new Set<string>();
  const blocks = values.blocks ?? {};
  const parts = Object.keys(zip.files).filter((n) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(n));
  if (!parts.includes('word/document.xml'))
    throw new Error('模板不是有效的 Word 文档（缺少 word/document.xml）。');
  const filled = new Map<string, Buffer[]>();
  for (const name of parts) {
    const xml = await zip.file(name)!.async('string');
    const tree = parseLosslessXml(xml);
    const isDoc = name === 'word/document.xml';
    if (isDoc) fillBlocks(tree, blocks, seen, unknown, values.text);
    for (const p of findAll(tree, 'w:p')) fillInline(p, values.text, seen, unknown);
    filled.set(name, serializeXmlParts(tree));
  }
  const given = [...Object.keys(values.text), ...Object.keys(blocks)];
  const report: FillReport = {
    used: given.filter((k) => seen.has(k)),
    unknown: [...unknown].filter((k) => !seen.has(k)),
    absent: given.filter((k) => !seen.has(k)),
  };
  // native deflate: a large bulletin's document.xml is tens of MB, too slow for JSZip's; on
  // the thread pool, so the parts compress side by side and the main thread is free
  // (the filled parts streamed through the deflater in their pieces: a 1M-record document.xml
  // is ~26 MB, not copied once more to join it)
  const packed: Promise<PackedEntry>[] = [];
  for (const f of Object.values(zip.files)) {
    if (f.dir) continue;
    const pieces = filled.get(f.name);
    packed.push(
      pieces
        ? packPartsAsync(f.name, pieces)
        : packAsync({ name: f.name, data: await f.async('nodebuffer') }),
    );
  }
  return { buffer: zipPacked(await Promise.all(packed)), report };
}

function fillBlocks(
  tree: XNode[],
  blocks: Record<string, BlockFn>,
  seen: Set<string>,
  unknown: Set<string>,
  text: Record<string, string | null>,
): void {
  const doc = tree.find((n): n is XElement => isEl(n, 'w:document'));
  const body = doc && firstChild(doc, 'w:body');
  if (!body) throw new Error('模板不是有效的 Word 文档（缺少正文）。');
  // Walk the body in order; a block's section is the next sectPr at or after it.
  const pending: BlockSite[] = [];
  const sites: BlockSite[] = [];
  let lastSect = '';
  const visit = (parent: XElement) => {
    parent.children.forEach((n, index) => {
      if (!isEl(n)) return;
      if (n.name === 'w:p') {
        const t = paragraphText(n).trim();
        const m = t.match(/^\{\{\s*([^{}]+?)\s*\}\}$/);
        if (m && m[1]! in blocks) {
          const site = { parent, index, p: n, key: m[1]!, sectPr: '', previousSectPr: lastSect };
          pending.push(site);
          sites.push(site);
        }
        const pPr = firstChild(n, 'w:pPr');
        const sp = pPr && firstChild(pPr, 'w:sectPr');
        if (sp) {
          lastSect = serializeNode(sp);
          for (const s of pending.splice(0)) s.sectPr = lastSect;
        }
      } else if (n.name === 'w:sectPr' && parent === body) {
        for (const s of pending.splice(0)) s.sectPr = serializeNode(n);
      } else if (
        n.name === 'w:tbl' ||
        n.name === 'w:tr' ||
        n.name === 'w:tc' ||
        n.name === 'w:sdt' ||
        n.name === 'w:sdtContent'
      ) {
        visit(n);
      }
    });
  };
  visit(body);
  // replace back to front so indices of earlier sites stay valid
  for (const s of sites.reverse()) {
    const pPrEl = firstChild(s.p, 'w:pPr');
    const pPrXml = pPrEl ? serializeNode(pPrEl) : '';
    const ownSect = pPrEl ? firstChild(pPrEl, 'w:sectPr') : undefined;
    const ctx: BlockContext = {
      pPr: ownSect ? dropProp(pPrXml, 'w:pPr', 'w:sectPr') : pPrXml,
      rPr: firstRunProps(s.p),
      sectPr: s.sectPr,
      previousSectPr: s.previousSectPr,
    };
    // inline placeholders inside generated text are not expanded: county text may contain {{ }}
    const made = blocks[s.key]!(ctx);
    // the placeholder paragraph ended its section: keep that section break after the content
    const tail = ownSect ? `<w:p><w:pPr>${serializeNode(ownSect)}</w:pPr></w:p>` : '';
    s.parent.children.splice(
      s.index,
      1,
      typeof made === 'string'
        ? { type: 'raw', raw: made + tail }
        : { type: 'bytes', chunks: tail ? [...made, Buffer.from(tail, 'utf8')] : made },
    );
    seen.add(s.key);
  }
  void unknown;
  void text;
}
