// Display width of text in spreadsheet column units: a Chinese character (and a full-width
// form) is about two units wide, Latin letters and digits one. Column widths and row heights
// of every workbook we write (the county 报送表 and the ledger workbook) use this one rule, so
// a row is as tall in one as in the other. Pure: the renderer may import it.

/** Width of one UTF-16 unit; the low half of a surrogate pair adds nothing (the pair is 2). */
function unitWidth(ch: number): number {
  if (ch >= 0xdc00 && ch <= 0xdfff) return 0;
  return ch > 0x2e80 ? 2 : 1;
}

/**
 * Lines a text takes in a wrapped cell `width` units wide. Runs for every cell of a large
 * ledger, so a plain char-code loop with a fast path for short one-line texts.
 */
export function wrappedLines(text: string, width: number): number {
  const usable = Math.max(2, width - 1.5);
  if (text.length * 2 <= usable && !text.includes('\n')) return 1;
  let lines = 0;
  let w = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10) {
      lines += Math.max(1, Math.ceil(w / usable));
      w = 0;
    } else w += unitWidth(ch);
  }
  return lines + Math.max(1, Math.ceil(w / usable));
}
