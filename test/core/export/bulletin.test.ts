// The bulletin end to end: ledger → .docx, opened again and checked against the ledger's own
// read API (counts, ranks, the overdue list), and against GB/T 9704 (fonts, sizes, margins,
// page numbers, 版记); a template restyled the way Word saves it is picked up; LibreOffice
// renders it on A4 with the text in place.
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { listTasks, periodFigures, type DB } from '../../../electron/core/ledger/index';
import { bulletinPreview, exportBulletin, renderBulletin } from '../../../electron/core/export/bulletin';
import { collectBulletin } from '../../../electron/core/export/collect-bulletin';
import { setRequirements } from '../../../electron/core/export/settings-keys';
import { loadTemplate } from '../../../electron/core/export/template-path';
import { PLACEHOLDER } from '../../../electron/core/export/docx-fill';
import { exportLedger, PERIOD } from './fixture';
import {
  attrOf,
  elements,
  hasSoffice,
  pdfPageSizes,
  pdfText,
  readDocx,
  styleXml,
  toPdf,
  type DocxParts,
} from './read-docx';
import os from 'node:os';
import path from 'node:path';
import { mkdtempSync, readFileSync } from 'node:fs';

let db: DB;
let buf: Buffer;
let doc: DocxParts;
const text = () => doc.paragraphs.join('\n');

async function bulletin(template?: Uint8Array): Promise<Buffer> {
  const data = collectBulletin(db, PERIOD);
  return (await renderBulletin(data, template ?? loadTemplate('bulletin', undefined))).buffer;
}

beforeAll(async () => {
  db = exportLedger();
  buf = await bulletin();
  doc = await readDocx(buf);
});

