// OCR of scanned plans: the seed scanned (make-scan.ts: pdftoppm 200 dpi grey, a red seal on
// the cover's date, pages 3, 8 and 21 fed 1.5° crooked, wrapped as an image-only PDF) parses
// against the answer key; skew and seal handling on their own; a scanned OFD; cancelling;
// a page stored as image strips.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { ingestBytes, ingestFile } from '../../../../electron/core/ingest/index';
import { parseFile } from '../../../../electron/core/parse/index';
import { deskew, measureSkew, toGrey } from '../../../../electron/core/ingest/ocr/ocr-image';
import { makeScan } from './make-scan';
import { pdfPageImage } from '../../../../electron/core/ingest/ocr/ocr-pdf';
import { documentOptions, loadPdfJs } from '../../../../electron/core/ingest/pdfjs-loader';
import { makeOfd } from '../ofd/make-ofd';

const root = path.resolve(__dirname, '../../../..');
const seedPdf = path.join(root, 'seeds/kaifeng-2025-15.pdf');
const shared = path.resolve(root, '../shared/gold');
const goldDir = existsSync(path.join(shared, 'score.mjs')) ? shared : path.join(root, 'test/fixtures/gold');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-ocr-'));
const MINUTES = 60_000;

function score(parsed: unknown): number {
  const out = path.join(tmp, `parse-${Math.random()}.json`);
  writeFileSync(out, JSON.stringify(parsed));
  const text = execFileSync(
    process.execPath,
    [path.join(goldDir, 'score.mjs'), out, path.join(goldDir, 'kaifeng-2025-15.gold.json')],
    { encoding: 'utf8' },
  );
  return Number(/overall: ([\d.]+)/.exec(text)![1]);
}

describe('page images', () => {
  it('measures a 1.5° skew and turns it back', () => {
    const c = createCanvas(1200, 1600);
    const ctx = c.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, 1200, 1600);
    ctx.translate(600, 800);
    ctx.rotate((-1.5 * Math.PI) / 180);
    ctx.fillStyle = '#000';
    for (let y = -700; y < 700; y += 60) ctx.fillRect(-480, y, 960, 24); // lines of text as bars
    const img = toGrey(ctx.getImageData(0, 0, 1200, 1600).data, 1200, 1600, 4);
    const theta = measureSkew(img);
    expect(Math.abs((theta * 180) / Math.PI)).toBeCloseTo(1.5, 1);
    expect(Math.abs((measureSkew(deskew(img, theta)) * 180) / Math.PI)).toBeLessThan(0.3); // 0.3° over a 1300-pixel line: under 7 pixels
  });

  it('lifts red seal ink out and keeps black text under it', () => {
    const rgba = new Uint8Array([0, 0, 0, 255, 215, 30, 35, 255, 40, 10, 12, 255, 255, 255, 255, 255]);
    const g = toGrey(rgba, 4, 1, 4).data;
    expect(g[0]).toBe(0); // black text
    expect(g[1]).toBeGreaterThan(200); // stamp red → white
    expect(g[2]).toBeLessThan(60); // dark text under the stamp stays dark
    expect(g[3]).toBe(255);
  });
});

