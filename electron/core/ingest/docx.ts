import { fatal } from '../common/problems';
import { IngestErrorCode, type IngestResult } from './types';

// Placeholder until the DOCX reader lands (being written in parallel): reports clearly.
export async function ingestDocx(_bytes: Uint8Array, file: string): Promise<IngestResult> {
  return { value: null, problems: [fatal(IngestErrorCode.Unsupported, `暂不支持读取 DOCX 文件“${file}”。`, { file })] };
}