describe('bulletin content agrees with the ledger', () => {
  it('总体情况: totals with shares, the change against August, by plan — all from the period figures', () => {
    const f = periodFigures(db, PERIOD);
    const t = f.totals;
    const share = (n: number) => `${(Math.round((n / t.total) * 1000) / 10).toFixed(1)}%`;
    expect(text()).toContain(
      `全市2个方案共有重点任务${t.total}项。其中，已完成${t.done}项，占比${share(t.done)}；序时推进${t.on_track}项，占比${share(t.on_track)}；进度滞后${t.lagging}项，占比${share(t.lagging)}；未启动${t.not_started}项，占比${share(t.not_started)}`,
    );
    const before = periodFigures(db, '2025-08').totals;
    const d = t.done - before.done;
    expect(text()).toContain(
      `与2025年8月相比，已完成任务${d > 0 ? `增加${d}项` : d < 0 ? `减少${-d}项` : '持平'}`,
    );
    expect(text()).toContain(`大气${f.plans[0]!.total}项`);
    expect(text()).toContain('按照汴政办〔2025〕15号文件要求，开封市生态环境保护工作专班办公室对2025年9月份');
  });

  it('各县区推进情况: reporting and silent counties named, ranks by the rule with ties, 附件 table equal to the figures', () => {
    const f = periodFigures(db, PERIOD);
    const silent = f.counties.filter((c) => c.total > 0 && !c.reported).map((c) => c.county);
    expect(silent).toEqual(['通许县']);
    expect(text()).toContain('通许县1个县区未报送。未报送的县区不参与排名');
    // 通许县 reported in no month: its tasks are 未报送, not 未开始
    const tx = f.counties.find((c) => c.county === '通许县')!;
    expect([tx.unreported, tx.not_started, tx.rank]).toEqual([tx.total, 0, null]);
    const best = f.counties.filter((c) => c.rank === 1).map((c) => c.county);
    expect(best).toEqual(['龙亭区', '顺河回族区']);
    expect(text()).toContain('按完成率排名（详见附件2），龙亭区和顺河回族区并列第一名，均为50.0%');
    const table = doc.tables.find((x) => x[0]!.includes('本期报送'))!;
    const h = table[0]!;
    for (const c of f.counties.filter((x) => x.total > 0)) {
      const row = table.find((r) => r[h.indexOf('县区')] === c.county)!;
      expect(row[h.indexOf('承担任务')]).toBe(String(c.total));
      expect(row[h.indexOf('已完成')]).toBe(String(c.done));
      expect(row[h.indexOf('超期')]).toBe(String(c.overdue));
    }
    expect(doc.paragraphs.some((p) => p.includes('得分相同的并列'))).toBe(true);
  });

  it('超期和滞后情况: counts by county and lead unit with item numbers; 附件1 lists each task once with the county’s words', () => {
    const f = periodFigures(db, PERIOD);
    expect(f.tasks.filter((t) => t.list === 'overdue').map((t) => t.code)).toEqual(['大气-2']);
    expect(text()).toContain('市发展改革委牵头的超期1项（大气-2）');
    expect(text()).toContain('兰考县超期1项（大气-2）');
    const lists = doc.tables.find((x) => x[0]!.includes('未完成的县区（单位）及存在问题'))!;
    const row = lists.find((r) => r[1] === '大气-2')!;
    expect(row[8]).toContain('兰考县50%（企业搬迁协调难度大）');
    expect(row[4]).toContain('超期30天');
    expect(lists.some((r) => r.join('').includes('=HYPERLINK("http://x","点我")'))).toBe(true);
    const codes = lists
      .filter((r) => r.length > 1)
      .slice(1)
      .map((r) => r[1]);
    expect(new Set(codes).size).toBe(codes.length);
    expect(text()).not.toContain('当日到期');
  });

  it('目标指标 only when values were reported; 下步工作要求 一是/二是 from settings', async () => {
    expect(text()).toContain('四、目标指标完成情况');
    expect(text()).toContain('未达到目标的：鼓楼区清洁运输比例72%（目标≥80%，大气-3）。');
    const t = doc.tables.find((x) => x[0]!.includes('达标情况'))!;
    expect(t.slice(1).map((r) => [r[4], r[5], r[6]])).toEqual([
      ['龙亭区', '85%', '达标'],
      ['鼓楼区', '72%', '未达标'],
      ['杞县', '90%', '达标'],
    ]);
    expect(text()).toContain('一是压实工作责任。'); // the default until a clerk writes this month's
    expect(text()).toContain('三单预警督办');
    setRequirements(db, PERIOD, '一是抓好秋冬季攻坚。各县区要提前谋划。\n请各单位于10月5日前报送。');
    const d2 = await readDocx(await bulletin());
    expect(d2.paragraphs).toContain('一是抓好秋冬季攻坚。各县区要提前谋划。');
    expect(d2.paragraphs).toContain('请各单位于10月5日前报送。');
    expect(d2.document).toContain('<w:rStyle w:val="GwHeading2Char"/>');
  });

  it('the preview is the document: the same blocks, tables as tables', async () => {
    const pv = bulletinPreview(db, PERIOD);
    const now = await readDocx(await bulletin());
    expect(pv.title).toBe('关于2025年9月份全市污染防治攻坚重点任务进展情况的通报');
    expect(now.paragraphs).toContain(pv.title);
    for (const part of pv.body)
      for (const b of part.blocks)
        if (b.kind === 'p') expect(now.paragraphs).toContain((b.lead ?? '') + b.text);
    expect(pv.body.map((s) => s.heading).filter(Boolean)).toEqual([
      '一、总体情况',
      '二、各县区推进情况',
      '三、超期和滞后情况',
      '四、目标指标完成情况',
      '五、下步工作要求',
    ]);
    expect(pv.attachments.map((a) => a.table.header[0]![0])).toEqual(['序号', '排名', '序号', '任务编号']);
    expect(pv.problems).toEqual([]);
  });

  it('附件3 lists every task with its 序时进度 and colour', () => {
    const detail = doc.tables.find((t) => t[0]![7] === '各县区（单位）进展')!;
    const codes = detail
      .slice(1)
      .filter((r) => r.length === 8)
      .map((r) => r[1]);
    expect(codes).toEqual(listTasks(db, { period: PERIOD }).map((t) => t.code));
    expect(detail.slice(1).find((r) => r[1] === '大气-2')![6]).toBe('进度滞后\n超期30天');
    expect(doc.paragraphs).toContain('附件1');
    expect(doc.paragraphs).toContain('附件3');
    expect(doc.document).toContain('w:fill="FFC7CE"');
  });
});

