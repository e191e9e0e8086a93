// The picture of a scanned PDF page: a scanner or 扫描仪 software writes each page as one
// image covering it. pdf.js decodes it (JPEG, Flate, CCITT, JBIG2 alike) while building the
// page's operator list; the largest image painted is taken, with its place on the page
// from the transformation matrix in force when it is painted.
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

export async function pdfPageImage(pdfjs: PdfJs, doc: PdfDocument, n: number): Promise<PageImage | null> {
  const page = await doc.getPage(n);
  try {
    const [x0 = 0, y0 = 0, x1 = 0, y1 = 0] = page.view;
    const ops = await page.getOperatorList();
    const paint = new Set([pdfjs.OPS.paintImageXObject, pdfjs.OPS.paintInlineImageXObject]);
    let ctm: M = [1, 0, 0, 1, 0, 0];
    const stack: M[] = [];
    let best: { id: unknown; inline: unknown; m: M; area: number } | null = null;
    for (let i = 0; i < ops.fnArray.length; i++) {
      const fn = ops.fnArray[i]!,
        args = ops.argsArray[i] as unknown[];
      if (fn === pdfjs.OPS.save) stack.push(ctm);
      else if (fn === pdfjs.OPS.restore) ctm = stack.pop() ?? ctm;
      else if (fn === pdfjs.OPS.transform) ctm = mul(args as M, ctm);
      else if (paint.has(fn)) {
        const area = Math.abs(ctm[0] * ctm[3] - ctm[1] * ctm[2]);
        if (!best || area > best.area)
          best = {
            id: fn === pdfjs.OPS.paintImageXObject ? args[0] : null,
            inline: fn === pdfjs.OPS.paintInlineImageXObject ? args[0] : null,
            m: ctm,
            area,
          };
      }
    }
    if (!best) return null;
    const img = (best.inline ?? (await objectOf(page, String(best.id)))) as DecodedImage | null;
    if (!img?.data || !img.width || !img.height) return null;
    const grey = decoded(img);
    if (!grey) return null;
    // the unit square through the CTM: the image's box in PDF space (y up) → from the top-left
    const xs = [best.m[4], best.m[4] + best.m[0], best.m[4] + best.m[2], best.m[4] + best.m[0] + best.m[2]];
    const ys = [best.m[5], best.m[5] + best.m[1], best.m[5] + best.m[3], best.m[5] + best.m[1] + best.m[3]];
    const left = Math.min(...xs) - x0,
      top = y1 - Math.max(...ys);
    return {
      page: n,
      widthPt: x1 - x0,
      heightPt: y1 - y0,
      image: grey,
      place: { x: left, y: top, w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) },
    };
  } finally {
    page.cleanup();
  }
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
