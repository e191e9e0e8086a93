// Hostile plan documents, each read by `parse` (and the special files also by `plan import`)
// in one child process under a 512 MB heap cap and a per-case time limit (capped-run.ts):
// every one must be refused up front or at a limit — a Chinese message naming the file and
// the limit, a non-zero exit, the ledger untouched — never a memory blow-up or a hang. Each
// case prints its message (the limit it hit) and its time. Inputs are generated here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  dagPdf,
  docxParts,
  entry,
  OFD_PAGE,
  ofdParts,
  repeatedEntry,
  zipRaw,
} from '../../helpers/bad-inputs';
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
  // OFD goes through the same guards: declared sizes, a header that lies, XML elements, pages
  put(
    '膨胀.ofd',
    zipRaw(
      ofdParts(
        await repeatedEntry(
          'Doc_0/Pages/Page_0/Content.xml',
          '<ofd:Page><ofd:Content>',
          '<ofd:Layer ID="1"/>',
          (100 * 1024 * 1024) / 20,
          '</ofd:Content></ofd:Page>',
        ),
      ),
    ),
  );
  const ofdLying = await repeatedEntry(
    'Doc_0/Pages/Page_0/Content.xml',
    '<ofd:Page><ofd:Content>',
    '<ofd:Layer/>',
    4_000_000,
    '</ofd:Content></ofd:Page>',
  );
  put('谎报.ofd', zipRaw(ofdParts({ ...ofdLying, size: 2048 })));
  put(
    '元素.ofd',
    zipRaw(
      ofdParts(
        await repeatedEntry(
          'Doc_0/Pages/Page_0/Content.xml',
          '<ofd:Page><ofd:Content>',
          '<a\t/>',
          600_000,
          '</ofd:Content></ofd:Page>',
        ),
      ),
    ),
  );
  put('万页.ofd', zipRaw(ofdParts(entry('Doc_0/Pages/Page_0/Content.xml', OFD_PAGE), 10_000)));
  const folder = path.join(dir, '方案文件夹.docx');
  mkdirSync(folder);
  files['方案文件夹.docx'] = folder;
  if (posix) {
    files['零.txt'] = path.join(dir, '零.txt');
    execFileSync('ln', ['-s', '/dev/zero', files['零.txt']]);
    files['管道.txt'] = path.join(dir, '管道.txt');
    execFileSync('mkfifo', [files['管道.txt']]);
    files['管道.ofd'] = path.join(dir, '管道.ofd');
    execFileSync('mkfifo', [files['管道.ofd']]);
  }
  // plan import reads through the same guard as parse (a folder, a device, a FIFO, too large)
  const db = path.join(dir, 'ledger.sqlite');
  const imports = [
    '方案文件夹.docx',
    '超大方案.txt',
    '百万页.pdf',
    '膨胀.ofd',
    ...(posix ? ['零.txt', '管道.ofd'] : []),
  ];
  results = await runCappedBatch(
    [
      ...Object.entries(files).map(([name, f]) => ({ name, args: ['parse', f] })),
      ...imports.map((name) => ({
        name: `导入:${name}`,
        args: ['--db', db, 'plan', 'import', files[name]!],
      })),
    ],
    { heapMb: 512 },
  );
  expect(existsSync(db) ? statSync(db).size : 0, 'no ledger content written').toBeLessThan(1024 * 1024);
}, 600_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function refused(name: string, expected: RegExp): void {
  const r = results.get(name)!;
  console.log(`[${name}] exit ${r.code}, ${r.ms} ms, peak ${r.maxRssMb} MB: ${r.stderr.split('\n')[0]}`);
  expect(r.code).not.toBe(0);
  expect(r.stderr).toContain(name.replace(/^导入:/, ''));
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
  it('a PDF declaring 2e9 pages', () => refused('二十亿页.pdf', /2000000000 页，超过 2000 页的上限/));
  it('a 60 MB .txt plan: refused by size before reading', () =>
    refused('超大方案.txt', /60 MB.*4\.0 MB 的上限/));
  it('an odd-length UTF-16 text file: read without its half character, said in a warning, exit 0', () => {
    const r = results.get('奇数字节.txt')!;
    console.log(`[奇数字节.txt] exit ${r.code}, ${r.ms} ms: ${r.stderr.split('\n')[0]}`);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/错误：/);
    expect(r.stderr).toMatch(/“奇数字节\.txt”按 UTF-16 保存，但字节数为奇数/);
  });
  it('an OFD whose page inflates to 100 MB (honest headers): refused before inflating', () =>
    refused('膨胀.ofd', /声明解压后 \d+ MB，单个部件上限 32 MB/));
  it('an OFD whose header declares 2 KB but inflates to 48 MB: stopped while inflating', () =>
    refused('谎报.ofd', /实际解压大小超过声明/));
  it('an OFD page of 600,000 tiny elements: the element limit', () =>
    refused('元素.ofd', /XML 元素超过 500000 个/));
  it('an OFD of 10,000 pages: the page limit', () => refused('万页.ofd', /10000 页，超过 2000 页的上限/));
  it('plan import reads through the same guard: folder, size, page tree, OFD part', () => {
    refused('导入:方案文件夹.docx', /是一个文件夹.*台账未做修改/);
    refused('导入:超大方案.txt', /4\.0 MB 的上限/);
    refused('导入:百万页.pdf', /1000000 页，超过 2000 页的上限/);
    refused('导入:膨胀.ofd', /单个部件上限 32 MB/);
  });
  it('a directory given as a file', () => refused('方案文件夹.docx', /是一个文件夹/));
  it.skipIf(!posix)(
    '/dev/zero and a FIFO named .txt or .ofd: refused up front, by parse and plan import',
    () => {
      refused('零.txt', /不是普通文件/);
      refused('管道.txt', /不是普通文件/);
      refused('管道.ofd', /不是普通文件/);
      refused('导入:零.txt', /不是普通文件/);
      refused('导入:管道.ofd', /不是普通文件/);
    },
  );
});
