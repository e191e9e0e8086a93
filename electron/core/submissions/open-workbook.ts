// Opens a returned workbook safely: what the bytes are (not the extension), a zip check
// before exceljs, and exceljs' own crashes on files from other tools turned into a message.
// Legacy .xls/.et, HTML tables saved as .xls and CSV go through legacy-workbook.ts into the
// same in-memory workbook, so every format is read by one mapping.
// Every refusal names the file and tells the clerk what to do, in Chinese.
import path from 'node:path';
import ExcelJS from 'exceljs';
import { fatal, type Result } from '../common/problems';
import { sniff } from '../ingest/sniff';
import { checkXlsxZip } from './zip-guard';
import { openCsvWorkbook, openLegacyWorkbook, type WorkbookFormat } from './legacy-workbook';
import { INPUT_LIMITS, InputErrorCode, readInputFile } from '../ingest/input-guard';

export const SubmissionErrorCode = {
  NotFound: 'SUBMISSION_NOT_FOUND',
  Empty: 'SUBMISSION_EMPTY',
  NotWorkbook: 'SUBMISSION_NOT_WORKBOOK',
  Truncated: 'SUBMISSION_TRUNCATED',
  Encrypted: 'SUBMISSION_ENCRYPTED',
  ZipBomb: 'SUBMISSION_ZIP_BOMB',
  TooLarge: 'SUBMISSION_TOO_LARGE',
  Unreadable: 'SUBMISSION_UNREADABLE',
} as const;

export const MAX_FILE_BYTES = INPUT_LIMITS.xlsx;

/**
 * Sheet parts we never read. exceljs expands a data validation's range cell by cell: a
 * drop-down a clerk put on a whole column (F1:F1048576, common in WPS) costs ~4 s and
 * ~130 MB per column. Formatting, drawings and links add nothing to the values either.
 */
const IGNORED_NODES = [
  'dataValidations',
  'conditionalFormatting',
  'extLst',
  'drawing',
  'picture',
  'legacyDrawing',
  'hyperlinks',
  'rowBreaks',
  'tableParts',
];

export interface OpenedWorkbook {
  workbook: ExcelJS.Workbook;
  bytes: Buffer;
  format: WorkbookFormat;
}

export async function openWorkbookFile(filePath: string): Promise<Result<OpenedWorkbook>> {
  const file = path.basename(filePath);
  // a regular file within the size limit, the limit enforced while reading (input-guard.ts)
  const read = readInputFile(filePath, MAX_FILE_BYTES);
  if (!read.bytes) {
    const p = read.problem;
    if (p.code === InputErrorCode.NotFound)
      return refuse<OpenedWorkbook>(SubmissionErrorCode.NotFound, p.message, file);
    if (p.code === InputErrorCode.TooLarge)
      return refuse<OpenedWorkbook>(
        SubmissionErrorCode.TooLarge,
        `${p.message}报送表不应超过 ${MAX_FILE_BYTES / 1048576} MB，请删除无关工作表或图片后再导入。`,
        file,
      );
    return refuse<OpenedWorkbook>(SubmissionErrorCode.Unreadable, p.message, file);
  }
  const bytes = read.bytes;
  const opened = await openAnyWorkbook(bytes, file);
  return opened.value
    ? { value: { ...opened.value, bytes }, problems: opened.problems }
    : { value: null, problems: opened.problems };
}

/** The workbook in any format a county sends, and which format it was. */
export async function openAnyWorkbook(
  bytes: Buffer,
  file: string,
): Promise<Result<{ workbook: ExcelJS.Workbook; format: WorkbookFormat }>> {
  const kind = bytes.length ? sniff(bytes) : 'binary';
  let format: WorkbookFormat = 'xlsx';
  let r: Result<ExcelJS.Workbook>;
  if (kind === 'ole' && !isEncryptedOle(bytes) && !hasUtf16(bytes, 'WordDocument')) {
    format = 'xls';
    r = await openLegacyWorkbook(bytes, file, 'xls');
  } else if (kind === 'text') {
    const head = Buffer.from(bytes.subarray(0, 4096)).toString('latin1').trimStart().toLowerCase();
    // HTML tables and SpreadsheetML 2003 that other systems save with an .xls name
    if (head.startsWith('<') && /<table|urn:schemas-microsoft-com:office:spreadsheet/.test(head)) {
      format = 'html';
      r = await openLegacyWorkbook(bytes, file, 'html');
    } else {
      format = 'csv';
      r = openCsvWorkbook(bytes, file);
    }
  } else r = await openWorkbookBytes(bytes, file);
  return r.value
    ? { value: { workbook: r.value, format }, problems: r.problems }
    : { value: null, problems: r.problems };
}

