// The picture of a scanned PDF page: a scanner or 扫描仪 software writes each page as one
// image covering it, or as several strips or tiles. pdf.js decodes them (JPEG, Flate,
// CCITT, JBIG2 alike) while building the page's operator list; the page's image is taken
// directly (never rendered), with its place on the page from the transformation matrix in
// force when it is painted, and strips are put together into one picture.
import type { Grey } from './ocr-image';
import { toGrey } from './ocr-image';
import type { PageImage } from './ocr-pages';

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
type PdfDocument = Awaited<ReturnType<PdfJs['getDocument']>['promise']>;
type M = [number, number, number, number, number, number];

interface DecodedImage {
  width: number;
  height: number;
  kind?: number;
  data?: Uint8Array | Uint8ClampedArray;
}

interface Painted {
  id: unknown;
  inline: unknown;
  m: M;
}

/** An image's box on the page: the unit square through its CTM, PDF space (y up). */
function boxOf(m: M) {
  const xs = [m[4], m[4] + m[0], m[4] + m[2], m[4] + m[0] + m[2]];
  const ys = [m[5], m[5] + m[1], m[5] + m[3], m[5] + m[1] + m[3]];
  return { x0: Math.min(...xs), y0: Math.min(...ys), x1: Math.max(...xs), y1: Math.max(...ys) };
}

/** Smaller images than this share of the page are logos, QR codes, signatures: not the scan. */
const MIN_SHARE = 0.01;

export async function pdfPageImage(pdfjs: PdfJs, doc: PdfDocument, n: number): Promise<PageImage | null> {
  const page = await doc.getPage(n);
  try {
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const ops = await page.getOperatorList();
    const paint = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject]);
    let ctm: M = [1, 0, 0, 1, 0, 0];
    const stack: M[] = [];
    const painted: Painted[] = [];
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i]!,
        args = ops.argsArray[i] as unknown[];
      if (fn === pdfjs.OPS.save) stack.push(ctm);
      else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === pdfjs.OPS.transform) ctm = mul(args as M, ctm);
      else if (paint.has(fn))
        painted.push({
          id: fn === pdfjs.OPS.paintImageXObject ? args[0] : null,
          inline: fn === pdfjs.OPS.paintInlineImageXObject ? args[0] : null,
          m: ctm,
        });
    }
    const pageArea = (x1 - x0) * (y1 - y0);
    const area = (p: Painted) => Math.abs(p.m[0] * p.m[3] - p.m[1] * p.m[2]);
    const scan = painted.filter((p) => area(p) >= MIN_SHARE * pageArea).sort((a, b) => area(b) - area(a));
    if (!scan.length) return null;
    // A page stored as strips or tiles (several images side by side, upright): put together.
    // Otherwise (one image, or pieces turned at an angle) the largest image is the page.
    const upright = (p: Painted) => Math.abs(p.m[1]) < 1e-6 && Math.abs(p.m[2]) < 1e-6;
    const parts = scan.length > 1 && scan.every(upright) ? scan : scan.slice(0, 1);
    const pieces: { grey: Grey; box: ReturnType<typeof boxOf>; m: M }[] = [];
    for (const p of parts) {
      const img = (p.inline ?? (await objectOf(page, String(p.id)))) as DecodedImage | null;
      const grey = img?.data && img.width && img.height ? decoded(img) : null;
      if (grey) pieces.push({ grey, box: boxOf(p.m), m: p.m });
    }
    if (!pieces.length) return null;
    const box = {
      x0: Math.min(...pieces.map((p) => p.box.x0)),
      y0: Math.min(...pieces.map((p) => p.box.y0)),
      x1: Math.max(...pieces.map((p) => p.box.x1)),
      y1: Math.max(...pieces.map((p) => p.box.y1)),
    };
    const image = pieces.length === 1 ? pieces[0]!.grey : assemble(pieces, box);
    return {
      page: n,
      widthPt: x1 - x0,
      heightPt: y1 - y0,
      image,
      // from the page's top-left corner
      place: { x: box.x0 - x0, y: y1 - box.y1, w: box.x1 - box.x0, h: box.y1 - box.y0 },
    };
  } finally {
    page.cleanup();
  }
}

/**
 * Pieces of one page (upright images, each with its box in PDF space) drawn into one grey
 * image at the resolution of the sharpest piece: rows top-down, each piece's rows in the
 * order its CTM gives them (a negative scale flips it), nearest-pixel sampling, later
 * pieces over earlier ones as the page paints them.
 */
function assemble(
  pieces: { grey: Grey; box: { x0: number; y0: number; x1: number; y1: number }; m: M }[],
  box: { x0: number; y0: number; x1: number; y1: number },
): Grey {
  const scale = Math.max(...pieces.map((p) => p.grey.width / (p.box.x1 - p.box.x0))); // pixels a point
  const width = Math.round((box.x1 - box.x0) * scale),
    height = Math.round((box.y1 - box.y0) * scale);
  const data = new Uint8Array(width * height).fill(255);
  for (const { grey, box: b, m } of pieces) {
    const left = Math.round((b.x0 - box.x0) * scale),
      top = Math.round((box.y1 - b.y1) * scale);
    const w = Math.min(width - left, Math.round((b.x1 - b.x0) * scale)),
      h = Math.min(height - top, Math.round((b.y1 - b.y0) * scale));
    const flipX = m[0] < 0,
      flipY = m[3] < 0; // image row 0 is at the top of the unit square unless flipped
    const cols = new Int32Array(w);
    for (let x = 0; x < w; x++) {
      const sx = Math.min(grey.width - 1, Math.floor(((x + 0.5) * grey.width) / w));
      cols[x] = flipX ? grey.width - 1 - sx : sx;
    }
    for (let y = 0; y < h; y++) {
      let sy = Math.min(grey.height - 1, Math.floor(((y + 0.5) * grey.height) / h));
      if (flipY) sy = grey.height - 1 - sy;
      const src = sy * grey.width,
        dst = (top + y) * width + left;
      for (let x = 0; x < w; x++) data[dst + x] = grey.data[src + cols[x]!]!;
    }
  }
  return { width, height, data };
}

function objectOf(page: { objs: unknown; commonObjs: unknown }, id: string): Promise<unknown> {
  const objs = (id.startsWith('g_') ? page.commonObjs : page.objs) as {
    get(id: string, cb: (d: unknown) => void): unknown;
  };
  return new Promise((resolve) => objs.get(id, resolve));
}

/** pdf.js ImageKind: 1 one bit a pixel (rows padded to bytes), 2 RGB, 3 RGBA. */
function decoded(img: DecodedImage): Grey | null {
  const { width, height, data } = img;
  if (!data) return null;
  if (img.kind === 1) {
    const out = new Uint8Array(width * height);
    const rowBytes = (width + 7) >> 3;
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++)
        out[y * width + x] = (data[y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1 ? 255 : 0;
    return { width, height, data: out };
  }
  const channels = img.kind === 2 ? 3 : img.kind === 3 ? 4 : Math.round(data.length / (width * height));
  if (![1, 3, 4].includes(channels)) return null;
  return toGrey(data, width, height, channels);
}

function mul(a: M, b: M): M {
  return [
    a[0] * b[0] + a[1] * b[2],
    a[0] * b[1] + a[1] * b[3],
    a[2] * b[0] + a[3] * b[2],
    a[2] * b[1] + a[3] * b[3],
    a[4] * b[0] + a[5] * b[2] + b[4],
    a[4] * b[1] + a[5] * b[3] + b[5],
  ];
}
