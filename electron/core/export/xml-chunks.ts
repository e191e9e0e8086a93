// Generated markup collected as UTF-8 chunks. A 1M-record bulletin's 附件 is ~26 MB of XML
// made of ~1.5 million small strings: grown as one string, V8 keeps every piece alive as a
// rope node until the whole is encoded, and each garbage collection on the way copies them.
// Encoded a chunk at a time, the pieces die young and only compact bytes are kept.

/** Where markup is written, piece by piece, in document order. */
export interface XmlSink {
  add(xml: string): void;
}

/** Pieces joined into one string (small fragments: a body table, a 催办单). */
export class StringSink implements XmlSink {
  text = '';
  add(xml: string): void {
    this.text += xml;
  }
}

/**
 * Characters per chunk: small enough that the flattened chunk stays in V8's young
 * generation (objects over 128 KB go to large-object space), large enough that the chunks
 * are few (~400 for a 26 MB part).
 */
const CHUNK_CHARS = 1 << 15;

/** Pieces encoded to UTF-8 as they accumulate (the bulletin's 附件). */
export class ChunkSink implements XmlSink {
  private pending = '';
  private readonly chunks: Buffer[] = [];

  add(xml: string): void {
    this.pending += xml;
    if (this.pending.length >= CHUNK_CHARS) this.flush();
  }

  private flush(): void {
    if (this.pending) this.chunks.push(Buffer.from(this.pending, 'utf8'));
    this.pending = '';
  }

  /** The bytes written so far, in order (the sink is empty afterwards). */
  take(): Buffer[] {
    this.flush();
    return this.chunks.splice(0);
  }
}
