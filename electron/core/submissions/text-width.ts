// Display width of text in spreadsheet column units: a Chinese character is about two
// units wide, Latin letters and digits one. Used for column widths and row heights.

export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    w += c > 0x2e80 || (c >= 0xff00 && c <= 0xffef) ? 2 : 1;
  }
  return w;
}

/** Lines a text takes in a wrapped cell of the given width (column units). */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(2, width - 1.5);
  let n = 0;
  for (const line of text.split('\n')) n += Math.max(1, Math.ceil(displayWidth(line) / usable));
  return n;
}
