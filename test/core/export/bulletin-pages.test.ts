// The seed month's bulletin as `npm run demo` makes it (the seed plan imported, 兰考县 and 杞县
// filling their 2025-09 workbooks the way a county clerk does, the rest silent, 汴环攻坚办, dated
// 2025-10-10), rendered once by LibreOffice: the body runs at most three pages before 附件1
// starts, and every 附件 table is as wide as its section's type area (gridCol widths, which
// WPS reads first, sum to the page width less the margins).
// LibreOffice is slow on a busy machine: one conversion, its own profile, a generous timeout.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { importPlanFile, openLedger, setSetting, type DB } from '../../../electron/core/ledger/index';
import { exportBulletin } from '../../../electron/core/export/bulletin';
import { childEls, findAll, parseLosslessXml, type XElement } from '../../../electron/core/export/xml-tree';
import { importSubmissions } from '../../../electron/core/submissions/import';
import { loadSubmissionTasks } from '../../../electron/core/submissions/ledger-adapter';
import { writeSubmissionWorkbook } from '../../../electron/core/submissions/generate';
import { loadSubmissionTemplate } from '../../../electron/core/submissions/template-spec';
import { fillLikeACounty } from '../../fill-like-a-county';
import { hasSoffice, pdfPageSizes, pdfText, toPdf } from './read-docx';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const PERIOD = '2025-09';
/** GB/T 9704: the body of a 通报 like this one runs one to three pages (the bound). */
const MAX_BODY_PAGES = 3;

let docx: Buffer;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bulletin-pages-'));
  const db: DB = openLedger(path.join(dir, 'ledger.sqlite'));
  await importPlanFile(db, path.join(root, 'seeds/kaifeng-2025-15.txt'), { operator: '演示' });
  const files: string[] = [];
  for (const [i, county] of ['兰考县', '杞县'].entries()) {
    const f = path.join(dir, `${county}.xlsx`);
    await writeSubmissionWorkbook(f, {
      county,
      period: PERIOD,
      tasks: loadSubmissionTasks(db).tasks,
      template: loadSubmissionTemplate().value!,
    });
    await fillLikeACounty(f, i + 1); // the demo's seeds
    files.push(f);
  }
  expect((await importSubmissions(db, files, { operator: '演示' })).applied).toBe(true);
  setSetting(db, 'bulletin.doc_prefix', '汴环攻坚办');
  const out = path.join(dir, `工作进展通报-${PERIOD}.docx`);
  await exportBulletin(db, { period: PERIOD, out, date: '2025-10-10' });
  docx = readFileSync(out);
}, 120_000);

const attr = (e: XElement | undefined, name: string) =>
  Number(e?.attrs.match(new RegExp(`\\bw:${name}="(\\d+)"`))?.[1] ?? NaN);

describe('the seed month’s bulletin on paper', () => {
  it('every 附件 table is as wide as its section’s type area (gridCol sums)', async () => {
    const JSZip = (await import('jszip')).default;
    const xml = await (await JSZip.loadAsync(docx)).file('word/document.xml')!.async('string');
    const body = findAll(parseLosslessXml(xml), 'w:body')[0]!;
    // a section ends at the sectPr in a paragraph's pPr (or the body's own, for the last)
    const sections: { tables: XElement[]; sectPr?: XElement }[] = [{ tables: [] }];
    for (const el of childEls(body)) {
      if (el.name === 'w:tbl') sections.at(-1)!.tables.push(el);
      const sp = el.name === 'w:sectPr' ? el : el.name === 'w:p' ? findAll([el], 'w:sectPr')[0] : undefined;
      if (sp) {
        sections.at(-1)!.sectPr = sp;
        sections.push({ tables: [] });
      }
    }
    const withTables = sections.filter((s) => s.tables.length);
    expect(withTables.length).toBeGreaterThanOrEqual(3); // 附件1, 2, 3
    for (const s of withTables) {
      const pg = findAll([s.sectPr!], 'w:pgSz')[0];
      const mar = findAll([s.sectPr!], 'w:pgMar')[0];
      const text = attr(pg, 'w') - attr(mar, 'left') - attr(mar, 'right');
      expect(text).toBeGreaterThan(0);
      for (const t of s.tables) {
        const grid = findAll([t], 'w:gridCol').reduce((a, g) => a + attr(g, 'w'), 0);
        // within 0.5% of the type area (the column weights are rounded to whole twips)
        expect(Math.abs(grid - text) / text).toBeLessThan(0.005);
      }
    }
  });

  const soffice = hasSoffice();
  if (!soffice)
    console.log(
      '跳过 LibreOffice 排版检查：未安装 LibreOffice（soffice）或 poppler-utils（pdfinfo/pdftotext）。',
    );
  it.skipIf(!soffice)(
    'rendered by LibreOffice: at most three body pages before 附件1',
    () => {
      const pdf = toPdf(docx, 'bulletin.docx', 220_000);
      const pages = pdfPageSizes(pdf).length;
      const start = Array.from({ length: pages }, (_, i) => i + 1).find((p) => {
        const first = pdfText(pdf, p)
          .split('\n')
          .map((l) => l.replace(/\s+/g, ''))
          .find(Boolean);
        return first === '附件1';
      });
      expect(start, '附件1 的起始页').toBeDefined();
      console.log(`正文 ${start! - 1} 页，共 ${pages} 页`);
      expect(start! - 1).toBeLessThanOrEqual(MAX_BODY_PAGES);
      expect(start! - 1).toBeGreaterThanOrEqual(1);
    },
    240_000,
  );
});
