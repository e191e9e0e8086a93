// The page count a PDF's page tree declares, read from the raw bytes before pdf.js is
// loaded: a page tree whose nodes claim millions of pages (a DAG whose Kids all point to the
// same node, or a /Count of 2e9) is refused in milliseconds, without pdf.js walking it.
// Only page-tree nodes written as plain objects are seen (inside a compressed object stream
// they are not); for those, pdf.js's own count is checked after opening (pdf.ts).

const COUNT = Buffer.from('/Count', 'latin1');
/** How far back from a /Count the dictionary that holds it may start (page-tree nodes are short). */
const LOOK_BACK = 4096;

/**
 * The largest /Count of a /Type /Pages node in the file's plain objects, or 0 when none is
 * readable. Outline items (/Type /Outlines or no type) also carry /Count: they are skipped.
 */
export function largestPageTreeCount(bytes: Uint8Array): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let largest = 0;
  for (let at = b.indexOf(COUNT); at >= 0; at = b.indexOf(COUNT, at + COUNT.length)) {
    let i = at + COUNT.length;
    while (i < b.length && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x0d || b[i] === 0x09)) i++;
    let j = i;
    while (j < b.length && j - i < 16 && b[j]! >= 0x30 && b[j]! <= 0x39) j++;
    if (j === i) continue;
    const n = Number(b.toString('latin1', i, j));
    if (n <= largest) continue;
    // the dictionary around it: from the last `obj` (or `<<` run) before, to `>>` or `endobj` after
    const from = Math.max(0, b.lastIndexOf('obj', at, 'latin1'), at - LOOK_BACK);
    const endObj = b.indexOf('endobj', at, 'latin1');
    const to = endObj < 0 ? Math.min(b.length, at + LOOK_BACK) : Math.min(endObj, at + LOOK_BACK);
    const dict = b.toString('latin1', from, to);
    if (/\/Type\s*\/Pages(?![A-Za-z])/.test(dict)) largest = n;
  }
  return largest;
}
