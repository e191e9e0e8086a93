// Small helpers shared by the line-based readers (TXT, PDF).

/** Display width in half-width units: CJK characters and full-width punctuation count 2. */
export function visualWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (
      c >= 0x2e80 ||
      (c >= 0x2010 && c <= 0x2027) ||
      (c >= 0x3000 && c <= 0x303f) ||
      (c >= 0xff00 && c <= 0xffef)
    )
      w += 2;
    else w += 1;
  }
  return w;
}

/** Page furniture: `— 10 —`, `- 3 -`, `第 3 页`, `3/40`, a bare number. */
export function isPageNumberLine(t: string): boolean {
  const s = t.replace(/\s+/g, '');
  return (
    /^[—–\-－_]*\d{1,4}[—–\-－_]*$/.test(s) ||
    /^第\d{1,4}页(共\d{1,4}页)?$/.test(s) ||
    /^\d{1,4}\/\d{1,4}$/.test(s)
  );
}

/** Lines that always begin a paragraph: outline numbers 一、 （一） 1. （1）. */
export function startsWithOutlineMarker(t: string): boolean {
  return /^(?:[一二三四五六七八九十]{1,3}、|[（(][一二三四五六七八九十]{1,3}[）)]|\d{1,3}[.．、](?!\d)|[（(]\d{1,3}[）)])/.test(
    t,
  );
}

/** Joins wrapped lines: no space between CJK, one space between two Latin words. */
export function joinWrapped(parts: string[]): string {
  let s = '';
  for (const p of parts) {
    if (s && /[A-Za-z0-9]$/.test(s) && /^[A-Za-z]/.test(p)) s += ' ';
    s += p;
  }
  return s;
}
