// Page furniture: page numbers (— 3 —) and running headers/footers repeated on every page.
// They sit at the top or bottom of a page and would otherwise land mid-sentence in the
// paragraph that crosses the page break.
import { isPageNumberLine } from './text-lines';
import type { PdfLine } from './pdf-lines';

const EDGE = 2; // how many lines at each end of a page can be furniture

/** Removes furniture lines; `pages` holds each page's lines top to bottom. */
export function dropFurniture(pages: PdfLine[][]): PdfLine[][] {
  const top = repeated(pages, (p) => p.slice(0, EDGE));
  const bottom = repeated(pages, (p) => p.slice(-EDGE));
  return pages.map((lines) =>
    lines.filter((l, i) => {
      const atTop = i < EDGE,
        atBottom = i >= lines.length - EDGE;
      if (!atTop && !atBottom) return true;
      if (isPageNumberLine(l.text)) return false;
      const k = key(l.text);
      return !((atTop && top.has(k)) || (atBottom && bottom.has(k)));
    }),
  );
}

/**
 * Texts found at the same end of many pages: a running header such as 「开封市人民政府
 * 办公室文件」 or 「第 3 页 共 40 页」. Digits are masked so changing page numbers match.
 */
function repeated(pages: PdfLine[][], pick: (p: PdfLine[]) => PdfLine[]): Set<string> {
  const counts = new Map<string, number>();
  for (const p of pages) {
    for (const k of new Set(pick(p).map((l) => key(l.text)))) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  // on a two-page document both pages must agree; on longer ones two in five suffice
  const need = pages.length <= 2 ? 2 : Math.max(3, Math.ceil(pages.length * 0.4));
  return new Set([...counts].filter(([k, n]) => n >= need && k.length > 0).map(([k]) => k));
}

const key = (t: string) => t.replace(/\s+/g, '').replace(/\d+/g, '#');
