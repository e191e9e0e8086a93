// Text decoding for files from Chinese offices: UTF-8 (with or without BOM), UTF-16
// (with BOM, or without it when every other byte is zero) and GB18030, the superset of
// GBK/GB2312 that Windows Notepad and WPS save by default on Chinese systems. One module for
// plan TXT files, county CSV files and the clerk's 下步工作要求 text; pure (TextDecoder is in
// every browser), so the renderer may import it too.

export interface Decoded {
  text: string;
  encoding: string;
  /** UTF-16 of an odd number of bytes: the last byte (half a character) was left out */
  oddByte?: boolean;
}

/** UTF-16 from `from`: a trailing odd byte is half a character (a cut file) — left out, and said. */
function utf16(b: Uint8Array, from: number, encoding: 'utf-16le' | 'utf-16be'): Decoded {
  const odd = (b.length - from) % 2 === 1;
  const text = new TextDecoder(encoding).decode(b.subarray(from, odd ? b.length - 1 : b.length));
  return odd ? { text, encoding, oddByte: true } : { text, encoding };
}

/** The text and the encoding it was in; null when it is neither UTF-8/16 nor GB18030. */
export function detectAndDecode(b: Uint8Array): Decoded | null {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf)
    return { text: new TextDecoder('utf-8').decode(b.subarray(3)), encoding: 'utf-8-bom' };
  if (b[0] === 0xff && b[1] === 0xfe) return utf16(b, 2, 'utf-16le');
  if (b[0] === 0xfe && b[1] === 0xff) return utf16(b, 2, 'utf-16be');
  const n = Math.min(b.length, 4096);
  let evenZeros = 0,
    oddZeros = 0;
  for (let i = 0; i < n; i++)
    if (b[i] === 0) {
      if (i % 2) oddZeros++;
      else evenZeros++;
    }
  if (oddZeros > n / 8 && evenZeros < n / 50) return utf16(b, 0, 'utf-16le');
  if (evenZeros > n / 8 && oddZeros < n / 50) return utf16(b, 0, 'utf-16be');
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(b), encoding: 'utf-8' };
  } catch {
    /* not UTF-8: try the Chinese national encoding */
  }
  try {
    const text = new TextDecoder('gb18030', { fatal: true }).decode(b);
    return { text, encoding: 'gb18030' };
  } catch {
    return null;
  }
}

/**
 * Text a clerk saved, always readable: as detectAndDecode, and where no encoding fits whole,
 * GB18030 with U+FFFD for the bytes that do not decode (the clerk sees the text and fixes it).
 */
export function decodeLeniently(b: Uint8Array): string {
  return detectAndDecode(b)?.text ?? new TextDecoder('gb18030').decode(b);
}
