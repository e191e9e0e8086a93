// (Re)generates the clerk-editable templates: templates/bulletin/bulletin.docx (工作进展通报)
// templates/reminder/reminder.docx (催办单), supervision (督办单) and return-notice (退回通知).
// Run: `npx tsx templates/build-templates.ts`.
// The generated .docx files are committed; clerks may restyle them in Word or WPS, and the
// exports pick up whatever they change. Layout after GB/T 9704-2012 (党政机关公文格式).
//
// Placeholders are typed whole, one key per place ({{通报期间}}); a paragraph holding only a
// block key ({{总体进展}}) is replaced by generated paragraphs and tables that take over
// that paragraph's formatting. Generated headings and tables use the Gw* styles below.
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import JSZip from 'jszip';
import {
  AlignmentType, BorderStyle, Document, DocumentGridType, Footer, LineRuleType, Packer, PageNumber, Paragraph,
  SectionType, Tab, Table, TableCell, TableLayoutType, TableRow, TabStopType, TextRun, WidthType,
  type IParagraphStyleOptions, type ISectionOptions,
} from 'docx';
import { setProps } from '../electron/core/export/ooxml';

const here = path.dirname(fileURLToPath(import.meta.url));

/** mm → twips, rounded (docx's own helper truncates: A4 would come out 11905 × 16837). */
const convertMillimetersToTwip = (mm: number) => Math.round((mm * 1440) / 25.4);

// GB/T 9704 fonts, set for every script so Word and WPS use them for Chinese (w:eastAsia)
const FANGSONG = '仿宋_GB2312';
const HEITI = '黑体';
const KAITI = '楷体_GB2312';
const XBS = '方正小标宋简体';
const SONG = '宋体';
const font = (name: string) => ({ ascii: name, hAnsi: name, eastAsia: name, cs: name });

const PT = 20; // twips per point
const LINE = 28 * PT; // exact 28 pt: 22 lines a page
const exact = (pt: number) => ({ line: pt * PT, lineRule: LineRuleType.EXACT, before: 0, after: 0 });

// A4 and the GB/T 9704 type area: 156 mm × 225 mm
export const PAGE = {
  width: convertMillimetersToTwip(210),
  height: convertMillimetersToTwip(297),
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
};
const TEXT_WIDTH = PAGE.width - PAGE.left - PAGE.right;
const CHAR16 = 16 * PT; // one character of 三号 (16 pt)
const CHAR14 = 14 * PT; // one character of 四号 (14 pt)

