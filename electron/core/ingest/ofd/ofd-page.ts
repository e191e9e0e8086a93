// One OFD page's content (GB/T 33190 §9–§10): its layers and those of the templates it
// uses, PageBlocks nested to any depth, text objects and image objects, each placed on
// the page through the transforms of the blocks around it.
import { attr, childrenNamed, child, elements, localName, elementText, type XmlElement } from '../xml';
import type { PdfItem } from '../pdf-lines';
import { expandDeltas, IDENTITY, numbers, textItems, type Matrix, type TextCode } from './ofd-text';

/** An image object on a page: the media it shows and where (mm, page frame). */
export interface PlacedImage {
  resourceId: string;
  box: { x: number; y: number; w: number; h: number };
}

export interface PageContent {
  items: PdfItem[];
  images: PlacedImage[];
}

const MAX_DEPTH = 32; // PageBlocks nested deeper than this are not a real layout

export function readContent(page: XmlElement, pageHeightMm: number, into: PageContent): void {
  const content = child(page, 'Content');
  for (const layer of childrenNamed(content, 'Layer')) walk(layer, IDENTITY, pageHeightMm, into, 0);
}

function walk(block: XmlElement, m: Matrix, pageH: number, into: PageContent, depth: number): void {
  if (depth > MAX_DEPTH) return;
  for (const el of elements(block)) {
    switch (localName(el.name)) {
      case 'TextObject':
        into.items.push(...textItems(textObject(el), m, pageH));
        break;
      case 'ImageObject': {
        const id = attr(el, 'ResourceID');
        const [x = 0, y = 0, w = 0, h = 0] = numbers(attr(el, 'Boundary'));
        // a PageBlock is only a group (no transform of its own): Boundary is on the page
        if (id && w > 0 && h > 0) into.images.push({ resourceId: id, box: { x, y, w, h } });
        break;
      }
      case 'PageBlock':
        walk(el, m, pageH, into, depth + 1);
        break;
      case 'CompositeObject':
        break; // a vector graphic unit (logos, seals drawn as paths): no text
      default:
        break;
    }
  }
}

function textObject(el: XmlElement) {
  const ctm = numbers(attr(el, 'CTM'));
  const codes: TextCode[] = childrenNamed(el, 'TextCode').map((c) => ({
    text: elementText(c),
    x: optNumber(attr(c, 'X')),
    y: optNumber(attr(c, 'Y')),
    deltaX: expandDeltas(attr(c, 'DeltaX')),
    deltaY: expandDeltas(attr(c, 'DeltaY')),
  }));
  return {
    boundary: numbers(attr(el, 'Boundary')),
    ctm: (ctm.length === 6 ? ctm : IDENTITY) as Matrix,
    size: Number(attr(el, 'Size')) || 3.5, // §11.1: Size is required; 3.5 mm ≈ 10 pt when a producer omits it
    hscale: Number(attr(el, 'HScale')) || 1,
    font: `ofd:${attr(el, 'Font') ?? ''}`,
    codes,
  };
}

function optNumber(s: string | undefined): number | undefined {
  if (s === undefined || s.trim() === '') return undefined;
  const n = Number(s);
  return Number.isFinite(n) ? n : undefined;
}
