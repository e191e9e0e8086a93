// PDF reader: the seed read as the document's own paragraphs; layouts built in the test
// (per-glyph runs, running headers, centred titles, a line ending short before 「80%。」,
// non-embedded Chinese fonts, radical code points); and every kind of bad PDF.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestBytes, ingestFile } from '../../../electron/core/ingest/index';
import type { IngestedDocument } from '../../../electron/core/ingest/types';
import { makePdf, gongwenPage, type Run } from './make-pdf';

const root = path.resolve(__dirname, '../../..');
const seed = (ext: string) => path.join(root, `seeds/kaifeng-2025-15.${ext}`);
const fixture = (f: string) => path.join(root, 'test/fixtures/ingest', f);
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-pdf-'));
const write = (name: string, bytes: Uint8Array) => {
  const f = path.join(tmp, name);
  writeFileSync(f, bytes);
  return f;
};

async function read(pdf: Uint8Array, name = 'test.pdf'): Promise<IngestedDocument> {
  const r = await ingestBytes(pdf, name);
  expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return r.value!;
}

describe('the seed PDF', async () => {
  const r = await ingestFile(seed('pdf'));
  const doc = r.value!;
  const texts = doc.paragraphs.map((p) => p.text);
  const find = (start: string) => doc.paragraphs.find((p) => p.text.startsWith(start))!;

  it('reads without problems: 40 pages, one paragraph per logical paragraph', () => {
    expect(r.problems).toEqual([]);
    expect(doc.format).toBe('pdf');
    expect(doc.pages).toBe(40);
    expect(doc.paragraphs.length).toBeGreaterThanOrEqual(140);
    expect(doc.paragraphs.length).toBeLessThanOrEqual(165);
  });

  it('keeps a task paragraph whole across a page break, with its responsibility parenthetical', () => {
    const task1 = find('1.依法依规淘汰落后低效产能');
    expect(task1.text).toBe(
      '1.依法依规淘汰落后低效产能。按照上级文件要求，2025年，建立淘汰退出任务台账，加快落后生产工艺装备和过剩产能淘汰退出，列入2025年去产能计划的生产设施9月底前依法依规停止排污。（市工业和信息化局、市发展改革委、市生态环境局按职责分工负责，各县区政府、城乡一体化示范区管委会具体落实）',
    );
    expect(task1.source).toEqual({ page: 2, line: 20 });
    expect(find('加快退出5家11条').source.page).toBe(3);
  });

  it('has no page numbers and no spaces between CJK and digits', () => {
    expect(texts.some((t) => /—\s*\d+\s*—/.test(t))).toBe(false);
    expect(texts.some((t) => /[\u4e00-\u9fff] \d|\d [\u4e00-\u9fff]/.test(t))).toBe(false);
    expect(texts).toContain(
      '全面完成“十四五”大气环境质量目标。2025年全市PM2.5浓度低于43微克/立方米，空气质量优良天数比率达到67%，重度及以上污染天数比率控制在1.5%以内，完成国家下达的“十四五”氮氧化物和VOCs总量减排任务。综合指数稳定退出全国168个重点城市后20名，PM2.5浓度力争在全国168个重点城市退出后20名，PM10浓度在全省排名显著提升。',
    );
  });

  it('keeps a line that ends short only because the next token did not fit inside its paragraph', () => {
    // 「…力争达到」 ends a line short: 「80%。2025年」 did not fit
    expect(find('11.开展环境绩效等级提升行动').text).toContain('清洁运输比例力争达到80%。2025年，新增A级');
  });

  it('gives headings their own paragraphs and joins two-line centred titles', () => {
    for (const h of [
      '一、总体要求',
      '二、工作目标',
      '三、主要任务',
      '（一）产业结构优化升级行动',
      '四、组织实施',
    ])
      expect(texts).toContain(h);
    const title = find('开封市2025年大气污染防治攻坚');
    expect(title.text).toBe('开封市2025年大气污染防治攻坚十大行动方案');
    expect(title.hints).toMatchObject({ centred: true, fontSize: 22 });
    expect(title.source.page).toBe(2);
    expect(find('汴政办').hints?.centred).toBe(true);
    expect(find('一、总体要求').hints?.centred).toBeUndefined();
  });

  it('reports each page as it is read, and reads the same with or without the callback', async () => {
    const pages: [number, number][] = [];
    const again = await ingestFile(seed('pdf'), { onPage: (done, total) => pages.push([done, total]) });
    expect(pages).toEqual(Array.from({ length: 40 }, (_, i) => [i + 1, 40]));
    expect(again).toEqual(r);
  });

  it('reads the same paragraphs as the DOCX it was printed from', async () => {
    const docx = await ingestFile(seed('docx'));
    const strip = (s: string) => s.replace(/\s+/g, '');
    expect(doc.paragraphs.map((p) => strip(p.text))).toEqual(
      docx.value!.paragraphs.map((p) => strip(p.text)),
    );
  });
});

