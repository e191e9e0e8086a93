// Ingest: a file on disk → ordered paragraphs with their source places.
// Dispatches on what the bytes are (magic numbers), not only on the extension, so a
// .pdf that is really a Word file gets a clear message instead of a crash.
import path from 'node:path';
import { fatal, type Problem } from '../common/problems';
import { IngestErrorCode, type IngestOptions, type IngestResult } from './types';
import { ingestTxt } from './txt';
import { ingestPdf } from './pdf';
import { loadPdfJs } from './pdfjs-loader';
import { sniff, isEncryptedOoxml, isOfdPackage } from './sniff';
import { INPUT_LIMITS, InputErrorCode, mb, readInputFile } from './input-guard';

/** The size limit for a plan document, by what its name says it is (input-guard.ts). */
// The Word and OFD readers load only for such a file: their packages (jszip, word-extractor,
// saxes …) were a tenth of the CPU of every PDF parse in a fresh process.
const ingestDocx: typeof import('./docx').ingestDocx = async (...a) =>
  (await import('./docx')).ingestDocx(...a);
const ingestDoc: typeof import('./doc').ingestDoc = async (...a) => (await import('./doc')).ingestDoc(...a);
const ingestOfd: typeof import('./ofd/ofd').ingestOfd = async (...a) =>
  (await import('./ofd/ofd')).ingestOfd(...a);

function limitFor(file: string): number {
  const ext = path.extname(file).toLowerCase();
  if (ext === '.pdf') return INPUT_LIMITS.pdf;
  if (ext === '.ofd') return INPUT_LIMITS.ofd;
  if (ext === '.docx') return INPUT_LIMITS.docx;
  if (ext === '.doc' || ext === '.wps') return INPUT_LIMITS.doc;
  if (ext === '.txt') return INPUT_LIMITS.txt;
  return INPUT_LIMITS.any;
}

/**
 * Loads ahead what the first file would otherwise wait for: pdf.js (its modules take ~0.4 s of
 * CPU to load). The app calls it while the clerk looks at the first screen.
 */
export async function preloadReaders(): Promise<void> {
  await loadPdfJs();
}

/**
 * Reads a plan document (any format) through the common guard: a regular file only, its
 * size checked before and while reading (a folder, /dev/zero, a FIFO named .pdf are refused
 * up front). Every path that reads a plan file — parse, plan import, the app — calls this.
 */
export function readPlanFile(
  filePath: string,
  name = path.basename(filePath),
): { bytes: Uint8Array; problem: null } | { bytes: null; problem: Problem } {
  const read = readInputFile(filePath, limitFor(name));
  if (!read.bytes) {
    const p = read.problem;
    const code =
      p.code === InputErrorCode.NotFound
        ? IngestErrorCode.NotFound
        : p.code === InputErrorCode.TooLarge
          ? IngestErrorCode.TooLarge
          : p.code;
    // the name the clerk knows (an upload is stored under another)
    return {
      bytes: null,
      problem: { ...p, code, file: name, message: p.message.replaceAll(path.basename(filePath), name) },
    };
  }
  return {
    bytes: new Uint8Array(read.bytes.buffer, read.bytes.byteOffset, read.bytes.byteLength),
    problem: null,
  };
}

export async function ingestFile(filePath: string, opts: IngestOptions = {}): Promise<IngestResult> {
  const read = readPlanFile(filePath);
  if (!read.bytes) return { value: null, problems: [read.problem] };
  return ingestBytes(read.bytes, path.basename(filePath), opts);
}

export async function ingestBytes(
  bytes: Uint8Array,
  file: string,
  opts: IngestOptions = {},
): Promise<IngestResult> {
  if (bytes.length === 0) {
    return {
      value: null,
      problems: [
        fatal(IngestErrorCode.Empty, `文件“${file}”是空文件（0 字节），请确认是否保存完整。`, { file }),
      ],
    };
  }
  if (bytes.length > limitFor(file)) {
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.TooLarge,
          `文件“${file}”过大（${mb(bytes.length)}），超过此类文件 ${mb(limitFor(file))} 的上限，已拒绝读取。`,
          { file },
        ),
      ],
    };
  }
  const ext = path.extname(file).toLowerCase();
  const kind = sniff(bytes);
  if (kind === 'ole' && isEncryptedOoxml(bytes)) {
    // Word and WPS save a password-protected .docx as an OLE container holding
    // EncryptionInfo + EncryptedPackage: it is not a legacy file, it needs the password
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.Encrypted,
          `文件“${file}”设置了打开密码（加密的 Office 文档），无法读取。请在 Word 或 WPS 中输入密码打开，取消密码后另存为 .docx 再导入。`,
          { file },
        ),
      ],
    };
  }
  // an OFD is a zip whose root holds OFD.xml (GB/T 33190 §7.1), whatever it is named
  if (kind === 'zip' && isOfdPackage(bytes)) return ingestOfd(bytes, file, opts);
  if (ext === '.ofd') return wrongType(file, 'OFD', kind);
  // a Word 2007+ file saved under an old name (.doc) still reads as DOCX
  if ((ext === '.doc' || ext === '.wps') && kind === 'zip') return ingestDocx(bytes, file);
  // legacy Word / WPS 文字 (an OLE container): read with the legacy reader
  // (also a .doc renamed to .docx, which clerks do to get past upload filters)
  if (kind === 'ole' && (ext === '.doc' || ext === '.wps' || ext === '.docx')) return ingestDoc(bytes, file);
  if (ext === '.doc' || ext === '.wps') return wrongType(file, ext === '.wps' ? 'WPS 文字' : 'Word', kind);
  const expected = ext === '.pdf' ? 'pdf' : ext === '.docx' ? 'zip' : ext === '.txt' ? 'text' : null;
  if (expected === null) {
    return {
      value: null,
      problems: [
        fatal(
          IngestErrorCode.Unsupported,
          `不支持的文件类型“${ext || '无扩展名'}”（文件“${file}”）。请导入 PDF、OFD、DOCX、DOC、WPS 或 TXT 文件。`,
          { file },
        ),
      ],
    };
  }
  if (expected === 'pdf' && kind !== 'pdf') return wrongType(file, 'PDF', kind);
  if (expected === 'zip' && kind !== 'zip') return wrongType(file, 'DOCX', kind);
  if (expected === 'text' && (kind === 'pdf' || kind === 'zip' || kind === 'binary'))
    return wrongType(file, '文本', kind);
  if (expected === 'pdf') return ingestPdf(bytes, file, opts);
  if (expected === 'zip') return ingestDocx(bytes, file);
  return ingestTxt(bytes, file);
}

function wrongType(file: string, want: string, got: string): IngestResult {
  const what: Record<string, string> = {
    pdf: 'PDF 文件',
    zip: 'ZIP/Office 文件',
    ole: '旧版 Office 文件',
    text: '纯文本',
    binary: '二进制数据',
  };
  return {
    value: null,
    problems: [
      fatal(
        IngestErrorCode.WrongType,
        `文件“${file}”的扩展名表示${want}，但内容实际是${what[got] ?? '未知格式'}。请确认文件类型或重新导出。`,
        { file },
      ),
    ],
  };
}