/** Styles shared by both templates; generated content refers to them by id. */
const STYLES: IParagraphStyleOptions[] = [
  // Normal carries the body font and size itself (not only the document defaults), and
  // condenses characters by 0.25 pt so exactly 28 三号 characters fill the 156 mm line in Word,
  // WPS and LibreOffice alike (a compressed character grid only works in Word)
  { id: 'Normal', name: 'Normal', quickFormat: true,
    run: { font: font(FANGSONG), size: 32, characterSpacing: -5 }, paragraph: { spacing: exact(28), alignment: AlignmentType.JUSTIFIED } },
  { id: 'GwBody', name: '公文正文', basedOn: 'Normal', next: 'GwBody', quickFormat: true,
    run: { font: font(FANGSONG), size: 32 }, paragraph: { spacing: exact(28), indent: { firstLineChars: 200, firstLine: 2 * CHAR16 }, alignment: AlignmentType.JUSTIFIED } },
  { id: 'GwNoIndent', name: '公文正文（顶格）', basedOn: 'GwBody', next: 'GwBody', quickFormat: true,
    paragraph: { indent: { firstLineChars: 0, firstLine: 0 } } },
  { id: 'GwTitle', name: '公文标题', basedOn: 'Normal', next: 'GwBody', quickFormat: true,
    run: { font: font(XBS), size: 44 }, paragraph: { spacing: exact(35), alignment: AlignmentType.CENTER } },
  { id: 'GwHeading1', name: '一级标题（黑体）', basedOn: 'GwBody', next: 'GwBody', quickFormat: true,
    run: { font: font(HEITI) }, paragraph: { outlineLevel: 0, keepNext: true } },
  { id: 'GwHeading2', name: '二级标题（楷体）', basedOn: 'GwBody', next: 'GwBody', quickFormat: true,
    run: { font: font(KAITI) }, paragraph: { outlineLevel: 1, keepNext: true } },
  { id: 'GwHeading3', name: '三级标题（仿宋加粗）', basedOn: 'GwBody', next: 'GwBody', quickFormat: true,
    run: { bold: true }, paragraph: { outlineLevel: 2, keepNext: true } },
  { id: 'GwRedHead', name: '发文机关标志', basedOn: 'Normal', next: 'GwBody',
    run: { font: font(XBS), size: 52, color: 'FF0000' }, paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 }, alignment: AlignmentType.CENTER } },
  { id: 'GwDocNo', name: '发文字号', basedOn: 'Normal', next: 'GwBody',
    run: { font: font(FANGSONG), size: 32 }, paragraph: { spacing: exact(28), alignment: AlignmentType.CENTER } },
  { id: 'GwSignature', name: '发文机关署名', basedOn: 'GwBody', next: 'GwBody',
    paragraph: { indent: { firstLineChars: 0, firstLine: 0, right: 2 * CHAR16 }, alignment: AlignmentType.RIGHT } },
  { id: 'GwDate', name: '成文日期', basedOn: 'GwBody', next: 'GwBody',
    paragraph: { indent: { firstLineChars: 0, firstLine: 0, right: 4 * CHAR16 }, alignment: AlignmentType.RIGHT } },
  { id: 'GwAttachNote', name: '附件说明', basedOn: 'GwBody', next: 'GwBody',
    paragraph: { indent: { left: 2 * CHAR16 + 3 * CHAR16, hanging: 3 * CHAR16 } } },
  { id: 'GwAttachLabel', name: '附件标识', basedOn: 'Normal', next: 'GwAttachTitle',
    run: { font: font(HEITI), size: 32 }, paragraph: { spacing: exact(28), alignment: AlignmentType.LEFT } },
  { id: 'GwAttachTitle', name: '附件标题', basedOn: 'GwTitle', next: 'GwBody', paragraph: { spacing: { ...exact(35), after: 0 } } },
  { id: 'GwSubtitle', name: '附件副标题（楷体）', basedOn: 'Normal', next: 'GwBody',
    run: { font: font(KAITI), size: 32 }, paragraph: { spacing: { ...exact(28), after: 160 }, alignment: AlignmentType.CENTER } },
  { id: 'GwTable', name: '表格文字', basedOn: 'Normal', next: 'GwTable',
    // 五号 (10.5 pt) on an exact 14-pt line: a landscape 附件 row holds a task in two or three lines
    run: { font: font(FANGSONG), size: 21 }, paragraph: { spacing: exact(14), alignment: AlignmentType.CENTER } },
  { id: 'GwTableHead', name: '表格标题行', basedOn: 'GwTable', next: 'GwTable',
    run: { font: font(HEITI), size: 21 }, paragraph: { keepNext: true } },
  { id: 'GwTableNote', name: '表注', basedOn: 'Normal', next: 'GwBody',
    run: { font: font(FANGSONG), size: 24 }, paragraph: { spacing: { ...exact(20), before: 120 }, alignment: AlignmentType.LEFT } },
  { id: 'GwBanji', name: '版记', basedOn: 'Normal', next: 'GwBanji',
    run: { font: font(FANGSONG), size: 28 }, paragraph: { spacing: exact(28), alignment: AlignmentType.LEFT } },
  { id: 'GwPageNumber', name: '页码', basedOn: 'Normal',
    run: { font: font(SONG), size: 28 }, paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO } } },
];

/** Paragraph styles that must not snap to the 28-pt line grid (titles, tables, 版记, page numbers). */
const OFF_GRID = ['GwTitle', 'GwRedHead', 'GwAttachTitle', 'GwTable', 'GwTableHead', 'GwTableNote', 'GwPageNumber', 'GwSubtitle'];

