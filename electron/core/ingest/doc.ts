// Legacy Word reader: .doc (Word 97–2003) and .wps (WPS 文字 2005 and later save the same
// Word binary format in an OLE container, with a WordDocument stream). Government sites still
// publish many plans this way. word-extractor (maintained, MIT, pure JS) reads the text
// stream; its paragraphs go through the same parse as DOCX paragraphs.
// Legacy files carry no reliable layout hints for us, and Word's automatic list numbers are
// not in the text stream: plans typed with their numbers (一、 （一） 1.) read completely.
import WordExtractor from 'word-extractor';
import { fatal } from '../common/problems';
import { IngestErrorCode, type IngestResult, type Paragraph } from './types';

export async function ingestDoc(bytes: Uint8Array, file: string): Promise<IngestResult> {
  let body: string;
  try {
    const doc = await new WordExtractor().extract(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
    );
    // filterUnicode: false keeps the document's own quotes (“两个标准”), not ASCII stand-ins
    body = doc.getBody({ filterUnicode: false });
  } catch {
    // an OLE file without a Word text stream: a Works .wps, an old WPS 2000 file, or damage
    const wps = /\.wps$/i.test(file);
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.LegacyFormat,
          wps
            ? `文件“${file}”不是可读取的 WPS 文字文件（可能是 WPS 2000 及更早版本或 Microsoft Works 格式），无法读取。请在 WPS 中打开，另存为 .docx 后再导入。`
            : `文件“${file}”不是完整的 Word 97–2003 文档（.doc），可能已损坏，无法读取。请在 Word 或 WPS 中打开，另存为 .docx 后再导入。`,
          { file },
        ),
      ],
    };
  }
  const paragraphs = splitParagraphs(body);
  if (paragraphs.length === 0) {
    return {
      value: null,
      problems: [fatal(IngestErrorCode.Empty, `文件“${file}”没有可读的文字内容。`, { file })],
    };
  }
  return { value: { file, format: 'doc', paragraphs }, problems: [] };
}

/**
 * The text stream ends each paragraph with a paragraph mark (rendered as a newline); table
 * cells end with a cell mark (a tab here) and rows with a newline. Blank paragraphs are
 * spacing, not content.
 */
export function splitParagraphs(body: string): Paragraph[] {
  const out: Paragraph[] = [];
  body.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const cells = raw.split('\t').map((c) => c.replace(/^[\s\u3000\u00a0]+|[\s\u3000\u00a0]+$/gu, ''));
    const inTable = cells.filter(Boolean).length > 1;
    for (const text of inTable ? cells : [cells.join(' ')]) {
      if (!text) continue;
      out.push({ text, source: { paragraph: i }, ...(inTable ? { hints: { inTable: true } } : {}) });
    }
  });
  return out;
}
