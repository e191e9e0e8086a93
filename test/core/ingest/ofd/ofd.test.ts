// OFD reader: the seed written as OFD by make-ofd.ts (from the seed PDF's own text positions,
// per run on odd pages and per glyph on even pages) parses as the PDF does; the text-object
// geometry (g-compressed DeltaX, CTM, HScale, per-glyph objects, table gaps); and every
// kind of bad package refused with a Chinese message.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { ingestBytes, ingestFile } from '../../../../electron/core/ingest/index';
import { parseFile } from '../../../../electron/core/parse/index';
import { expandDeltas, textItems, IDENTITY } from '../../../../electron/core/ingest/ofd/ofd-text';
import { makeOfd, seedPdfAsOfdPages, type OfdRun } from './make-ofd';

const root = path.resolve(__dirname, '../../../..');
const shared = path.resolve(root, '../shared/gold');
const goldDir = existsSync(path.join(shared, 'score.mjs')) ? shared : path.join(root, 'test/fixtures/gold');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-ofd-'));
const seedPdf = new Uint8Array(readFileSync(path.join(root, 'seeds/kaifeng-2025-15.pdf')));

const body = (text: string, y: number, x = 31.8): OfdRun => ({ text, x, y, size: 5.64 });
const onePage = (runs: OfdRun[]) => makeOfd([{ runs }]);

describe('the seed as OFD', async () => {
  const file = path.join(tmp, 'kaifeng-2025-15.ofd');
  writeFileSync(file, await makeOfd(await seedPdfAsOfdPages(seedPdf)));

  it('reads into the same paragraphs as the PDF', async () => {
    const [ofd, pdf] = await Promise.all([
      ingestFile(file),
      ingestFile(path.join(root, 'seeds/kaifeng-2025-15.pdf')),
    ]);
    expect(ofd.problems).toEqual([]);
    expect(ofd.value!.format).toBe('ofd');
    expect(ofd.value!.pages).toBe(40);
    expect(ofd.value!.paragraphs.map((p) => p.text)).toEqual(pdf.value!.paragraphs.map((p) => p.text));
    expect(ofd.value!.paragraphs.map((p) => p.source)).toEqual(pdf.value!.paragraphs.map((p) => p.source));
  });

  it('scores >= 0.98 against the answer key', async () => {
    const r = await parseFile(file);
    expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const out = path.join(tmp, 'parse.json');
    writeFileSync(out, JSON.stringify(r.value));
    const score = execFileSync(
      process.execPath,
      [path.join(goldDir, 'score.mjs'), out, path.join(goldDir, 'kaifeng-2025-15.gold.json')],
      { encoding: 'utf8' },
    );
    const overall = Number(/overall: ([\d.]+)/.exec(score)![1]);
    expect(overall).toBeGreaterThanOrEqual(0.98);
  });
});