// 页码: — 1 — in 宋体 四号, odd pages right and even pages left, one character in from the edge
function pageNumber(side: 'odd' | 'even', before = 0): Paragraph {
  return new Paragraph({
    style: 'GwPageNumber',
    spacing: before ? { before } : undefined,
    alignment: side === 'odd' ? AlignmentType.RIGHT : AlignmentType.LEFT,
    indent: side === 'odd' ? { right: CHAR14 } : { left: CHAR14 },
    children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(SONG), size: 28 })],
  });
}

function pageFooter(side: 'odd' | 'even'): Footer {
  return new Footer({ children: [pageNumber(side)] });
}

/**
 * The last page's footer: the 版记 above the page number. A footer sits at the foot of the
 * page in Word, WPS and LibreOffice alike, which is where GB/T 9704 puts the 版记 (bottom
 * vertical alignment and floating tables are lost by LibreOffice).
 */
function banjiFooter(side: 'odd' | 'even'): Footer {
  return new Footer({ children: [banji(), pageNumber(side, convertMillimetersToTwip(5))] });
}


const pageProps = (extra: Partial<NonNullable<ISectionOptions['properties']>> = {}): NonNullable<ISectionOptions['properties']> => ({
  page: {
    size: { width: PAGE.width, height: PAGE.height },
    // the page number's rule sits 7 mm below the type area: footer ≈ 35 − 7 − 5 mm
    margin: { top: PAGE.top, bottom: PAGE.bottom, left: PAGE.left, right: PAGE.right, header: convertMillimetersToTwip(15), footer: convertMillimetersToTwip(23) },
  },
  // 22 lines a page: a 28-pt line grid (Word/WPS 文档网格 "只指定行网格"); the 28 characters a
  // line come from the condensed Normal style, not a character grid
  grid: { type: DocumentGridType.LINES, linePitch: LINE },
  ...extra,
});

const body = (text: string, style = 'GwBody') => new Paragraph({ style, children: [new TextRun(text)] });
const blank = () => new Paragraph({ style: 'GwNoIndent', children: [] });

/** 版记: rules as wide as the type area — a one-column table with top/bottom rules, no sides. */
function banji(): Table {
  type Rule = { style: (typeof BorderStyle)[keyof typeof BorderStyle]; size: number; color: string };
  const none: Rule = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
  const thick: Rule = { style: BorderStyle.SINGLE, size: 8, color: '000000' }; // 0.35 mm
  const thin: Rule = { style: BorderStyle.SINGLE, size: 6, color: '000000' };  // 0.25 mm
  const cell = (p: Paragraph, top: Rule, bottom: Rule) =>
    new TableCell({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      margins: { left: 0, right: 0, top: 0, bottom: 0 },
      borders: { top, bottom, left: none, right: none },
      children: [p],
    });
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: [TEXT_WIDTH],
    layout: TableLayoutType.FIXED,
    borders: { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none },
    rows: [
      new TableRow({
        children: [cell(new Paragraph({
          style: 'GwBanji',
          // 抄送 one character in; wrapped lines align after 抄送：
          indent: { left: CHAR14 * 4, hanging: CHAR14 * 3, right: CHAR14 },
          children: [new TextRun('抄送：{{抄送}}。')],
        }), thick, thin)],
      }),
      new TableRow({
        children: [cell(new Paragraph({
          style: 'GwBanji',
          indent: { left: CHAR14, right: CHAR14 },
          tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH - CHAR14 }],
          children: [new TextRun('{{印发机关}}'), new TextRun({ children: [new Tab()] }), new TextRun('{{印发日期}}印发')],
        }), none, thick)],
      }),
    ],
  });
}

/** Every template is a 公文 (GB/T 9704): 仿宋 三号 on a 28-pt line, the Gw styles, odd and even
 * page-number footers. Only the title and the sections differ. */
function gongwenDocument(title: string, sections: ISectionOptions[]): Document {
  return new Document({
    creator: '台账工作台',
    title,
    evenAndOddHeaderAndFooters: true,
    styles: {
      default: { document: { run: { font: font(FANGSONG), size: 32 }, paragraph: { spacing: exact(28) } } },
      paragraphStyles: STYLES,
      characterStyles: [{ id: 'GwHeading2Char', name: '二级标题字符（楷体）', run: { font: font(KAITI) } }],
    },
    sections,
  });
}

