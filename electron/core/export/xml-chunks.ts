// Generated markup collected as UTF-8 bytes. A 1M-record bulletin's 附件 is ~26 MB of XML
// made of ~1.5 million small strings: grown as one string, V8 keeps every piece alive as a
// rope node until the whole is encoded, and each garbage collection on the way copies them.
// Written into byte blocks as it is made, the pieces die young and only bytes are kept; the
// markup repeated in every cell (its properties, ~85% of the bytes) is encoded once and
// copied.

/** Where markup is written, piece by piece, in document order. */
export interface XmlSink {
  add(xml: string): void;
  /** markup written many times over (a cell's properties): the same string each time */
  fixed(xml: string): void;
}

/** Pieces joined into one string (small fragments: a body table, a 催办单). */
export class StringSink implements XmlSink {
  text = '';
  add(xml: string): void {
    this.text += xml;
  }
  fixed(xml: string): void {
    this.text += xml;
  }
}

/** Bytes per block: ~26 blocks for the 1M-record bulletin's 附件. */
const BLOCK = 1 << 20;

/** Pieces encoded to UTF-8 into byte blocks (the bulletin's 附件). */
export class ChunkSink implements XmlSink {
  private block = Buffer.allocUnsafe(BLOCK);
  private at = 0;
  private readonly blocks: Buffer[] = [];
  private readonly encoded = new Map<string, Buffer>();

  /** Makes room for `bytes` more in the current block. */
  private room(bytes: number): void {
    if (this.at + bytes <= this.block.length) return;
    if (this.at) this.blocks.push(this.block.subarray(0, this.at));
    this.block = Buffer.allocUnsafe(Math.max(BLOCK, bytes));
    this.at = 0;
  }

  add(xml: string): void {
    // a UTF-16 code unit is at most 3 bytes of UTF-8 (a surrogate pair, 2 units, is 4)
    this.room(xml.length * 3);
    this.at += this.block.write(xml, this.at);
  }

  fixed(xml: string): void {
    let bytes = this.encoded.get(xml);
    if (!bytes) this.encoded.set(xml, (bytes = Buffer.from(xml, 'utf8')));
    this.room(bytes.length);
    this.block.set(bytes, this.at);
    this.at += bytes.length;
  }

  /** The bytes written so far, in order (the sink is empty afterwards). */
  take(): Buffer[] {
    if (this.at) this.blocks.push(this.block.subarray(0, this.at));
    this.block = Buffer.allocUnsafe(BLOCK);
    this.at = 0;
    return this.blocks.splice(0);
  }
}
