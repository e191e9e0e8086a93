// Hostile plan documents, each read by `parse` in one child process under a 512 MB heap cap
// and a per-case time limit (capped-run.ts): every one must be refused up front or at a limit
// — a Chinese message naming the file and the limit, a non-zero exit — never a memory blow-up
// or a hang. Each case prints its message (the limit it hit). Inputs are generated here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dagPdf, docxParts, entry, repeatedEntry, zipRaw } from '../../helpers/bad-inputs';
import { runCappedBatch, type CaseResult } from '../../helpers/capped-run';

const RSS_BOUND_MB = 900;
const posix = process.platform !== 'win32';
let dir: string;
let results: Map<string, CaseResult>;

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'adversarial-ingest-'));
  const files: Record<string, string> = {};
  const put = (name: string, data: Buffer | string) => {
    const f = path.join(dir, name);
    writeFileSync(f, data);
    files[name] = f;
  };
  put(
    '膨胀.docx',
    zipRaw(
      docxParts(
        await repeatedEntry(
          'word/document.xml',
          '<?xml version="1.0"?><w:document xmlns:w="w"><w:body>',
          '<w:p><w:r><w:t>一、加强大气污染防治</w:t></w:r></w:p>',
          (250 * 1024 * 1024) / 50,
          '</w:body></w:document>',
        ),
      ),
    ),
  );
  const lying = await repeatedEntry(
    'word/document.xml',
    '<w:document><w:body>',
    '<w:p/>',
    10_000_000,
    '</w:body></w:document>',
  );
  put('谎报.docx', zipRaw(docxParts({ ...lying, size: 1024 })));
  put(
    '元素.docx',
    zipRaw(
      docxParts(
        await repeatedEntry(
          'word/document.xml',
          '<w:document><w:body>',
          '<w:p\t/>',
          600_000,
          '</w:body></w:document>',
        ),
      ),
    ),
  );
  put(
    'DTD.docx',
    zipRaw(
      docxParts(
        entry(
          'word/document.xml',
          '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><w:document><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>',
        ),
      ),
    ),
  );
  put('百万页.pdf', dagPdf({ fanout: 10, depth: 6 }));
  put('二十亿页.pdf', dagPdf({ fanout: 2, depth: 2, claimed: 2_000_000_000 }));
  put('超大方案.txt', '');
  truncateSync(files['超大方案.txt']!, 60 * 1024 * 1024);
  put(
    '奇数字节.txt',
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('一、总体要求', 'utf16le'), Buffer.from([0x41])]),
  );
  const folder = path.join(dir, '方案文件夹.docx');
  mkdirSync(folder);
  files['方案文件夹.docx'] = folder;
  if (posix) {
    files['零.txt'] = path.join(dir, '零.txt');
    execFileSync('ln', ['-s', '/dev/zero', files['零.txt']]);
    files['管道.txt'] = path.join(dir, '管道.txt');
    execFileSync('mkfifo', [files['管道.txt']]);
  }
  results = await runCappedBatch(
    Object.entries(files).map(([name, f]) => ({ name, args: ['parse', f] })),
    { heapMb: 512 },
  );
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refused(name: string, expected: RegExp): void {
  const r = results.get(name)!;
  console.log(`[${name}] exit ${r.code}, ${r.ms} ms, peak ${r.maxRssMb} MB: ${r.stderr.split('\n')[0]}`);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(name);
  expect(r.stderr).toMatch(expected);
  expect(r.stderr).not.toMatch(/EISDIR|ENOENT|EACCES|illegal operation|RangeError|heap out of memory/);
  expect(r.maxRssMb).toBeLessThan(RSS_BOUND_MB);
}

describe('hostile plan documents are refused within bounds', () => {
  it('a DOCX whose document.xml inflates to 250 MB (honest headers): refused before inflating', () =>
    refused('膨胀.docx', /\d+ MB，单个部件上限 24 MB/));
  it('a DOCX whose header declares 1 KB but inflates to 60 MB: stopped while inflating', () =>
    refused('谎报.docx', /实际解压大小超过声明/));
  it('a DOCX of 600,000 tiny elements in 4 MB (`<w:p\\t/>`): the element limit', () =>
    refused('元素.docx', /XML 元素超过 500000 个/));
  it('a DOCX declaring a DTD (billion laughs)', () => refused('DTD.docx', /DTD/));
  it('a PDF whose page tree is a DAG reaching a million pages', () =>
    refused('百万页.pdf', /1000000 页，超过 2000 页的上限/));
  it('a PDF declaring 2e9 pages', () => refused('二十亿页.pdf', /页/));
  it('a 60 MB .txt plan: refused by size before reading', () =>
    refused('超大方案.txt', /60 MB.*4\.0 MB 的上限/));
  it('an odd-length UTF-16 text file: an error means a non-zero exit', () => {
    const r = results.get('奇数字节.txt')!;
    console.log(`[奇数字节.txt] exit ${r.code}: ${r.stderr.split('\n')[0]}`);
    if (/错误：/.test(r.stderr)) expect(r.code).not.toBe(0);
  });
  it('a directory given as a file', () => refused('方案文件夹.docx', /是一个文件夹/));
  it.skipIf(!posix)('/dev/zero and a FIFO named .txt: refused up front', () => {
    refused('零.txt', /不是普通文件/);
    refused('管道.txt', /不是普通文件/);
  });
});