function isEncryptedOle(bytes: Buffer): boolean {
  return hasUtf16(bytes, 'EncryptionInfo') || hasUtf16(bytes, 'EncryptedPackage');
}

async function openWorkbookBytes(bytes: Buffer, file: string): Promise<Result<ExcelJS.Workbook>> {
  if (bytes.length === 0)
    return refuse(SubmissionErrorCode.Empty, `文件“${file}”是空文件（0 字节），请确认是否保存完整。`, file);
  const kind = sniff(bytes);
  if (kind === 'ole') {
    // OLE compound file: either an Office file encrypted with a password (its streams are
    // named EncryptionInfo/EncryptedPackage) or a legacy .xls/.et workbook
    if (isEncryptedOle(bytes)) {
      return refuse(
        SubmissionErrorCode.Encrypted,
        `文件“${file}”设置了打开密码，无法读取。请在 Excel/WPS 中打开，在“文件—信息—保护工作簿”（或“文件—文档加密”）中清除密码后另存，再导入。`,
        file,
      );
    }
    if (hasUtf16(bytes, 'WordDocument'))
      return refuse(
        SubmissionErrorCode.NotWorkbook,
        `文件“${file}”是旧版 Word 文档（.doc），不是 Excel 工作簿。请导入县区报回的报送表。`,
        file,
      );
    return openLegacyWorkbook(bytes, file, 'xls');
  }
  if (kind !== 'zip') {
    const what = kind === 'pdf' ? 'PDF 文件' : kind === 'text' ? '文本文件' : '未知格式的数据';
    return refuse(
      SubmissionErrorCode.NotWorkbook,
      `文件“${file}”不是 Excel 工作簿（内容实际是${what}）。请导入县区报回的 .xlsx 报送表。`,
      file,
    );
  }
  const verdict = checkXlsxZip(bytes);
  if (!verdict.ok) {
    switch (verdict.reason) {
      case 'truncated':
        return refuse(
          SubmissionErrorCode.Truncated,
          `文件“${file}”不完整或已损坏（${verdict.detail}），可能是传输或拷贝中断。请让县区重新发送，或在 Excel/WPS 中打开后另存再导入。`,
          file,
        );
      case 'bomb':
        return refuse(
          SubmissionErrorCode.ZipBomb,
          `文件“${file}”的压缩内容异常（${verdict.detail}），为保护电脑已拒绝读取。请让县区重新导出报送表。`,
          file,
        );
      case 'too_large':
        return refuse(
          SubmissionErrorCode.TooLarge,
          `文件“${file}”内容过大（${verdict.detail}），不像一份报送表。请删除多余的行和工作表后再导入。`,
          file,
        );
      case 'encrypted':
        return refuse(
          SubmissionErrorCode.Encrypted,
          `文件“${file}”已加密（${verdict.detail}），请清除密码后另存再导入。`,
          file,
        );
      case 'docx':
        return refuse(
          SubmissionErrorCode.NotWorkbook,
          `文件“${file}”是 Word 文档，不是 Excel 工作簿。请导入 .xlsx 报送表。`,
          file,
        );
      default:
        return refuse(
          SubmissionErrorCode.NotWorkbook,
          `文件“${file}”不是 Excel 工作簿（${verdict.detail}）。请导入 .xlsx 报送表。`,
          file,
        );
    }
  }
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer, { ignoreNodes: IGNORED_NODES });
  } catch (e) {
    // files written by other tools crash the reader ("Cannot read 'sheets'"): ask for 另存为
    return refuse(
      SubmissionErrorCode.Unreadable,
      `文件“${file}”无法读取（${e instanceof Error ? e.message.slice(0, 80) : '未知错误'}）。可能由其他软件生成或已损坏，请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入。`,
      file,
    );
  }
  return { value: wb, problems: [] };
}

function hasUtf16(bytes: Uint8Array, s: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(s, 'utf16le'));
}

function refuse<T = ExcelJS.Workbook>(code: string, message: string, file: string): Result<T> {
  return { value: null, problems: [fatal(code, message, { file })] };
}
