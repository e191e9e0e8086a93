// A scan of the seed, made the way an office makes one: the seed PDF's pages rendered to
// 200 dpi grey images by pdftoppm (poppler-utils), a red 公章 pressed over the cover's
// date, a few pages fed 1.5° crooked, each page saved as a JPEG and wrapped in an
// image-only PDF (one DCTDecode image per page, no text layer), as scanner software writes.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deflateSync } from 'node:zlib';
import { createCanvas, loadImage } from '@napi-rs/canvas';

export interface ScanOptions {
  dpi?: number; // default 200
  rotate?: Record<number, number>; // page → degrees (counter-clockwise)
  sealOnPage?: number; // default 1
  pages?: [number, number]; // first and last page (default all)
  /**
   * Each page stored as this many horizontal image strips (grey, FlateDecode), one XObject
   * each painted at its band of the page, as many scanners and their drivers write a page.
   */
  strips?: number;
}

type ScanPage = {
  jpeg: Buffer;
  w: number;
  h: number;
  strips?: { grey: Buffer; top: number; rows: number }[];
};

export async function makeScan(pdf: string, opts: ScanOptions = {}): Promise<Uint8Array> {
  const dpi = opts.dpi ?? 200;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tz-scan-'));
  const range = opts.pages ? ['-f', String(opts.pages[0]), '-l', String(opts.pages[1])] : [];
  execFileSync('pdftoppm', [
    '-r',
    String(dpi),
    '-gray',
    '-jpeg',
    '-jpegopt',
    'quality=85',
    ...range,
    pdf,
    path.join(dir, 'p'),
  ]);
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.jpg'))
    .sort();
  const first = opts.pages?.[0] ?? 1;
  const pages: ScanPage[] = [];
  for (const [i, f] of files.entries()) {
    const n = first + i;
    const jpeg = readFileSync(path.join(dir, f));
    const deg = opts.rotate?.[n] ?? 0;
    const sealed = n === (opts.sealOnPage ?? 1);
    const img = await loadImage(jpeg);
    if (!deg && !sealed) {
      pages.push(await stripped({ jpeg, w: img.width, h: img.height }, opts.strips));
      continue;
    }
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#fff';
    ctx.fillRect(0, 0, img.width, img.height);
    ctx.save();
    ctx.translate(img.width / 2, img.height / 2);
    ctx.rotate((-deg * Math.PI) / 180);
    ctx.drawImage(img, -img.width / 2, -img.height / 2);
    ctx.restore();
    if (sealed) seal(ctx, img.width * 0.66, img.height * 0.72, (42 / 25.4) * dpi);
    pages.push(
      await stripped({ jpeg: canvas.toBuffer('image/jpeg', 85), w: img.width, h: img.height }, opts.strips),
    );
  }
  return imagePdf(pages, dpi);
}

/** The page's pixels cut into `n` bands of rows (the last one takes the remainder). */
async function stripped(page: ScanPage, n: number | undefined): Promise<ScanPage> {
  if (!n || n < 2) return page;
  const img = await loadImage(page.jpeg);
  const canvas = createCanvas(page.w, page.h);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const rgba = ctx.getImageData(0, 0, page.w, page.h).data;
  const grey = Buffer.alloc(page.w * page.h);
  for (let i = 0; i < grey.length; i++) grey[i] = rgba[i * 4]!;
  const rows = Math.ceil(page.h / n);
  const strips = [];
  for (let top = 0; top < page.h; top += rows) {
    const r = Math.min(rows, page.h - top);
    strips.push({ grey: deflateSync(grey.subarray(top * page.w, (top + r) * page.w)), top, rows: r });
  }
  return { ...page, strips };
}