describe('bulletin format (GB/T 9704)', () => {
  it('issuer, document number (〔〕, no leading zeros), date in Chinese, 版记 with 抄送 and 印发', () => {
    expect(doc.paragraphs.slice(0, 8)).toEqual(
      expect.arrayContaining([
        '开封市生态环境保护工作专班办公室',
        '汴环专办〔2025〕12号',
        '关于2025年9月份全市污染防治攻坚重点任务进展情况的通报',
      ]),
    );
    expect(doc.paragraphs).toContain('2025年9月30日');
    const banji = Object.values(doc.footers).find((f) => f.includes('印发'))!;
    const lines = elements(banji, 'w:p').map((p) => p);
    expect(lines.length).toBeGreaterThan(1);
    expect(banji).toContain('抄送：市委办公室，市人大常委会办公室，市政府办公室。');
    expect(banji).toContain('开封市生态环境保护工作专班办公室');
    expect(banji).toContain('2025年9月30日印发');
    // rules as wide as the type area: a table of the full text width, thick-thin-thick
    expect(attrOf(banji, 'tblW', 'w')).toBe(String(11906 - 1587 - 1474));
    expect(
      banji
        .match(/<w:(top|bottom) w:val="single"[^>]*w:sz="(\d+)"/g)!
        .map((m) => m.match(/w:sz="(\d+)"/)![1]),
    ).toEqual(['8', '6', '8']);
  });

  it('fonts through w:eastAsia: title 方正小标宋简体 22 pt, body 仿宋_GB2312 16 pt exact 28 pt with a two-character indent, headings 黑体 and 楷体_GB2312', () => {
    const font = (id: string) => attrOf(styleXml(doc.styles, id), 'rFonts', 'eastAsia');
    const size = (id: string) => attrOf(styleXml(doc.styles, id), 'sz', 'val');
    expect([font('GwTitle'), size('GwTitle')]).toEqual(['方正小标宋简体', '44']);
    expect([font('GwBody'), size('GwBody')]).toEqual(['仿宋_GB2312', '32']);
    expect(font('GwHeading1')).toBe('黑体');
    expect(font('GwHeading2')).toBe('楷体_GB2312');
    const body = styleXml(doc.styles, 'GwBody');
    expect(attrOf(body, 'spacing', 'line')).toBe('560');
    expect(attrOf(body, 'spacing', 'lineRule')).toBe('exact');
    expect(attrOf(body, 'ind', 'firstLineChars')).toBe('200');
    // 28 characters a line: 16 pt condensed by 0.25 pt × 28 fits the 156 mm line, 29 do not
    expect(attrOf(styleXml(doc.styles, 'Normal'), 'spacing', 'val')).toBe('-5');
    expect(28 * (320 - 5)).toBeLessThanOrEqual(11906 - 1587 - 1474);
    expect(29 * (320 - 5)).toBeGreaterThan(11906 - 1587 - 1474);
    // body paragraphs reference the body style; 一、 headings the 黑体 style
    expect(doc.document).toContain('<w:pStyle w:val="GwHeading1"/>');
  });

  it('A4 with 37/35/28/26 mm margins; 附件 pages landscape with the margins turned', () => {
    const portrait = doc.sections.filter((s) => attrOf(s, 'pgSz', 'orient') !== 'landscape');
    const landscape = doc.sections.filter((s) => attrOf(s, 'pgSz', 'orient') === 'landscape');
    expect(portrait.length).toBeGreaterThanOrEqual(2);
    expect(landscape.length).toBe(4);
    for (const s of portrait) {
      expect([attrOf(s, 'pgSz', 'w'), attrOf(s, 'pgSz', 'h')]).toEqual(['11906', '16838']);
      expect(['top', 'bottom', 'left', 'right'].map((k) => attrOf(s, 'pgMar', k))).toEqual([
        '2098',
        '1984',
        '1587',
        '1474',
      ]);
    }
    for (const s of landscape)
      expect([attrOf(s, 'pgSz', 'w'), attrOf(s, 'pgSz', 'h')]).toEqual(['16838', '11906']);
    // the last section (版记 page) starts on an even page
    expect(doc.sections.at(-1)).toContain('<w:type w:val="evenPage"/>');
  });

  it('page numbers — 1 — in 宋体 14 pt, odd pages right, even pages left', () => {
    expect(doc.settings).toContain('<w:evenAndOddHeaders/>');
    const withPage = Object.values(doc.footers).filter((f) => f.includes('PAGE'));
    expect(withPage.length).toBeGreaterThanOrEqual(2);
    for (const f of withPage) {
      expect(f).toMatch(/<w:fldChar w:fldCharType="begin"\/>/);
      expect(f).toContain('>— <');
      expect(f).toContain('> —<');
      expect(f).toContain('w:eastAsia="宋体"');
      expect(f).toContain('<w:sz w:val="28"/>');
    }
    const sides = withPage.map((f) => attrOf(f.slice(f.lastIndexOf('GwPageNumber')), 'jc', 'val'));
    expect(new Set(sides)).toEqual(new Set(['right', 'left']));
  });

  it('tables: fixed layout, DXA widths as wide as the type area, header row repeated', () => {
    const tables = elements(doc.document, 'w:tbl');
    expect(tables.length).toBeGreaterThanOrEqual(4);
    const xml = doc.document;
    expect(xml.match(/<w:tbl>/g)!.length).toBe(xml.match(/<w:tblLayout w:type="fixed"\/>/g)!.length);
    expect(xml.match(/<w:tbl>/g)!.length).toBe(xml.match(/<w:tblHeader\/>/g)!.length);
    const widths = [...xml.matchAll(/<w:tblW w:w="(\d+)" w:type="dxa"\/>/g)].map((m) => Number(m[1]));
    // the body has no tables (they are in the 附件); every 附件 table spans the landscape type area
    expect(new Set(widths)).toEqual(new Set([16838 - 1984 - 2098]));
  });
});

