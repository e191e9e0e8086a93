// The template filler: lossless XML round trip, placeholders split over runs the way Word
// saves them, repeated and unknown keys, block placeholders taking the paragraph's style,
// section properties kept, blank-the-paragraph values.
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { fillDocx, paragraphText } from '../../../electron/core/export/docx-fill';
import { findAll, parseLosslessXml, serializeXml } from '../../../electron/core/export/xml-tree';
import { para, setProps } from '../../../electron/core/export/ooxml';

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';

async function docx(body: string, extra: Record<string, string> = {}): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document ${W}><w:body>${body}</w:body></w:document>`,
  );
  for (const [k, v] of Object.entries(extra)) zip.file(k, v);
  return zip.generateAsync({ type: 'nodebuffer' });
}

async function documentXml(buf: Buffer, part = 'word/document.xml'): Promise<string> {
  return (await JSZip.loadAsync(buf)).file(part)!.async('string');
}

const texts = (xml: string) => findAll(parseLosslessXml(xml), 'w:p').map(paragraphText);

describe('xml tree', () => {
  it('serialises exactly what it parsed (namespaces, entities, comments, self-closing tags)', () => {
    const xml = `<?xml version="1.0"?>\n<w:document ${W} mc:Ignorable="w14"><!-- c --><w:body><w:p w:rsidR="00A1"><w:r><w:t xml:space="preserve"> a &amp; b &lt;c&gt; </w:t></w:r><w:r><w:tab/></w:r></w:p><w:sectPr/></w:body></w:document>`;
    expect(serializeXml(parseLosslessXml(xml))).toBe(xml);
  });

  it('refuses mismatched tags', () => {
    expect(() => parseLosslessXml('<a><b></a>')).toThrow(/XML/);
  });
});

describe('fillDocx', () => {
  it('fills a placeholder Word split over three runs, keeping the first run’s formatting', async () => {
    const body =
      '<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>关于{{</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>通报</w:t></w:r><w:r><w:t>期间}}的通报</w:t></w:r></w:p>';
    const { buffer, report } = await fillDocx(await docx(body), { text: { 通报期间: '2025年9月份' } });
    const xml = await documentXml(buffer);
    expect(texts(xml)).toEqual(['关于2025年9月份的通报']);
    expect(xml).toContain('<w:rPr><w:b/></w:rPr><w:t xml:space="preserve">关于2025年9月份</w:t>');
    expect(report.used).toEqual(['通报期间']);
  });

  it('fills repeated keys everywhere, leaves unknown ones visible and reports both', async () => {
    const body = para('{{期间}}与{{期间}}，{{未知键}}');
    const { buffer, report } = await fillDocx(await docx(body), { text: { 期间: '9月', 其他: 'x' } });
    expect(texts(await documentXml(buffer))).toEqual(['9月与9月，{{未知键}}']);
    expect(report.unknown).toEqual(['未知键']);
    expect(report.absent).toEqual(['其他']);
  });

  it('escapes values and never expands placeholders inside generated content', async () => {
    const body = para('{{块}}') + para('{{名}}');
    const { buffer } = await fillDocx(await docx(body), {
      text: { 名: 'A&B <c>' },
      blocks: { 块: () => para('县区原话：{{名}} 不展开') },
    });
    expect(texts(await documentXml(buffer))).toEqual(['县区原话：{{名}} 不展开', 'A&B <c>']);
  });

  it('replaces a block paragraph with content that copies its paragraph and run properties', async () => {
    const pPr = setProps('', 'w:pPr', { pStyle: '<w:pStyle w:val="GwBody"/>', jc: '<w:jc w:val="both"/>' });
    const rPr = '<w:rPr><w:rFonts w:eastAsia="楷体_GB2312"/><w:sz w:val="30"/></w:rPr>';
    const body = `<w:p>${pPr}<w:r>${rPr}<w:t>{{总体进展}}</w:t></w:r></w:p><w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1587"/></w:sectPr>`;
    let seenWidth = '';
    const { buffer } = await fillDocx(await docx(body), {
      text: {},
      blocks: {
        总体进展: (ctx) => {
          seenWidth = ctx.sectPr;
          return para('第一段', ctx.pPr, ctx.rPr) + para('第二段', ctx.pPr, ctx.rPr);
        },
      },
    });
    const xml = await documentXml(buffer);
    expect(texts(xml)).toEqual(['第一段', '第二段']);
    expect(xml.split('<w:pStyle w:val="GwBody"/>').length).toBe(3);
    expect(xml.split('w:eastAsia="楷体_GB2312"').length).toBe(3);
    expect(seenWidth).toContain('w:left="1587"');
  });

  it('keeps the section break when the block paragraph carried it', async () => {
    const sect = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>';
    const body = `<w:p><w:pPr><w:pStyle w:val="GwBody"/>${sect}</w:pPr><w:r><w:t>{{块}}</w:t></w:r></w:p><w:p><w:r><w:t>下一节</w:t></w:r></w:p><w:sectPr/>`;
    const { buffer } = await fillDocx(await docx(body), {
      text: {},
      blocks: {
        块: (ctx) => {
          expect(ctx.pPr).not.toContain('sectPr');
          return para('内容', ctx.pPr);
        },
      },
    });
    const xml = await documentXml(buffer);
    expect(texts(xml)).toEqual(['内容', '', '下一节']);
    expect(xml).toContain(`<w:p><w:pPr>${sect}</w:pPr></w:p>`);
  });

  it('fills headers and footers, and null blanks the whole paragraph', async () => {
    const footer = `<?xml version="1.0"?><w:ftr ${W}>${para('抄送：{{抄送}}。')}${para('{{印发机关}}')}</w:ftr>`;
    const { buffer } = await fillDocx(await docx(para('正文'), { 'word/footer1.xml': footer }), {
      text: { 抄送: null, 印发机关: '专班办公室' },
    });
    expect(texts(await documentXml(buffer, 'word/footer1.xml'))).toEqual(['', '专班办公室']);
  });

  it('refuses a file that is not a Word document', async () => {
    const zip = new JSZip();
    zip.file('a.txt', 'x');
    await expect(fillDocx(await zip.generateAsync({ type: 'nodebuffer' }), { text: {} })).rejects.toThrow(
      /Word/,
    );
  });
});