describe('text objects', () => {
  it('expands g-compressed advances', () => {
    expect(expandDeltas('g 3 4.5 2 g 2 1')).toEqual([4.5, 4.5, 4.5, 2, 1, 1]);
    expect(expandDeltas('')).toEqual([]);
  });

  it('places a TextCode through Boundary and CTM, in points from the bottom-left', () => {
    // a title set at 2 × 4 mm glyphs scaled by the CTM to 8 mm, condensed to 80 %
    const [it] = textItems(
      {
        boundary: [20, 30, 170, 12],
        ctm: [2, 0, 0, 2, 0, 0],
        size: 4,
        hscale: 0.8,
        font: 'ofd:3',
        codes: [{ text: '实施方案', x: 1, y: 4, deltaX: expandDeltas('g 3 3.2'), deltaY: [] }],
      },
      IDENTITY,
      297,
    );
    const pt = 72 / 25.4;
    expect(it!.str).toBe('实施方案');
    expect(it!.x).toBeCloseTo(22 * pt, 3);
    expect(it!.y).toBeCloseTo((297 - 38) * pt, 3);
    expect(it!.size).toBeCloseTo(8 * pt, 3);
    expect(it!.hscale).toBeCloseTo(0.8, 3);
    expect(it!.w).toBeCloseTo((3 * 6.4 + 6.4) * pt, 3);
  });

  it('keeps table cells apart and drops a diagonal watermark', async () => {
    const pdfish = await onePage([
      body('序号', 40),
      { text: '责任单位', x: 90, y: 40, size: 5.64 },
      body('第一行正文内容，各县区政府要认真组织实施。', 50),
    ]);
    const tilted = (await pdfish) as Uint8Array;
    const r = await ingestBytes(tilted, 't.ofd');
    expect(r.value!.paragraphs.map((p) => p.text)).toEqual([
      '序号 责任单位',
      '第一行正文内容，各县区政府要认真组织实施。',
    ]);
    const zip = await JSZip.loadAsync(tilted);
    const page = await zip.file('Doc_0/Pages/Page_0/Content.xml')!.async('string');
    zip.file(
      'Doc_0/Pages/Page_0/Content.xml',
      page.replace(
        '</ofd:Layer>',
        '<ofd:TextObject ID="900" Boundary="40 200 150 20" CTM="0.7071 -0.7071 0.7071 0.7071 0 0" Font="2" Size="10"><ofd:TextCode X="0" Y="9">内部资料</ofd:TextCode></ofd:TextObject></ofd:Layer>',
      ),
    );
    const w = await ingestBytes(await zip.generateAsync({ type: 'uint8array' }), 'w.ofd');
    expect(w.value!.paragraphs.map((p) => p.text)).toEqual([
      '序号 责任单位',
      '第一行正文内容，各县区政府要认真组织实施。',
    ]);
  });

  it('reads an OFD by its content whatever its name, and a .ofd that is not one is refused', async () => {
    const bytes = await onePage([body('一、总体要求', 40), body('全面贯彻落实党的二十大精神。', 50)]);
    expect((await ingestBytes(bytes, '方案.docx')).value!.format).toBe('ofd');
    const notOfd = await ingestBytes(new TextEncoder().encode('纯文本内容'), '方案.ofd');
    expect(notOfd.value).toBeNull();
    expect(notOfd.problems[0]!.code).toBe('INGEST_WRONG_TYPE');
  });
});

describe('bad OFD packages are refused with a message naming the file', async () => {
  const good = await onePage([
    body('一、总体要求', 40),
    body('全面贯彻落实党的二十大精神，推动各项任务落实。', 50),
  ]);
  const refuse = async (bytes: Uint8Array, code: string, words: RegExp) => {
    const r = await ingestBytes(bytes, '坏文件.ofd');
    expect(r.value).toBeNull();
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.code).toBe(code);
    expect(r.problems[0]!.message).toMatch(/坏文件\.ofd/);
    expect(r.problems[0]!.message).toMatch(words);
  };

  it('truncated', async () => {
    await refuse(good.subarray(0, Math.floor(good.length * 0.6)), 'INGEST_CORRUPT', /损坏或不完整/);
  });

  it('missing Document.xml or a page', async () => {
    await refuse(
      await makeOfd([{ runs: [body('正文', 40)] }], { omit: ['Doc_0/Document.xml'] }),
      'INGEST_CORRUPT',
      /Document\.xml/,
    );
    await refuse(
      await makeOfd([{ runs: [body('正文', 40)] }], { omit: ['Doc_0/Pages/Page_0/Content.xml'] }),
      'INGEST_CORRUPT',
      /Page_0\/Content\.xml/,
    );
    await refuse(
      await makeOfd([{ runs: [body('正文', 40)] }], {
        xml: (p, x) => (p === 'OFD.xml' ? x.replace(/<ofd:DocRoot>.*<\/ofd:DocRoot>/, '') : x),
      }),
      'INGEST_CORRUPT',
      /DocRoot/,
    );
  });

  it('an external entity (XXE) or any DTD', async () => {
    const xxe = await makeOfd([{ runs: [body('&xxe;', 40)] }], {
      xml: (p, x) =>
        p.endsWith('Page_0/Content.xml')
          ? x
              .replace('?>\n', '?>\n<!DOCTYPE ofd:Page [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n')
              .replace('&amp;xxe;', '&xxe;')
          : x,
    });
    await refuse(xxe, 'INGEST_CORRUPT', /DTD|实体/);
  });

  it('a zip bomb (a part inflating past the limit) without inflating it all', async () => {
    const zip = await JSZip.loadAsync(good);
    zip.file('Doc_0/Pages/Page_0/Content.xml', new Uint8Array(40 * 1024 * 1024)); // 40 MB of zeros → ~40 KB
    const bomb = await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await refuse(bomb, 'INGEST_TOO_LARGE', /过大/);
  });

  it('not an OFD at all: a plain zip named .ofd', async () => {
    const zip = new JSZip();
    zip.file('readme.txt', 'hello');
    await refuse(await zip.generateAsync({ type: 'uint8array' }), 'INGEST_WRONG_TYPE', /OFD/);
  });
});
