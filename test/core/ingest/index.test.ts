// Ingest dispatch: what the bytes are decides the reader, and every wrong file gets its
// own code and a Chinese message naming it.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestFile } from '../../../electron/core/ingest/index';
import { isEncryptedOoxml, sniff } from '../../../electron/core/ingest/sniff';
import { encryptedDocx, legacyDoc } from './make-ole';
import { makePdf } from './make-pdf';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-ingest-'));
const write = (name: string, bytes: Uint8Array | string) => {
  const f = path.join(tmp, name);
  writeFileSync(f, bytes);
  return f;
};

async function problem(file: string) {
  const r = await ingestFile(file);
  expect(r.value).toBeNull();
  expect(r.problems).toHaveLength(1);
  expect(r.problems[0]!.message).toContain(`“${path.basename(file)}”`);
  return r.problems[0]!;
}

describe('ingest dispatch', () => {
  it('sniffs OLE containers apart: encrypted OOXML vs legacy Word', () => {
    expect(sniff(encryptedDocx())).toBe('ole');
    expect(isEncryptedOoxml(encryptedDocx())).toBe(true);
    expect(isEncryptedOoxml(legacyDoc())).toBe(false);
  });

  it('an encrypted Office file is reported as password-protected whatever its extension', async () => {
    expect((await problem(write('方案.doc', encryptedDocx()))).code).toBe('INGEST_ENCRYPTED');
    expect((await problem(write('方案.docx', encryptedDocx()))).code).toBe('INGEST_ENCRYPTED');
  });

  it('a missing file, an unsupported extension, a .wps file', async () => {
    expect((await problem(path.join(tmp, '不存在.pdf'))).code).toBe('INGEST_NOT_FOUND');
    expect((await problem(write('表格.xlsx', 'abc'))).code).toBe('INGEST_UNSUPPORTED');
    expect((await problem(write('文件.wps', legacyDoc()))).code).toBe('INGEST_LEGACY');
  });

  it('a PDF named .txt is the wrong type', async () => {
    const p = await problem(write('方案.txt', makePdf([{ runs: [{ x: 100, y: 700, text: '正文' }] }])));
    expect(p.code).toBe('INGEST_WRONG_TYPE');
    expect(p.message).toContain('PDF');
  });
});