describe('the clerk-editable template', () => {
  it('every placeholder of the template is filled, each key appears once, none is left over', async () => {
    const zip = await JSZip.loadAsync(loadTemplate('bulletin', undefined));
    const keys: string[] = [];
    for (const name of Object.keys(zip.files).filter((n) =>
      /^word\/(document|footer\d*|header\d*)\.xml$/.test(n),
    )) {
      const parts = await readDocx(
        await (async () => {
          const z = new JSZip();
          z.file('word/document.xml', await zip.file(name)!.async('string'));
          return z.generateAsync({ type: 'nodebuffer' });
        })(),
      );
      for (const p of parts.paragraphs) for (const m of p.matchAll(PLACEHOLDER)) keys.push(m[1]!);
    }
    expect(keys.length).toBe(new Set(keys).size);
    const { report } = await renderBulletin(collectBulletin(db, PERIOD), loadTemplate('bulletin', undefined));
    expect(report.unknown).toEqual([]);
    expect(new Set(report.used)).toEqual(new Set(keys));
    expect(text()).not.toContain('{{');
    for (const f of Object.values(doc.footers)) expect(f).not.toContain('{{');
  });

  it('a template restyled in Word (title font changed, placeholder split into runs, a fixed paragraph added) is used as is', async () => {
    const zip = await JSZip.loadAsync(loadTemplate('bulletin', undefined));
    let xml = await zip.file('word/document.xml')!.async('string');
    // what Word writes after the clerk picks 黑体 for the title and retypes part of it
    xml = xml.replace(
      /<w:r><w:t xml:space="preserve">关于\{\{通报期间\}\}全市污染防治攻坚<\/w:t><\/w:r>/,
      '<w:r w:rsidR="00C1"><w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体" w:hint="eastAsia"/></w:rPr><w:t>关于{{通报</w:t></w:r>' +
        '<w:proofErr w:type="gramStart"/><w:r w:rsidR="00C2"><w:rPr><w:rFonts w:ascii="黑体" w:hAnsi="黑体" w:eastAsia="黑体"/></w:rPr><w:t>期间}}全市污染防治攻坚</w:t></w:r>',
    );
    expect(xml).toContain('关于{{通报</w:t>');
    // an extra fixed paragraph after the opening one
    xml = xml.replace(
      /(<w:p>(?:(?!<w:p>).)*?\{\{主送机关\}\}：<\/w:t><\/w:r><\/w:p>)/,
      '$1<w:p><w:pPr><w:pStyle w:val="GwBody"/></w:pPr><w:r><w:t>（此件公开发布）</w:t></w:r></w:p>',
    );
    expect(xml).toContain('（此件公开发布）');
    // and the body style switched to 楷体 in styles.xml
    const styles = (await zip.file('word/styles.xml')!.async('string')).replace(
      /(<w:style\b[^>]*w:styleId="GwBody"[^>]*>[\s\S]*?w:eastAsia=")仿宋_GB2312(")/,
      '$1楷体_GB2312$2',
    );
    zip.file('word/document.xml', xml);
    zip.file('word/styles.xml', styles);
    const edited = await zip.generateAsync({ type: 'nodebuffer' });
    const out = await readDocx(await bulletin(edited));
    const title = '关于2025年9月份全市污染防治攻坚重点任务进展情况的通报';
    expect(out.paragraphs).toContain(title);
    const titleXml = elements(out.document, 'w:p').find(
      (p) => p.children.some(() => true) && JSON.stringify(p).includes('关于2025年9月份'),
    )!;
    expect(JSON.stringify(titleXml)).toContain('w:eastAsia=\\"黑体\\"');
    const i = out.paragraphs.findIndex((p) => p.startsWith('各县（区）人民政府'));
    expect(out.paragraphs[i + 1]).toBe('（此件公开发布）');
    expect(attrOf(styleXml(out.styles, 'GwBody'), 'rFonts', 'eastAsia')).toBe('楷体_GB2312');
    expect(out.paragraphs).toContain('一、总体情况');
  });

  it('exportBulletin writes the file and reports the template', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'taizhang-bulletin-'));
    const file = path.join(dir, '通报.docx');
    const r = await exportBulletin(db, { period: PERIOD, out: file, number: 7, date: '2025-10-08' });
    const d = await readDocx(readFileSync(file));
    expect(d.paragraphs).toContain('汴环专办〔2025〕7号');
    expect(d.paragraphs).toContain('2025年10月8日');
    expect(r.report.unknown).toEqual([]);
  });
});

