// word/document.xml → paragraphs in reading order: body paragraphs, table cells (hint
// inTable), content controls and text boxes; deleted revisions, field codes, hidden text
// and ruby annotations left out; automatic numbering put in front as Word shows it.
import type { Paragraph } from './types';
import { attr, child, elements, localName, elementText, type XmlElement } from './xml';
import { readRunProps, intAttr, type DocxStyleSheet, type StyleProps } from './docx-styles';
import { NumberingCounter } from './docx-numbering';
import { joinWrapped, startsWithOutlineMarker } from './text-lines';

interface Ctx {
  styles: DocxStyleSheet;
  numbering: NumberingCounter;
  out: Paragraph[];
  index: number; // w:p seen so far, in document order
  tableDepth: number;
  carry: string; // text of a paragraph whose mark was deleted: joins the next one
}

interface Piece {
  text: string;
  bold: boolean;
  size?: number;
}

export function readBody(
  document: XmlElement,
  styles: DocxStyleSheet,
  numbering: NumberingCounter,
): Paragraph[] {
  const body = child(document, 'body');
  const ctx: Ctx = { styles, numbering, out: [], index: 0, tableDepth: 0, carry: '' };
  if (body) walkBlocks(body, ctx);
  return ctx.out;
}

function walkBlocks(el: XmlElement, ctx: Ctx): void {
  for (const c of elements(el)) {
    switch (localName(c.name)) {
      case 'p':
        paragraph(c, ctx);
        break;
      case 'tbl':
        ctx.tableDepth++;
        walkBlocks(c, ctx);
        ctx.tableDepth--;
        break;
      case 'sdt':
        // a generated table of contents repeats the headings with page numbers
        if (!isTableOfContents(c)) walkBlocks(c, ctx);
        break;
      case 'tr':
      case 'tc':
      case 'sdtContent':
      case 'customXml':
      case 'ins':
      case 'moveTo':
      case 'txbxContent':
      case 'smartTag':
        walkBlocks(c, ctx);
        break;
      case 'AlternateContent': {
        const choice = child(c, 'Choice') ?? child(c, 'Fallback');
        if (choice) walkBlocks(choice, ctx);
        break;
      }
      default:
        break; // sectPr, bookmarks, deleted blocks (del, moveFrom), tblPr ...
    }
  }
}

function isTableOfContents(sdt: XmlElement): boolean {
  const gallery = attr(child(child(child(sdt, 'sdtPr'), 'docPartObj'), 'docPartGallery'), 'val') ?? '';
  return /table of contents/i.test(gallery);
}

function paragraph(p: XmlElement, ctx: Ctx): void {
  const index = ctx.index++;
  const pPr = child(p, 'pPr');
  const styleId = attr(child(pPr, 'pStyle'), 'val') ?? ctx.styles.defaultParagraphStyle;
  const style = ctx.styles.resolve(styleId);
  // a table-of-contents entry (styles "toc 1"…, also outside a content control)
  if (/^toc\s*\d/i.test(style.name ?? '')) return;
  const numPr = child(pPr, 'numPr');
  // direct numbering overrides the style's; a direct w:ilvl alone re-levels the style's list
  const directNumId = attr(child(numPr, 'numId'), 'val');
  const numId = directNumId ?? style.numId;
  const ilvl = intAttr(child(numPr, 'ilvl')) ?? (directNumId !== undefined ? 0 : style.ilvl);
  const pieces: Piece[] = [];
  const nested: XmlElement[] = [];
  inline(p, ctx, style, pieces, nested, { stack: [] });
  // the counter advances even for an empty numbered paragraph, as Word's numbers do
  const label = ctx.numbering.next(numId, ilvl, styleId);
  const raw = pieces.map((x) => x.text).join('');
  const markDeleted = child(child(pPr, 'rPr'), 'del') !== undefined;
  const text = ctx.carry + raw;
  ctx.carry = '';
  if (markDeleted) {
    ctx.carry = text;
    emitNested(nested, ctx);
    return;
  }
  const jc = attr(child(pPr, 'jc'), 'val') ?? style.jc;
  const centred = jc === 'center';
  const outline = intAttr(child(pPr, 'outlineLvl')) ?? style.outlineLevel;
  const hints: NonNullable<Paragraph['hints']> = {};
  if (centred) hints.centred = true;
  const visible = pieces.filter((x) => x.text.trim() !== '');
  if (visible.length && visible.every((x) => x.bold)) hints.bold = true;
  const size = dominantSize(visible) ?? style.size ?? ctx.styles.defaults.size;
  if (size) hints.fontSize = size / 2;
  if (outline !== undefined && outline >= 0 && outline < 9) hints.outlineLevel = outline;
  if (ctx.tableDepth > 0) hints.inTable = true;
  if (style.name && styleId !== ctx.styles.defaultParagraphStyle) hints.style = style.name; // 'Normal' tells nothing
  const parts = splitBreaks(text, centred);
  parts.forEach((part, k) => {
    let t = part;
    if (k === 0 && label !== null && t)
      t = NumberingCounter.join(label, t, ctx.numbering.suffix(numId, ilvl));
    if (t) ctx.out.push({ text: t, source: { paragraph: index }, hints: { ...hints } });
  });
  emitNested(nested, ctx);
}

/** Paragraphs of text boxes inside this paragraph come after it. */
function emitNested(nested: XmlElement[], ctx: Ctx): void {
  for (const box of nested) walkBlocks(box, ctx);
}

/** Open fields: 'code' between fldChar begin and separate (not shown), then 'result' (shown). */
interface FieldState {
  stack: ('code' | 'result')[];
}
const inCode = (f: FieldState) => f.stack.includes('code');

