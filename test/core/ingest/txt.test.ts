// TXT reader: every encoding a Chinese office saves, and the seed's hard wraps.
import { describe, expect, it } from 'vitest';
import path from 'node:path';
import { ingestFile } from '../../../electron/core/ingest/index';
import { parseFile } from '../../../electron/core/parse/index';

const root = path.resolve(__dirname, '../../..');
const fixture = (f: string) => path.join(root, 'test/fixtures/ingest', f);

describe('TXT reader', () => {
  it('reads the seed as paragraphs with line numbers, without page numbers', async () => {
    const r = await ingestFile(path.join(root, 'seeds/kaifeng-2025-15.txt'));
    expect(r.problems).toEqual([]);
    const paras = r.value!.paragraphs;
    expect(r.value!.encoding).toBe('utf-8');
    expect(paras.some((p) => /^—\s*\d+\s*—$/.test(p.text))).toBe(false);
    const task1 = paras.find((p) => p.text.startsWith('1.依法依规淘汰落后低效产能'))!;
    expect(task1.text).toContain(
      '（市工业和信息化局、市发展改革委、市生态环境局按职责分工负责，各县区政府、城乡一体化示范区管委会具体落实）',
    );
    expect(task1.source.line).toBeGreaterThan(50);
    expect(paras.find((p) => p.text === '三、主要任务')).toBeDefined();
  });

  it.each([
    ['kaifeng-2025-15.gbk.txt', 'gb18030'],
    ['kaifeng-2025-15.utf16.txt', 'utf-16le'],
    ['kaifeng-2025-15.bom.txt', 'utf-8-bom'],
  ])('detects the encoding of %s and parses it like the UTF-8 seed', async (file, encoding) => {
    const r = await ingestFile(fixture(file));
    expect(r.value!.encoding).toBe(encoding);
    const parsed = await parseFile(fixture(file));
    expect(parsed.value!.plans.map((p) => p.tasks.length)).toEqual([24, 21, 18, 20]);
    expect(parsed.value!.document.doc_number).toBe('汴政办〔2025〕15号');
  });
});

import { rejoinLines } from '../../../electron/core/ingest/txt';

describe('shapes of plain text', () => {
  const para = (n: number) =>
    '这是第' + n + '段的内容，' + '用于检验不同来源的纯文本能否正确分段。'.repeat((n % 3) + 1);
  it('one paragraph per line (saved from Word): every line is a paragraph', () => {
    const lines = Array.from({ length: 12 }, (_, i) => para(i));
    expect(rejoinLines(lines.join('\r\n')).map((p) => p.text)).toEqual(lines);
  });
  it('wrapped text with blank lines between paragraphs', () => {
    const wrap = (s: string) => s.match(/.{1,20}/g)!.join('\n');
    const paras = Array.from({ length: 8 }, (_, i) => para(i + 3));
    expect(rejoinLines(paras.map(wrap).join('\n\n')).map((p) => p.text)).toEqual(paras);
  });
});