describe('a plan laid out by an office suite (LibreOffice), with its DOCX source', async () => {
  const pdf = (await ingestFile(fixture('layout.pdf'))).value!;
  const docx = (await ingestFile(fixture('layout.docx'))).value!;

  it('reads the PDF as the DOCX paragraphs: header and 「第 N 页 共 M 页」 gone, justified lines rejoined', () => {
    const strip = (s: string) => s.replace(/\s+/g, '');
    const pdfText = pdf.paragraphs.filter((p) => p.hints?.fontSize !== 12).map((p) => strip(p.text));
    const docxText = docx.paragraphs.filter((p) => !p.hints?.inTable).map((p) => strip(p.text));
    expect(pdfText).toEqual(docxText);
    expect(pdf.paragraphs.some((p) => /第\d+页|办公室文件/.test(p.text))).toBe(false);
  });

  it('keeps a Latin phrase spaced, gives table rows as lines and the signature its own paragraphs', () => {
    const texts = pdf.paragraphs.map((p) => p.text);
    expect(texts.find((t) => t.startsWith('2.开展传统产业集群'))).toContain(
      '制定one cluster one policy专项整治方案',
    );
    expect(texts).toContain('1 淘汰落后产能 市工业和信息化局');
    expect(texts.slice(-2)).toEqual(['开封市生态环境保护委员会办公室', '2025年6月13日']);
    expect(pdf.paragraphs[0]).toMatchObject({
      text: '开封市2025年大气污染防治攻坚行动暨柴油货车污染治理实施方案',
      hints: { centred: true, fontSize: 22 },
    });
  });
});

describe('PDF layouts', () => {
  it('decodes Chinese in a non-embedded font through the bundled CMaps', async () => {
    const doc = await read(
      makePdf([
        {
          runs: gongwenPage([
            '一、总体要求',
            '为深入打好蓝天保卫战，持续改善全市环境空气质量，结合我市实际，制定本方案。',
          ]),
        },
      ]),
    );
    expect(doc.paragraphs.map((p) => p.text)).toEqual([
      '一、总体要求',
      '为深入打好蓝天保卫战，持续改善全市环境空气质量，结合我市实际，制定本方案。',
    ]);
    expect(doc.paragraphs[1]!.source).toEqual({ page: 1, line: 2 });
  });

  it('merges runs split per glyph and maps Kangxi radicals to ideographs', async () => {
    const doc = await read(
      makePdf([
        {
          runs: [
            { x: 111.5, y: 700, text: '二、持续推进执法检查工作', perGlyph: true },
            { x: 111.5, y: 672, text: '⾏政执法⽅案⻓期有效', font: 'mapped' },
          ],
        },
      ]),
    );
    expect(doc.paragraphs.map((p) => p.text)).toEqual(['二、持续推进执法检查工作', '行政执法方案长期有效']);
  });

  it('keeps one space between Latin words and none between CJK and Latin', async () => {
    const doc = await read(
      makePdf([
        {
          runs: [
            { x: 111.5, y: 728, text: '在家具、汽修等领域推广使用。' },
            { x: 111.5, y: 700, text: '推广使用低', perGlyph: true },
            { x: 111.5 + 5 * 16 + 4, y: 700, text: 'VOCs and NOx', font: 'helv' },
            { x: 111.5 + 5 * 16 + 4 + 12 * 8.9 + 4, y: 700, text: '含量涂料' },
          ],
        },
      ]),
    );
    expect(doc.paragraphs[1]!.text).toBe('推广使用低VOCs and NOx含量涂料');
  });

  it('drops running headers, footers and page numbers and joins a paragraph across the page break', async () => {
    const body = Array.from(
      { length: 6 },
      (_, i) =>
        `${i + 1}.第${i + 1}项任务的内容写在这里，内容较长需要换行，换行之后继续写，直到写满两行以上为止，然后结束。`,
    );
    const page = (paras: string[], n: number, top = 760) => ({
      runs: [
        { x: 200, y: 800, text: '开封市生态环境保护委员会办公室', size: 10.5 },
        ...gongwenPage(paras, { top }),
        { x: 270, y: 60, text: `— ${n} —`, size: 14 },
      ] as Run[],
    });
    // the third paragraph breaks across pages 1 and 2, and page 2 continues it flush left
    const p3 = [...body[2]!];
    const pages = [
      page([body[0]!, body[1]!, p3.slice(0, 25).join('')], 1),
      page([], 2),
      page([], 3),
      page([body[3]!, body[4]!, body[5]!], 4),
    ];
    pages[1]!.runs!.splice(
      1,
      0,
      { x: 79.5, y: 760, text: p3.slice(25, 52).join('') },
      { x: 79.5, y: 732, text: p3.slice(52).join('') },
    );
    pages[2]!.runs!.splice(1, 0, { x: 111.5, y: 760, text: '（一）第三页的标题' });
    const doc = await read(makePdf(pages));
    const texts = doc.paragraphs.map((p) => p.text);
    expect(texts).toEqual([body[0], body[1], body[2], '（一）第三页的标题', body[3], body[4], body[5]]);
    expect(doc.paragraphs[2]!.source).toEqual({ page: 1, line: 6 });
    expect(doc.pages).toBe(4);
  });

  it('ends a paragraph at a short line when the next line would have fitted, even without indent', async () => {
    const doc = await read(
      makePdf([
        {
          runs: [
            { x: 79.5, y: 760, text: '第一段的第一行写满了整整二十七个汉字，一直写到了右边界为止' },
            { x: 79.5, y: 732, text: '第一段到这里就结束了。' },
            { x: 79.5, y: 704, text: '第二段顶格书写，没有首行缩进，但上一行很短所以这是新的一段' },
            { x: 79.5, y: 676, text: '第二段结束。' },
            ...gongwenPage(
              [
                '这一段用来确定正文的行宽和左边界，写得足够长以便形成多行正文，并且每一行都写满到右边界，这样版心就能被正确测量出来了。',
              ],
              { top: 648 },
            ),
          ],
        },
      ]),
    );
    expect(doc.paragraphs.map((p) => p.text).slice(0, 2)).toEqual([
      '第一段的第一行写满了整整二十七个汉字，一直写到了右边界为止第一段到这里就结束了。',
      '第二段顶格书写，没有首行缩进，但上一行很短所以这是新的一段第二段结束。',
    ]);
  });

  it('turns text running up a page upright and ignores a diagonal watermark', async () => {
    const paras = [
      '三、重点任务分工表',
      '序号一：淘汰落后产能，市工业和信息化局牵头负责。',
      '序号二：产业集群升级改造，市生态环境局牵头负责。',
    ];
    // a landscape page printed onto portrait paper: lines run upwards, each further right
    const runs: Run[] = paras.map((text, i) => ({ x: 150 + i * 28, y: 120, text, rotate: 90 }));
    runs.push({ x: 150, y: 300, text: '内部资料注意保存', size: 40, rotate: 45 });
    const doc = await read(makePdf([{ runs }]));
    expect(doc.paragraphs.map((p) => p.text)).toEqual(paras);
  });

  it('warns about a scanned page inside a PDF that otherwise has text', async () => {
    const text = {
      runs: gongwenPage(
        Array.from({ length: 10 }, (_, i) => `第${i + 1}段正文内容，用于构成有文字层的页面。`),
      ),
    };
    const r = await ingestBytes(makePdf([text, { image: true }, text]), 'mixed.pdf');
    expect(r.value!.paragraphs.length).toBe(20);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]).toMatchObject({
      severity: 'warning',
      code: 'INGEST_NO_TEXT',
      page: 2,
      file: 'mixed.pdf',
    });
    expect(r.problems[0]!.message).toContain('第2页');
  });

  it('reads a PDF that has only an owner password (printing restricted, no open password)', async () => {
    const r = await ingestFile(fixture('owner-password-only.pdf'));
    expect(r.problems).toEqual([]);
    expect(r.value!.paragraphs.map((p) => p.text)).toEqual([
      '一、总体要求',
      '为深入打好蓝天保卫战，持续改善全市环境空气质量，结合我市实际，制定本方案。',
    ]);
  });
});

