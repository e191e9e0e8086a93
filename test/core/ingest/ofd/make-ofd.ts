// Writes OFD packages (GB/T 33190-2016) for the reader's tests, the way real producers lay
// them out: OFD.xml → Doc_0/Document.xml with CommonData (PageArea, PublicRes with fonts,
// DocumentRes with images, a background TemplatePage), one Content.xml per page holding a
// Body layer of TextObjects — one per run with DeltaX in the 「g n v」 compressed form, or
// one per glyph as some converters write — some inside a PageBlock.
import JSZip from 'jszip';
import { isWide } from '../../../../electron/core/ingest/pdf-lines';

const MM_PER_PT = 25.4 / 72;

export interface OfdRun {
  text: string;
  x: number; // mm from the page's left edge
  y: number; // baseline, mm from the page's top edge
  size: number; // mm
  width?: number; // mm the run spans; default: 1 em per CJK character, 0.5 per other
  perGlyph?: boolean; // one TextObject per glyph
}

export interface OfdPageSpec {
  runs?: OfdRun[];
  image?: { bytes: Uint8Array; format: 'PNG' | 'JPEG' }; // a full-page picture (a scan)
  width?: number; // mm
  height?: number;
}

export interface OfdOptions {
  xml?: (path: string, xml: string) => string; // tamper with a part before it is zipped
  omit?: string[]; // parts left out
}

export async function makeOfd(pages: OfdPageSpec[], opts: OfdOptions = {}): Promise<Uint8Array> {
  const zip = new JSZip();
  let nextId = 10;
  const id = () => String(nextId++);
  const parts = new Map<string, string | Uint8Array>();
  const head = '<?xml version="1.0" encoding="UTF-8"?>\n';
  const ns = 'xmlns:ofd="http://www.ofdspec.org/2016"';
  parts.set(
    'OFD.xml',
    `${head}<ofd:OFD ${ns} Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>${'0'.repeat(32)}</ofd:DocID><ofd:Creator>taizhang-test</ofd:Creator></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`,
  );
  const fontSong = '2',
    fontHei = '3',
    tplId = '4';
  parts.set(
    'Doc_0/PublicRes.xml',
    `${head}<ofd:Res ${ns} BaseLoc="Res"><ofd:Fonts><ofd:Font ID="${fontSong}" FontName="仿宋_GB2312" FamilyName="仿宋_GB2312"/><ofd:Font ID="${fontHei}" FontName="方正小标宋简体"/></ofd:Fonts></ofd:Res>`,
  );
  // background template: a rule under the header area, as 红头 templates carry
  parts.set(
    'Doc_0/Tpls/Tpl_0/Content.xml',
    `${head}<ofd:Page ${ns}><ofd:Content><ofd:Layer ID="5" Type="Background"><ofd:PathObject ID="6" Boundary="0 0 210 297" LineWidth="0.5"><ofd:AbbreviatedData>M 26 20 L 184 20</ofd:AbbreviatedData></ofd:PathObject></ofd:Layer></ofd:Content></ofd:Page>`,
  );
  const media: string[] = [];
  const pageRefs: string[] = [];
  pages.forEach((p, n) => {
    const w = p.width ?? 210,
      h = p.height ?? 297;
    const objs: string[] = [];
    if (p.image) {
      const mid = id();
      const ext = p.image.format === 'PNG' ? 'png' : 'jpg';
      parts.set(`Doc_0/Res/image_${n}.${ext}`, p.image.bytes);
      media.push(
        `<ofd:MultiMedia ID="${mid}" Type="Image" Format="${p.image.format}"><ofd:MediaFile>image_${n}.${ext}</ofd:MediaFile></ofd:MultiMedia>`,
      );
      objs.push(
        `<ofd:ImageObject ID="${id()}" Boundary="0 0 ${w} ${h}" CTM="${w} 0 0 ${h} 0 0" ResourceID="${mid}"/>`,
      );
    }
    for (const [k, r] of (p.runs ?? []).entries()) {
      const chars = [...r.text];
      const weights = chars.map((c) => (isWide(c) ? 1 : 0.5));
      const total = weights.reduce((a, b) => a + b, 0);
      const span = r.width ?? total * r.size;
      const adv = weights.map((wt) => (wt / total) * span);
      const font = r.size > 6 ? fontHei : fontSong;
      // boundary: the run's box, baseline at 0.88 em below its top (ascent of CJK fonts)
      const top = r.y - 0.88 * r.size;
      const bound = (x: number, width: number) => `${f(x)} ${f(top)} ${f(width)} ${f(r.size * 1.2)}`;
      if (r.perGlyph) {
        let x = r.x;
        chars.forEach((c, i) => {
          objs.push(
            `<ofd:TextObject ID="${id()}" Boundary="${bound(x, adv[i]!)}" Font="${font}" Size="${f(r.size)}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${f(0.88 * r.size)}">${esc(c)}</ofd:TextCode></ofd:TextObject>`,
          );
          x += adv[i]!;
        });
      } else {
        const obj = `<ofd:TextObject ID="${id()}" Boundary="${bound(r.x, span)}" Font="${font}" Size="${f(r.size)}"><ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="${f(0.88 * r.size)}" DeltaX="${deltas(adv.slice(0, -1))}">${esc(r.text)}</ofd:TextCode></ofd:TextObject>`;
        // every fifth run sits in a PageBlock (producers group a paragraph's lines so)
        objs.push(k % 5 === 4 ? `<ofd:PageBlock ID="${id()}">${obj}</ofd:PageBlock>` : obj);
      }
    }
    const path = `Doc_0/Pages/Page_${n}/Content.xml`;
    parts.set(
      path,
      `${head}<ofd:Page ${ns}><ofd:Template TemplateID="${tplId}" ZOrder="Background"/><ofd:Area><ofd:PhysicalBox>0 0 ${w} ${h}</ofd:PhysicalBox></ofd:Area><ofd:Content><ofd:Layer ID="${id()}" Type="Body">${objs.join('')}</ofd:Layer></ofd:Content></ofd:Page>`,
    );
    pageRefs.push(`<ofd:Page ID="${id()}" BaseLoc="Pages/Page_${n}/Content.xml"/>`);
  });
  parts.set(
    'Doc_0/DocumentRes.xml',
    `${head}<ofd:Res ${ns} BaseLoc="Res"><ofd:MultiMedias>${media.join('')}</ofd:MultiMedias></ofd:Res>`,
  );
  parts.set(
    'Doc_0/Document.xml',
    `${head}<ofd:Document ${ns}><ofd:CommonData><ofd:MaxUnitID>${nextId}</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes><ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes><ofd:TemplatePage ID="${tplId}" BaseLoc="Tpls/Tpl_0/Content.xml"/></ofd:CommonData><ofd:Pages>${pageRefs.join('')}</ofd:Pages></ofd:Document>`,
  );
  for (const [path, body] of parts) {
    if (opts.omit?.includes(path)) continue;
    zip.file(path, typeof body === 'string' && opts.xml ? opts.xml(path, body) : body);
  }
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

const f = (n: number) => String(Math.round(n * 1000) / 1000);
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Advances with runs of equal values written as 「g count value」 (§11.3). */
export function deltas(xs: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < xs.length;) {
    let j = i;
    while (j < xs.length && Math.abs(xs[j]! - xs[i]!) < 1e-6) j++;
    out.push(j - i >= 2 ? `g ${j - i} ${f(xs[i]!)}` : f(xs[i]!));
    i = j;
  }
  return out.join(' ');
}