/** A section on the 公文 page with the odd/even page numbers. */
function onePageSection(children: ISectionOptions['children']): ISectionOptions {
  return { properties: pageProps(), footers: { default: pageFooter('odd'), even: pageFooter('even') }, children };
}

function bulletinDocument(): Document {
  const main = [
    new Paragraph({ style: 'GwRedHead', children: [new TextRun('{{发文机关}}')] }),
    blank(),
    // 第N期 (blank when no issue number is kept)
    new Paragraph({ style: 'GwDocNo', children: [new TextRun('{{期号}}')] }),
    new Paragraph({
      style: 'GwDocNo',
      // 红色分隔线 under the document number, as wide as the type area
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'FF0000', space: 8 } },
      children: [new TextRun('{{发文字号}}')],
    }),
    blank(),
    // two lines broken where the meaning breaks, the longer first (GB/T 9704 7.3.3: 梯形)
    new Paragraph({ style: 'GwTitle', children: [new TextRun('关于{{通报期间}}全市污染防治攻坚'), new TextRun({ text: '重点任务进展情况的通报', break: 1 })] }),
    blank(),
    body('{{主送机关}}：', 'GwNoIndent'),
    // the body is generated: 依据, 一、总体情况 … 特此通报 and the 附件 list (section 五 only
    // when target values were reported); its paragraphs take this paragraph's formatting
    body('{{正文}}'),
    blank(),
    body('{{署名}}', 'GwSignature'),
    body('{{成文日期}}', 'GwDate'),
  ];
  return gongwenDocument('工作进展通报模板', [
    onePageSection(main),
    {
        // 附件 (generated, each on its own page in its own section) and then the last page,
        // an even one (封四), whose footer holds the 版记
        properties: pageProps({ type: SectionType.EVEN_PAGE }),
        // the 版记 page is even (evenPage section), so only the even footer carries it: each
        // placeholder then appears once in the template
        footers: { default: pageFooter('odd'), even: banjiFooter('even') },
        children: [body('{{附件}}', 'GwNoIndent'), new Paragraph({ style: 'GwBanji', children: [] })],
    },
  ]);
}

function reminderDocument(): Document {
  // a one-page notice: title, number, addressee, the tasks table, what to do by when
  const children = [
    new Paragraph({ style: 'GwTitle', children: [new TextRun('污染防治攻坚重点任务催办单')] }),
    new Paragraph({ style: 'GwDocNo', children: [new TextRun('{{催办编号}}')] }),
    blank(),
    body('{{单位}}：', 'GwNoIndent'),
    body('根据{{通报期间}}全市污染防治攻坚重点任务调度情况，截至{{截止日期}}，你单位承担的以下{{任务数}}项任务进展滞后或已超过完成时限，现予催办：'),
    body('{{催办事项}}', 'GwNoIndent'),
    body('请你单位高度重视，逐项分析原因，明确整改措施和完成时限，加快推进，并于{{反馈时限}}前将整改落实情况书面报送{{发文机关}}。'),
    // 联系人：…；联系电话：…。 with only what is set (no line when neither is)
    body('{{联系方式}}'),
    blank(),
    body('{{署名}}', 'GwSignature'),
    body('{{成文日期}}', 'GwDate'),
  ];
  return gongwenDocument('催办单模板', [onePageSection(children)]);
}

function supervisionDocument(): Document {
  // 三色督办单: the colour in the title, the form (督办号, 预警等级, 责任单位) and the tasks
  // (工作内容, 完成时限, 落实情况, 预警等级), what the colour asks, by when, the rule
  const children = [
    new Paragraph({ style: 'GwTitle', children: [new TextRun('污染防治攻坚重点任务{{预警颜色}}督办单')] }),
    new Paragraph({ style: 'GwDocNo', children: [new TextRun('{{督办号}}')] }),
    blank(),
    body('{{单位}}：', 'GwNoIndent'),
    body('根据{{通报期间}}全市污染防治攻坚重点任务调度情况，截至{{截止日期}}，你单位承担的以下{{任务数}}项任务列入{{预警颜色}}预警，现予督办：'),
    body('{{督办事项}}', 'GwNoIndent'),
    body('{{办理要求}}，并于{{反馈时限}}前将落实情况书面报送{{发文机关}}。'),
    new Paragraph({ style: 'GwTableNote', children: [new TextRun('预警规则：{{预警规则}}')] }),
    body('{{联系方式}}'),
    blank(),
    body('{{署名}}', 'GwSignature'),
    body('{{成文日期}}', 'GwDate'),
  ];
  return gongwenDocument('督办单模板', [onePageSection(children)]);
}