describe('bad PDFs', () => {
  const expectFatal = async (file: string, code: string) => {
    const r = await ingestFile(file);
    expect(r.value).toBeNull();
    expect(r.problems).toHaveLength(1);
    const p = r.problems[0]!;
    expect(p.code).toBe(code);
    expect(p.severity).toBe('error');
    expect(p.file).toBe(path.basename(file));
    expect(p.message).toContain(`“${path.basename(file)}”`);
    expect(p.message).toMatch(/[\u4e00-\u9fff]/);
    return p;
  };

  it('password-protected → INGEST_ENCRYPTED', async () => {
    const p = await expectFatal(fixture('encrypted.pdf'), 'INGEST_ENCRYPTED');
    expect(p.message).toContain('密码');
  });

  it('scanned, no text layer → INGEST_NO_TEXT', async () => {
    const p = await expectFatal(
      write('扫描件.pdf', makePdf([{ image: true }, { image: true }])),
      'INGEST_NO_TEXT',
    );
    expect(p.message).toContain('扫描');
  });

  it('truncated → INGEST_CORRUPT', async () => {
    const bytes = readFileSync(seed('pdf'));
    const p = await expectFatal(
      write('truncated.pdf', bytes.subarray(0, Math.floor(bytes.length / 2))),
      'INGEST_CORRUPT',
    );
    expect(p.message).toContain('不完整');
  });

  it('garbage after a PDF header → INGEST_CORRUPT', async () => {
    const junk = Buffer.concat([
      Buffer.from('%PDF-1.7\n'),
      Buffer.from(Array.from({ length: 4000 }, (_, i) => (i * 7919) % 251)),
    ]);
    await expectFatal(write('corrupt.pdf', junk), 'INGEST_CORRUPT');
  });

  it('a ZIP named .pdf → INGEST_WRONG_TYPE', async () => {
    const p = await expectFatal(write('方案.pdf', readFileSync(seed('docx'))), 'INGEST_WRONG_TYPE');
    expect(p.message).toContain('PDF');
  });

  it('an empty file → INGEST_EMPTY', async () => {
    await expectFatal(write('empty.pdf', new Uint8Array(0)), 'INGEST_EMPTY');
  });
});