/** A 42 mm 公章: a red ring, a star, the issuer's name round the top, over the text. */
function seal(
  ctx: ReturnType<ReturnType<typeof createCanvas>['getContext']>,
  cx: number,
  cy: number,
  d: number,
) {
  const r = d / 2;
  ctx.save();
  ctx.globalAlpha = 0.85;
  ctx.strokeStyle = 'rgb(215, 30, 35)';
  ctx.fillStyle = 'rgb(215, 30, 35)';
  ctx.lineWidth = r * 0.06;
  ctx.beginPath();
  ctx.arc(cx, cy, r * 0.96, 0, Math.PI * 2);
  ctx.stroke();
  ctx.beginPath();
  for (let k = 0; k < 10; k++) {
    const a = -Math.PI / 2 + (k * Math.PI) / 5;
    const rr = k % 2 === 0 ? r * 0.25 : r * 0.1;
    ctx[k === 0 ? 'moveTo' : 'lineTo'](cx + rr * Math.cos(a), cy + rr * Math.sin(a));
  }
  ctx.closePath();
  ctx.fill();
  const name = '开封市人民政府办公室';
  ctx.font = `${Math.round(r * 0.24)}px "Noto Serif CJK SC", "Noto Sans CJK SC", serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  [...name].forEach((ch, k) => {
    const a = -Math.PI / 2 + ((k - (name.length - 1) / 2) * (Math.PI * 1.3)) / name.length;
    ctx.save();
    ctx.translate(cx + r * 0.72 * Math.cos(a), cy + r * 0.72 * Math.sin(a));
    ctx.rotate(a + Math.PI / 2);
    ctx.fillText(ch, 0, 0);
    ctx.restore();
  });
  ctx.restore();
}

/** One DCTDecode image per page filling it (or its Flate strips): the page size follows from pixels and dpi. */
function imagePdf(pages: ScanPage[], dpi: number): Uint8Array {
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  const offsets: number[] = [];
  let at = parts[0]!.length;
  const obj = (n: number, body: Buffer) => {
    offsets[n] = at;
    const b = Buffer.concat([Buffer.from(`${n} 0 obj\n`), body, Buffer.from('\nendobj\n')]);
    parts.push(b);
    at += b.length;
  };
  const stream = (dict: string, data: Buffer) =>
    Buffer.concat([
      Buffer.from(`<< ${dict} /Length ${data.length} >>\nstream\n`),
      data,
      Buffer.from('\nendstream'),
    ]);
  // object numbers: 1 catalog, 2 pages, then per page: page, contents, its images
  const first: number[] = [];
  let next = 3;
  for (const p of pages) {
    first.push(next);
    next += 2 + (p.strips?.length ?? 1);
  }
  obj(1, Buffer.from('<< /Type /Catalog /Pages 2 0 R >>'));
  obj(
    2,
    Buffer.from(
      `<< /Type /Pages /Kids [${first.map((n) => `${n} 0 R`).join(' ')}] /Count ${pages.length} >>`,
    ),
  );
  pages.forEach((p, i) => {
    const n = first[i]!;
    const W = (p.w * 72) / dpi,
      H = (p.h * 72) / dpi;
    const images = p.strips ?? [{ top: 0, rows: p.h }];
    // each image painted over its band: PDF's y runs up from the bottom of the page
    const content = images
      .map((s, k) => {
        const h = (s.rows * 72) / dpi,
          y = H - ((s.top + s.rows) * 72) / dpi;
        return `q ${W.toFixed(4)} 0 0 ${h.toFixed(4)} 0 ${y.toFixed(4)} cm /Im${k} Do Q`;
      })
      .join('\n');
    const xobjects = images.map((_, k) => `/Im${k} ${n + 2 + k} 0 R`).join(' ');
    obj(
      n,
      Buffer.from(
        `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${W.toFixed(2)} ${H.toFixed(2)}] /Resources << /XObject << ${xobjects} >> >> /Contents ${n + 1} 0 R >>`,
      ),
    );
    obj(n + 1, stream('', Buffer.from(content)));
    if (p.strips)
      p.strips.forEach((s, k) =>
        obj(
          n + 2 + k,
          stream(
            `/Type /XObject /Subtype /Image /Width ${p.w} /Height ${s.rows} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode`,
            s.grey,
          ),
        ),
      );
    else
      obj(
        n + 2,
        stream(
          `/Type /XObject /Subtype /Image /Width ${p.w} /Height ${p.h} /ColorSpace /${components(p.jpeg) === 1 ? 'DeviceGray' : 'DeviceRGB'} /BitsPerComponent 8 /Filter /DCTDecode`,
          p.jpeg,
        ),
      );
  });
  let xref = `xref\n0 ${next}\n0000000000 65535 f \n`;
  for (let n = 1; n < next; n++) xref += `${String(offsets[n]).padStart(10, '0')} 00000 n \n`;
  parts.push(Buffer.from(`${xref}trailer\n<< /Size ${next} /Root 1 0 R >>\nstartxref\n${at}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}

/** Colour components of a JPEG, from its start-of-frame marker (1 grey, 3 colour). */
function components(jpeg: Buffer): number {
  for (let i = 2; i + 9 < jpeg.length;) {
    if (jpeg[i] !== 0xff) return 3;
    const m = jpeg[i + 1]!;
    if (m >= 0xc0 && m <= 0xcf && m !== 0xc4 && m !== 0xc8 && m !== 0xcc) return jpeg[i + 9]!;
    i += 2 + jpeg.readUInt16BE(i + 2);
  }
  return 3;
}
