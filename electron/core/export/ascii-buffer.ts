// Markup that is plain ASCII written as bytes into one reused buffer. A worksheet's rows are
// ASCII only (cell references, style ids, shared-string indices, numbers): written byte by
// byte, no string is built per cell and row, so the garbage collector has nothing to copy
// (building and encoding the row strings was most of a 1M-record workbook's render time).

export class AsciiBuffer {
  bytes: Buffer;
  at = 0;

  constructor(size: number) {
    this.bytes = Buffer.allocUnsafe(size);
  }

  /** Makes room for `n` more bytes (the contents are kept). */
  room(n: number): void {
    if (this.at + n <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.at + n));
    grown.set(this.bytes.subarray(0, this.at));
    this.bytes = grown;
  }

  /** ASCII text only: each UTF-16 code unit becomes one byte. */
  text(s: string): void {
    const n = s.length;
    this.room(n);
    const b = this.bytes;
    let at = this.at;
    for (let i = 0; i < n; i++) b[at++] = s.charCodeAt(i);
    this.at = at;
  }

  /** Bytes already ASCII, the first `n` of `src`; the caller made room (room()). */
  copy(src: Uint8Array, n = src.length): void {
    const b = this.bytes;
    let at = this.at;
    for (let i = 0; i < n; i++) b[at++] = src[i]!;
    this.at = at;
  }

  /** A number as String(v) writes it; whole numbers without building the string. */
  num(v: number): void {
    if (!Number.isSafeInteger(v) || v < 0) return this.text(String(v));
    // 2^53 has 16 digits
    this.room(16);
    const b = this.bytes;
    let end = this.at;
    for (let x = v; x >= 10; x = Math.floor(x / 10)) end++;
    this.at = end + 1;
    for (let x = v; ; x = Math.floor(x / 10)) {
      b[end--] = 48 + (x % 10);
      if (x < 10) break;
    }
  }
}