/**
 * The seed PDF's text as OFD pages: every pdf.js text item becomes a run at the same place
 * (points → mm, y from the top), odd pages per run, even pages per glyph.
 */
export async function seedPdfAsOfdPages(pdfBytes: Uint8Array): Promise<OfdPageSpec[]> {
  const { loadPdfJs, documentOptions } = await import('../../../../electron/core/ingest/pdfjs-loader');
  const pdfjs = await loadPdfJs();
  const doc = await pdfjs.getDocument(documentOptions(new Uint8Array(pdfBytes))).promise;
  const pages: OfdPageSpec[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const page = await doc.getPage(n);
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const content = await page.getTextContent();
    const runs: OfdRun[] = [];
    for (const raw of content.items) {
      const it = raw as { str?: string; transform?: number[]; width?: number };
      if (!it.str || !it.str.trim() || !it.transform) continue;
      const size = Math.hypot(it.transform[2]!, it.transform[3]!);
      runs.push({
        text: it.str,
        x: (it.transform[4]! - x0) * MM_PER_PT,
        y: (y1 - it.transform[5]!) * MM_PER_PT,
        size: size * MM_PER_PT,
        width: (it.width ?? 0) * MM_PER_PT || undefined,
        perGlyph: n % 2 === 0,
      });
    }
    pages.push({ runs, width: (x1 - x0) * MM_PER_PT, height: (y1 - y0) * MM_PER_PT });
    page.cleanup();
  }
  await doc.destroy();
  return pages;
}
