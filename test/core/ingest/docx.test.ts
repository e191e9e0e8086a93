// DOCX reader: the seed; automatic numbering built with the docx package and by hand
// (restarts, shared abstract definitions, style-linked headings); tables, revisions,
// fields, breaks, hidden text and text boxes; and every kind of bad .docx.
import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { AlignmentType, Document, LevelFormat, Packer, Paragraph } from 'docx';
import { ingestBytes, ingestFile } from '../../../electron/core/ingest/index';
import { formatNumber } from '../../../electron/core/ingest/number-formats';
import { encryptedDocx, legacyDoc } from './make-ole';

const root = path.resolve(__dirname, '../../..');
const seed = path.join(root, 'seeds/kaifeng-2025-15.docx');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'tz-docx-'));
const write = (name: string, bytes: Uint8Array) => {
  const f = path.join(tmp, name);
  writeFileSync(f, bytes);
  return f;
};

const W =
  'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml"';

/** A .docx assembled from raw WordprocessingML parts. */
async function rawDocx(
  body: string,
  parts: { numbering?: string; styles?: string } = {},
): Promise<Uint8Array> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  const rels: string[] = [];
  if (parts.numbering) {
    zip.file(
      'word/numbering.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:numbering ${W}>${parts.numbering}</w:numbering>`,
    );
    rels.push(
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>',
    );
  }
  if (parts.styles) {
    zip.file(
      'word/styles.xml',
      `<?xml version="1.0" encoding="UTF-8"?><w:styles ${W}>${parts.styles}</w:styles>`,
    );
    rels.push(
      '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>',
    );
  }
  zip.file(
    'word/_rels/document.xml.rels',
    `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.join('')}</Relationships>`,
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}<w:sectPr/></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const p = (text: string, pPr = '') =>
  `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}<w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
const num = (numId: number, ilvl: number) =>
  `<w:numPr><w:ilvl w:val="${ilvl}"/><w:numId w:val="${numId}"/></w:numPr>`;
const lvl = (ilvl: number, fmt: string, text: string, extra = '') =>
  `<w:lvl w:ilvl="${ilvl}"><w:start w:val="1"/><w:numFmt w:val="${fmt}"/><w:lvlText w:val="${text}"/>${extra}</w:lvl>`;
const outline =
  lvl(0, 'chineseCounting', '%1、') +
  lvl(1, 'chineseCounting', '（%2）') +
  lvl(2, 'decimal', '%3.') +
  lvl(3, 'decimal', '（%4）');

async function texts(bytes: Uint8Array, name = 'test.docx'): Promise<string[]> {
  const r = await ingestBytes(bytes, name);
  expect(r.problems).toEqual([]);
  return r.value!.paragraphs.map((x) => x.text);
}

describe('the seed DOCX', async () => {
  const r = await ingestFile(seed);
  const doc = r.value!;
  const find = (start: string) => doc.paragraphs.find((x) => x.text.startsWith(start))!;

  it('reads every paragraph in order with its index', () => {
    expect(r.problems).toEqual([]);
    expect(doc.format).toBe('docx');
    expect(doc.paragraphs).toHaveLength(152);
    expect(doc.paragraphs.map((x) => x.source.paragraph)).toEqual(Array.from({ length: 152 }, (_, i) => i));
  });

  it('keeps task paragraphs whole and headings separate', () => {
    expect(find('1.依法依规淘汰落后低效产能').text).toContain(
      '（市工业和信息化局、市发展改革委、市生态环境局按职责分工负责，各县区政府、城乡一体化示范区管委会具体落实）',
    );
    for (const h of ['一、总体要求', '三、主要任务', '（一）产业结构优化升级行动'])
      expect(doc.paragraphs.map((x) => x.text)).toContain(h);
  });

  it('gives layout hints: centred titles in 22 pt, body in 16 pt', () => {
    expect(find('开封市2025年大气污染防治攻坚十大行动方案').hints).toMatchObject({
      centred: true,
      fontSize: 22,
    });
    expect(find('开封市人民政府办公室文件').hints).toMatchObject({ centred: true, fontSize: 40 });
    expect(find('一、总体要求').hints?.centred).toBeUndefined();
    expect(find('一、总体要求').hints?.fontSize).toBe(16);
  });
});

describe('automatic numbering', () => {
  it('renders 一、（一）1.（1） from a document built with the docx package, levels resetting and a new instance restarting', async () => {
    const level = (l: number, format: (typeof LevelFormat)[keyof typeof LevelFormat], text: string) => ({
      level: l,
      format,
      text,
      alignment: AlignmentType.LEFT,
    });
    const n = (text: string, l: number, instance = 0) =>
      new Paragraph({ text, numbering: { reference: 'outline', level: l, instance } });
    const doc = new Document({
      numbering: {
        config: [
          {
            reference: 'outline',
            levels: [
              level(0, LevelFormat.CHINESE_COUNTING, '%1、'),
              level(1, LevelFormat.CHINESE_COUNTING, '（%2）'),
              level(2, LevelFormat.DECIMAL, '%3.'),
              level(3, LevelFormat.DECIMAL, '（%4）'),
            ],
          },
        ],
      },
      sections: [
        {
          children: [
            new Paragraph({ text: '开封市2025年示范方案', alignment: AlignmentType.CENTER }),
            n('总体要求', 0),
            new Paragraph('正文段落没有编号。'),
            n('主要任务', 0),
            n('产业结构优化', 1),
            n('淘汰落后产能。', 2),
            n('细项一', 3),
            n('细项二', 3),
            n('集群升级改造。', 2),
            n('能源结构调整', 1),
            n('煤电结构优化。', 2),
            n('保障措施', 0),
            n('附件事项', 0, 1),
            n('附件分项', 1, 1),
          ],
        },
      ],
    });
    expect(await texts(new Uint8Array(await Packer.toBuffer(doc)))).toEqual([
      '开封市2025年示范方案',
      '一、总体要求',
      '正文段落没有编号。',
      '二、主要任务',
      '（一）产业结构优化',
      '1.淘汰落后产能。',
      '（1）细项一',
      '（2）细项二',
      '2.集群升级改造。',
      '（二）能源结构调整',
      '1.煤电结构优化。',
      '三、保障措施',
      '一、附件事项',
      '（一）附件分项',
    ]);
  });

  it('continues one sequence across numIds sharing an abstract definition; startOverride restarts on first use', async () => {
    const numbering =
      `<w:abstractNum w:abstractNumId="0">${outline}</w:abstractNum>` +
      '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>' +
      '<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/></w:lvlOverride></w:num>';
    const body =
      p('甲', num(1, 0)) +
      p('乙', num(2, 0)) +
      p('丙', num(1, 1)) +
      p('丁', num(3, 0)) +
      p('戊', num(3, 0)) +
      p('己', num(1, 0)) +
      p('庚', num(0, 0));
    expect(await texts(await rawDocx(body, { numbering }))).toEqual([
      '一、甲',
      '二、乙',
      '（一）丙',
      '五、丁',
      '六、戊',
      '七、己',
      '庚',
    ]);
  });

  it('numbers headings through their styles, with multi-level text, legal numbering and w:lvlRestart', async () => {
    const numbering =
      '<w:abstractNum w:abstractNumId="7">' +
      lvl(0, 'chineseCounting', '第%1章', '<w:pStyle w:val="H1"/><w:suff w:val="space"/>') +
      lvl(1, 'decimal', '%1.%2', '<w:pStyle w:val="H2"/><w:isLgl/>') +
      lvl(2, 'decimal', '%3)', '<w:lvlRestart w:val="0"/>') +
      '</w:abstractNum><w:num w:numId="4"><w:abstractNumId w:val="7"/></w:num>';
    const styles =
      '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>' +
      '<w:style w:type="paragraph" w:styleId="H1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="4"/></w:numPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="32"/></w:rPr></w:style>' +
      '<w:style w:type="paragraph" w:styleId="H2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>';
    const body =
      p('总则', '<w:pStyle w:val="H1"/>') +
      p('目的', '<w:pStyle w:val="H2"/>') +
      p('甲项', num(4, 2)) +
      p('依据', '<w:pStyle w:val="H2"/>') +
      p('乙项', num(4, 2)) +
      p('任务', '<w:pStyle w:val="H1"/>') +
      p('范围', '<w:pStyle w:val="H2"/>') +
      p('丙项', num(4, 2));
    const r = await ingestBytes(await rawDocx(body, { numbering, styles }), 'styles.docx');
    expect(r.value!.paragraphs.map((x) => x.text)).toEqual([
      '第一章 总则',
      '1.1 目的',
      '1)甲项',
      '1.2 依据',
      '2)乙项',
      '第二章 任务',
      '2.1 范围',
      '3)丙项',
    ]);
    expect(r.value!.paragraphs[0]!.hints).toEqual({
      centred: true,
      bold: true,
      fontSize: 16,
      outlineLevel: 0,
      style: 'heading 1',
    });
    expect(r.value!.paragraphs[1]!.hints).toMatchObject({ outlineLevel: 1, style: 'heading 2' });
  });

  it('formats Chinese counting the way Word does', () => {
    expect(
      [1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110].map((n) => formatNumber(n, 'chineseCounting')),
    ).toEqual(['一', '九', '十', '十一', '十九', '二十', '二十一', '九十九', '一百', '一百零一', '一百一十']);
    expect(formatNumber(3, 'ideographTraditional')).toBe('丙');
    expect(formatNumber(12, 'chineseLegalSimplified')).toBe('壹拾贰');
    expect(formatNumber(3, 'decimalEnclosedCircle')).toBe('③');
    expect(formatNumber(28, 'upperLetter')).toBe('BB');
  });
});

describe('DOCX content', () => {
  it('reads table cells in order with the inTable hint', async () => {
    const cell = (t: string) => `<w:tc>${p(t)}</w:tc>`;
    const body =
      p('任务清单如下：') +
      `<w:tbl><w:tblPr/><w:tr>${cell('序号')}${cell('任务')}</w:tr><w:tr>${cell('1')}<w:tc><w:tbl><w:tr>${cell('嵌套表格')}</w:tr></w:tbl>${p('')}</w:tc></w:tr></w:tbl>` +
      p('表后正文。');
    const r = await ingestBytes(await rawDocx(body), 'table.docx');
    const paras = r.value!.paragraphs;
    expect(paras.map((x) => x.text)).toEqual([
      '任务清单如下：',
      '序号',
      '任务',
      '1',
      '嵌套表格',
      '表后正文。',
    ]);
    expect(paras.map((x) => x.hints?.inTable ?? false)).toEqual([false, true, true, true, true, false]);
    expect(paras.map((x) => x.source.paragraph)).toEqual([0, 1, 2, 3, 4, 6]);
  });

  it('skips deleted revisions, field codes, hidden text and ruby; keeps insertions and field results', async () => {
    const body =
      '<w:p>' +
      '<w:r><w:t>完成</w:t></w:r>' +
      '<w:del w:id="1" w:author="a"><w:r><w:delText>旧的</w:delText></w:r></w:del>' +
      '<w:ins w:id="2" w:author="a"><w:r><w:t>新的</w:t></w:r></w:ins>' +
      '<w:r><w:t>任务，见第</w:t></w:r>' +
      '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>' +
      '<w:r><w:t>页</w:t></w:r>' +
      '<w:r><w:rPr><w:vanish/></w:rPr><w:t>隐藏批注</w:t></w:r>' +
      '<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>huán</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>环</w:t></w:r></w:rubyBase></w:ruby></w:r>' +
      '<w:hyperlink><w:r><w:t>境&amp;质量</w:t></w:r></w:hyperlink>' +
      '<w:moveFrom><w:r><w:t>移走的</w:t></w:r></w:moveFrom>' +
      '</w:p>';
    expect(await texts(await rawDocx(body))).toEqual(['完成新的任务，见第3页环境&质量']);
  });

  it('turns tabs into spaces and splits a paragraph at a line break only where a new paragraph begins', async () => {
    const body =
      '<w:p><w:r><w:t>附件：</w:t><w:tab/><w:t>任务分解表</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t>一、总体要求</w:t><w:br/><w:t>以习近平新时代中国特色社会主义思想为指导，全面贯彻</w:t><w:br/><w:t>党的二十大精神。</w:t><w:br/><w:t>（一）工作目标</w:t></w:r></w:p>' +
      '<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>开封市2025年大气污染防治攻坚</w:t><w:br/><w:t>十大行动方案</w:t></w:r></w:p>' +
      '<w:p><w:r><w:t xml:space="preserve">　　首行用全角空格缩进的段落。  </w:t></w:r></w:p>';
    const r = await ingestBytes(await rawDocx(body), 'breaks.docx');
    expect(r.value!.paragraphs.map((x) => [x.text, x.source.paragraph])).toEqual([
      ['附件： 任务分解表', 0],
      ['一、总体要求', 1],
      ['以习近平新时代中国特色社会主义思想为指导，全面贯彻党的二十大精神。', 1],
      ['（一）工作目标', 1],
      ['开封市2025年大气污染防治攻坚十大行动方案', 2],
      ['首行用全角空格缩进的段落。', 3],
    ]);
  });

  it('reads text boxes after their anchor paragraph, once (not again from the VML fallback)', async () => {
    const box = `<w:txbxContent>${p('开封市人民政府办公室文件')}</w:txbxContent>`;
    const body =
      `<w:p><w:r><w:t>正文前</w:t></w:r><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx>${box}</wps:txbx></wps:wsp></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox>${box}</v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>` +
      p('正文后');
    expect(await texts(await rawDocx(body))).toEqual(['正文前', '开封市人民政府办公室文件', '正文后']);
  });

  it('leaves out a generated table of contents', async () => {
    const styles = '<w:style w:type="paragraph" w:styleId="TOC1"><w:name w:val="toc 1"/></w:style>';
    const toc =
      '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent>' +
      p('目录') +
      p('一、总体要求\t3') +
      '</w:sdtContent></w:sdt>';
    const body = toc + p('二、主要任务 5', '<w:pStyle w:val="TOC1"/>') + p('一、总体要求');
    expect(await texts(await rawDocx(body, { styles }))).toEqual(['一、总体要求']);
  });

  it('joins a paragraph whose mark was deleted with the next one, as Word shows it', async () => {
    const body =
      '<w:p><w:pPr><w:rPr><w:del w:id="9" w:author="a"/></w:rPr></w:pPr><w:r><w:t>前半句，</w:t></w:r></w:p>' +
      p('后半句。');
    expect(await texts(await rawDocx(body))).toEqual(['前半句，后半句。']);
  });

  it('reads a Word 2007 file saved under a .doc name as DOCX', async () => {
    const r = await ingestBytes(await rawDocx(p('正文。')), '旧扩展名.doc');
    expect(r.value!.paragraphs.map((x) => x.text)).toEqual(['正文。']);
  });
});

describe('bad DOCX files', () => {
  const expectFatal = async (file: string, code: string) => {
    const r = await ingestFile(file);
    expect(r.value).toBeNull();
    expect(r.problems).toHaveLength(1);
    const prob = r.problems[0]!;
    expect(prob).toMatchObject({ code, severity: 'error', file: path.basename(file) });
    expect(prob.message).toContain(`“${path.basename(file)}”`);
    return prob;
  };

  it('password-protected (an OLE container with EncryptionInfo) → INGEST_ENCRYPTED', async () => {
    const prob = await expectFatal(write('加密方案.docx', encryptedDocx()), 'INGEST_ENCRYPTED');
    expect(prob.message).toContain('密码');
  });

  it('a legacy .doc, also when renamed to .docx → INGEST_LEGACY', async () => {
    await expectFatal(write('旧版.doc', legacyDoc()), 'INGEST_LEGACY');
    const prob = await expectFatal(write('改名的.docx', legacyDoc()), 'INGEST_LEGACY');
    expect(prob.message).toContain('另存为 .docx');
  });

  it('truncated → INGEST_CORRUPT', async () => {
    const bytes = readFileSync(seed);
    await expectFatal(
      write('truncated.docx', bytes.subarray(0, Math.floor(bytes.length * 0.6))),
      'INGEST_CORRUPT',
    );
  });

  it('a damaged document.xml inside a sound zip → INGEST_CORRUPT', async () => {
    const zip = await JSZip.loadAsync(readFileSync(seed));
    const xml = await zip.file('word/document.xml')!.async('string');
    zip.file('word/document.xml', xml.slice(0, xml.length / 2));
    const prob = await expectFatal(
      write('cut-xml.docx', await zip.generateAsync({ type: 'uint8array' })),
      'INGEST_CORRUPT',
    );
    expect(prob.message).toContain('正文');
  });

  it('garbage behind a zip signature → INGEST_CORRUPT', async () => {
    await expectFatal(
      write(
        'corrupt.docx',
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...Array.from({ length: 3000 }, (_, i) => (i * 31) & 0xff)]),
      ),
      'INGEST_CORRUPT',
    );
  });

  it('a zip without word/document.xml → INGEST_CORRUPT; a workbook renamed .docx → INGEST_WRONG_TYPE', async () => {
    const noDoc = new JSZip();
    noDoc.file('[Content_Types].xml', '<Types/>');
    noDoc.file('_rels/.rels', '<Relationships/>');
    await expectFatal(
      write('no-document.docx', await noDoc.generateAsync({ type: 'uint8array' })),
      'INGEST_CORRUPT',
    );
    const xlsx = new JSZip();
    xlsx.file('[Content_Types].xml', '<Types/>');
    xlsx.file('xl/workbook.xml', '<workbook/>');
    const prob = await expectFatal(
      write('台账.docx', await xlsx.generateAsync({ type: 'uint8array' })),
      'INGEST_WRONG_TYPE',
    );
    expect(prob.message).toContain('Excel');
  });

  it('a PDF named .docx → INGEST_WRONG_TYPE; an empty file → INGEST_EMPTY', async () => {
    await expectFatal(
      write('其实是PDF.docx', readFileSync(path.join(root, 'seeds/kaifeng-2025-15.pdf'))),
      'INGEST_WRONG_TYPE',
    );
    await expectFatal(write('empty.docx', new Uint8Array(0)), 'INGEST_EMPTY');
  });

  it('a document with no text → INGEST_EMPTY', async () => {
    await expectFatal(
      write('blank.docx', await rawDocx('<w:p/><w:p><w:r><w:t>  </w:t></w:r></w:p>')),
      'INGEST_EMPTY',
    );
  });
});
