// The fonts an office uses (settings `bulletin.body_font`, `bulletin.title_font`): GB/T 9704
// names 仿宋 and 小标宋, many offices still have the _GB2312 fonts. The template's styles and
// the generated runs name 仿宋_GB2312 and 方正小标宋简体; this swaps them in the written file.
import JSZip from 'jszip';

const BODY = '仿宋_GB2312';
const TITLE = '方正小标宋简体';

export async function applyFonts(buffer: Buffer, fonts: { body: string; title: string }): Promise<Buffer> {
  if (fonts.body === BODY && fonts.title === TITLE) return buffer;
  const zip = await JSZip.loadAsync(buffer);
  for (const name of [
    'word/styles.xml',
    'word/document.xml',
    'word/footer1.xml',
    'word/footer2.xml',
    'word/footer3.xml',
  ]) {
    const f = zip.file(name);
    if (!f) continue;
    const xml = await f.async('string');
    zip.file(
      name,
      xml.split(`"${BODY}"`).join(`"${fonts.body}"`).split(`"${TITLE}"`).join(`"${fonts.title}"`),
    );
  }
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}