function inline(
  el: XmlElement,
  ctx: Ctx,
  pStyle: StyleProps,
  out: Piece[],
  nested: XmlElement[],
  field: FieldState,
): void {
  for (const c of elements(el)) {
    switch (localName(c.name)) {
      case 'r':
        run(c, ctx, pStyle, out, nested, field);
        break;
      case 'hyperlink':
      case 'ins':
      case 'moveTo':
      case 'smartTag':
      case 'customXml':
      case 'fldSimple':
      case 'sdtContent':
      case 'dir':
      case 'bdo':
        inline(c, ctx, pStyle, out, nested, field);
        break;
      case 'sdt':
        inline(c, ctx, pStyle, out, nested, field);
        break;
      case 'oMath':
      case 'oMathPara':
        out.push({ text: mathText(c), bold: false });
        break;
      default:
        break; // del, moveFrom (deleted text), pPr, bookmarks, proofErr, comments
    }
  }
}

function run(
  r: XmlElement,
  ctx: Ctx,
  pStyle: StyleProps,
  out: Piece[],
  nested: XmlElement[],
  field: FieldState,
): void {
  const rPr = child(r, 'rPr');
  const direct = readRunProps(rPr);
  const charStyle = ctx.styles.resolve(attr(child(rPr, 'rStyle'), 'val'));
  const pick = <K extends 'bold' | 'size' | 'vanish'>(k: K) =>
    direct[k] ?? charStyle[k] ?? pStyle[k] ?? ctx.styles.defaults[k as 'bold' | 'size'];
  if (pick('vanish')) return; // hidden text is not printed
  const bold = pick('bold') === true;
  const size = pick('size') as number | undefined;
  let text = '';
  for (const c of elements(r)) {
    switch (localName(c.name)) {
      case 't':
        if (!inCode(field)) text += elementText(c);
        break;
      case 'tab':
      case 'ptab':
        if (!inCode(field)) text += '\t';
        break;
      case 'br': {
        const type = attr(c, 'type');
        if (!inCode(field) && (type === undefined || type === 'textWrapping')) text += '\n';
        break;
      }
      case 'cr':
        if (!inCode(field)) text += '\n';
        break;
      case 'noBreakHyphen':
        text += '-';
        break;
      case 'sym': {
        const code = parseInt(attr(c, 'char') ?? '', 16);
        // symbol-font code points (F0xx) are glyph numbers, not characters
        if (Number.isFinite(code) && (code < 0xe000 || code > 0xf8ff)) text += String.fromCodePoint(code);
        break;
      }
      case 'fldChar': {
        const t = attr(c, 'fldCharType');
        if (t === 'begin') field.stack.push('code');
        else if (t === 'separate' && field.stack.length) field.stack[field.stack.length - 1] = 'result';
        else if (t === 'end') field.stack.pop();
        break;
      }
      case 'drawing':
      case 'pict':
      case 'object':
        collectTextBoxes(c, nested);
        break;
      case 'AlternateContent': {
        const choice = child(c, 'Choice') ?? child(c, 'Fallback');
        if (choice) collectTextBoxes(choice, nested);
        break;
      }
      case 'ruby': {
        const base = child(c, 'rubyBase');
        if (base)
          for (const rr of elements(base))
            if (localName(rr.name) === 'r') run(rr, ctx, pStyle, out, nested, field);
        break;
      }
      default:
        break; // delText, instrText, rPr, footnote references, softHyphen, lastRenderedPageBreak
    }
  }
  if (text) out.push({ text, bold, size });
}

/** Text boxes (w:txbxContent) hold paragraphs of their own. */
function collectTextBoxes(el: XmlElement, nested: XmlElement[]): void {
  for (const c of elements(el)) {
    const name = localName(c.name);
    if (name === 'txbxContent') nested.push(c);
    else if (name === 'AlternateContent') {
      const choice = child(c, 'Choice') ?? child(c, 'Fallback');
      if (choice) collectTextBoxes(choice, nested);
    } else collectTextBoxes(c, nested);
  }
}

function mathText(el: XmlElement): string {
  let s = '';
  for (const c of elements(el)) s += localName(c.name) === 't' ? elementText(c) : mathText(c);
  return s;
}

/**
 * A manual line break (Shift+Enter) inside a paragraph: in a centred title it only wraps
 * the title; elsewhere it separates what reads as two paragraphs — the next part opens
 * with an outline number, or the previous one ends a sentence or is a heading (一、总体要求)
 * — and only wraps otherwise.
 * Tabs become single spaces.
 */
function splitBreaks(text: string, centred: boolean): string[] {
  const lines = text.split('\n').map(clean);
  if (lines.length === 1) return lines;
  if (centred) return [joinWrapped(lines.filter(Boolean))];
  const out: string[] = [];
  for (const l of lines) {
    if (!l) continue;
    const prev = out[out.length - 1];
    const heading =
      prev !== undefined && startsWithOutlineMarker(prev) && prev.length <= 40 && !/[。；;！？!?]/.test(prev);
    if (prev !== undefined && !heading && !startsWithOutlineMarker(l) && !/[。：:；;！？!?]$/.test(prev))
      out[out.length - 1] = joinWrapped([prev, l]);
    else out.push(l);
  }
  return out.length ? out : [''];
}

function clean(s: string): string {
  return s.replace(/[\t\u00a0\u3000 ]+/g, ' ').trim();
}

function dominantSize(pieces: Piece[]): number | undefined {
  const votes = new Map<number, number>();
  for (const p of pieces) if (p.size) votes.set(p.size, (votes.get(p.size) ?? 0) + p.text.length);
  let best: number | undefined,
    n = 0;
  for (const [k, v] of votes)
    if (v > n) {
      best = k;
      n = v;
    }
  return best;
}