const soffice = hasSoffice();
describe.skipIf(!soffice)(
  `LibreOffice renders the bulletin${soffice ? '' : '（跳过：未安装 LibreOffice 或 poppler-utils 的 pdfinfo/pdftotext）'}`,
  () => {
    it('converts to PDF: A4 pages (landscape for the attachments), the text in place, 28 characters a line', () => {
      const pdf = toPdf(buf, 'bulletin.docx');
      const sizes = pdfPageSizes(pdf);
      expect(sizes.length).toBeGreaterThanOrEqual(5);
      for (const s of sizes)
        expect([Math.round(Math.min(s.w, s.h)), Math.round(Math.max(s.w, s.h))]).toEqual([595, 842]);
      expect(sizes.some((s) => s.w > s.h)).toBe(true);
      const all = pdfText(pdf).replace(/[ \t]+/g, '');
      for (const s of [
        '开封市生态环境保护工作专班办公室',
        '汴环专办〔2025〕12号',
        '一、总体情况',
        '特此通报。',
        '附件1',
        '2025年9月30日印发',
        '—1—',
      ])
        expect(all).toContain(s);
      // the 主送 line fills exactly 28 characters
      const first = pdfText(pdf, 1)
        .split('\n')
        .map((l) => l.replace(/\s+/g, ''))
        .filter(Boolean);
      const line = first.find((l) => l.startsWith('各县（区）人民政府'))!;
      expect([...line].length).toBe(28);
    });
  },
);