function returnNoticeDocument(): Document {
  // 退回通知: one page to a county whose submission was returned — which file, the clerk's
  // comment (a block: one paragraph per line), the rows that need work, and by when to resend
  const children = [
    new Paragraph({ style: 'GwTitle', children: [new TextRun('县区报送表退回通知')] }),
    new Paragraph({ style: 'GwDocNo', children: [new TextRun('{{通知编号}}')] }),
    blank(),
    body('{{单位}}：', 'GwNoIndent'),
    body('你单位于{{收到日期}}报送的{{通报期间}}污染防治攻坚重点任务进展填报表（{{报送文件}}），经审核，存在以下问题，现予退回：'),
    body('{{退回意见}}'),
    body('{{退回事项}}'),
    body('退回的报送表不计入本期进展统计和通报。请你单位按上述意见逐项修改完善，于{{重报时限}}前重新报送{{发文机关}}。'),
    body('{{联系方式}}'),
    blank(),
    body('{{署名}}', 'GwSignature'),
    body('{{成文日期}}', 'GwDate'),
  ];
  return gongwenDocument('退回通知模板', [onePageSection(children)]);
}

/** Table styles: no extra space between Chinese and digits (keeps 2025年12月31日 on one line). */
const TIGHT = ['GwTable', 'GwTableHead', 'GwTableNote'];

/** Paragraph properties docx has no option for: off-grid styles, tight table text. */
async function finish(buf: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  let styles = await zip.file('word/styles.xml')!.async('string');
  for (const id of new Set([...OFF_GRID, ...TIGHT])) {
    styles = styles.replace(new RegExp(`(<w:style\\b[^>]*w:styleId="${id}"[^>]*>)([\\s\\S]*?)(</w:style>)`), (_m, open: string, inner: string, close: string) => {
      const pPr = inner.match(/<w:pPr>[\s\S]*?<\/w:pPr>|<w:pPr\/>/)?.[0];
      const changes: Record<string, string> = {};
      if (OFF_GRID.includes(id)) changes['snapToGrid'] = '<w:snapToGrid w:val="0"/>';
      if (TIGHT.includes(id)) Object.assign(changes, { autoSpaceDE: '<w:autoSpaceDE w:val="0"/>', autoSpaceDN: '<w:autoSpaceDN w:val="0"/>' });
      const next = setProps(pPr ?? '', 'w:pPr', changes);
      const rest = pPr ? inner.replace(pPr, next) : inner.replace(/(<w:rPr>)/, `${next}$1`);
      return open + (rest.includes(next) ? rest : rest + next) + close;
    });
  }
  zip.file('word/styles.xml', styles);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export async function buildTemplates(
  outDir = here,
): Promise<{ bulletin: string; reminder: string; supervision: string; returnNotice: string }> {
  const bulletin = path.join(outDir, 'bulletin', 'bulletin.docx');
  const reminder = path.join(outDir, 'reminder', 'reminder.docx');
  const supervision = path.join(outDir, 'supervision', 'supervision.docx');
  const returnNotice = path.join(outDir, 'return-notice', 'return-notice.docx');
  for (const f of [bulletin, reminder, supervision, returnNotice]) mkdirSync(path.dirname(f), { recursive: true });
  writeFileSync(bulletin, await finish(await Packer.toBuffer(bulletinDocument())));
  writeFileSync(reminder, await finish(await Packer.toBuffer(reminderDocument())));
  writeFileSync(supervision, await finish(await Packer.toBuffer(supervisionDocument())));
  writeFileSync(returnNotice, await finish(await Packer.toBuffer(returnNoticeDocument())));
  return { bulletin, reminder, supervision, returnNotice };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const r = await buildTemplates();
  console.error(`已生成模板：${Object.values(r).map((f) => path.relative(process.cwd(), f)).join('、')}`);
}