describe('a scan of the seed', () => {
  it(
    'parses against the answer key: overall >= 0.95, low-confidence lines marked',
    async () => {
      const file = path.join(tmp, 'kaifeng-2025-15.scan.pdf');
      writeFileSync(file, await makeScan(seedPdf, { rotate: { 3: 1.5, 8: -1.5, 21: 1.5 } }));
      const pages: number[] = [];
      const r = await parseFile(file, { onProgress: (p) => pages.push(p.page) });
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      expect(pages).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
      expect(r.problems.some((p) => p.code === 'INGEST_OCR')).toBe(true);
      const doubts = r.problems.filter((q) => q.code === 'INGEST_OCR_UNCERTAIN');
      for (const p of doubts) {
        expect(p.page).toBeGreaterThan(0);
        expect(p.line).toBeGreaterThan(0);
      }
      // the same lines, placed in the source paragraphs for 导入方案 to mark
      const spans = r.value!.source.uncertain ?? [];
      expect(spans.length).toBeLessThanOrEqual(doubts.length);
      for (const s of spans) {
        expect(doubts.some((p) => p.page === s.page && p.line === s.line)).toBe(true);
        expect(r.value!.source.paragraphs[s.paragraph]!.slice(s.start, s.end).length).toBeGreaterThan(1);
      }
      const overall = score(r.value);
      console.log(`seed scan: overall ${overall}`);
      expect(overall).toBeGreaterThanOrEqual(0.95);
    },
    40 * MINUTES,
  );

  it(
    'a scanned OFD (pages that are only images) goes through OCR; cancelling stops it cleanly',
    async () => {
      const dir = mkdtempSync(path.join(tmp, 'pages-'));
      execFileSync('pdftoppm', [
        '-r',
        '150',
        '-gray',
        '-jpeg',
        '-f',
        '2',
        '-l',
        '3',
        seedPdf,
        path.join(dir, 'p'),
      ]);
      const images = readdirSync(dir)
        .sort()
        .map((f) => ({ bytes: new Uint8Array(readFileSync(path.join(dir, f))), format: 'JPEG' as const }));
      const ofd = await makeOfd(images.map((image) => ({ image })));
      const one = await makeOfd(images.slice(0, 1).map((image) => ({ image })));
      const r = await ingestBytes(one, '扫描件.ofd');
      expect(r.problems.filter((p) => p.severity === 'error')).toEqual([]);
      const texts = r.value!.paragraphs.map((p) => p.text);
      expect(r.value!.format).toBe('ofd');
      expect(texts).toContain('一、总体要求');
      expect(texts).toContain('（一）产业结构优化升级行动');
      expect(texts.some((t) => t.startsWith('1.依法依规淘汰落后低效产能。'))).toBe(true);

      const stop = new AbortController();
      const seen: number[] = [];
      const c = await ingestBytes(ofd, '扫描件.ofd', {
        signal: stop.signal,
        onProgress: (p) => {
          seen.push(p.page);
          stop.abort(); // the clerk clicks 取消 while page 1 is being read
        },
      });
      expect(seen).toEqual([1]);
      expect(c.value).toBeNull();
      expect(c.problems[0]!.code).toBe('INGEST_CANCELLED');
      expect(c.problems[0]!.message).toMatch(/已取消/);
    },
    10 * MINUTES,
  );

  it(
    'an image-only PDF read directly by path also goes through OCR',
    async () => {
      const file = path.join(tmp, 'two-pages.pdf');
      writeFileSync(file, await makeScan(seedPdf, { pages: [2, 2], sealOnPage: 0 }));
      const r = await ingestFile(file);
      expect(r.value!.paragraphs.map((p) => p.text)).toContain('二、工作目标');
    },
    5 * MINUTES,
  );

  it(
    'a page stored as image strips (as many scanners write it) is put together and read whole',
    async () => {
      const file = path.join(tmp, 'strips.pdf');
      writeFileSync(file, await makeScan(seedPdf, { pages: [2, 2], sealOnPage: 0, strips: 7 }));
      const pdfjs = await loadPdfJs();
      const doc = await pdfjs.getDocument(documentOptions(new Uint8Array(readFileSync(file)))).promise;
      const pi = (await pdfPageImage(pdfjs, doc, 1))!;
      await doc.destroy();
      expect([pi.image.width, pi.image.height]).toEqual([1654, 2339]); // 7 strips of 335 rows, one page
      expect(pi.place!.h).toBeCloseTo(pi.heightPt, 1);
      const texts = (await ingestFile(file)).value!.paragraphs.map((p) => p.text);
      // the first strip holds the title, the last the section heading at the page's foot
      expect(texts.some((t) => t.includes('十大行动方案'))).toBe(true);
      expect(texts).toContain('二、工作目标');
      expect(texts).toContain('（一）产业结构优化升级行动');
    },
    5 * MINUTES,
  );
});
