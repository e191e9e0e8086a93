// The picture of a scanned OFD page: the largest ImageObject on it, its MultiMedia file
// (PNG, JPEG, BMP…) decoded by @napi-rs/canvas (the native image codec pdf.js itself uses in
// Node), placed by its Boundary (mm) on the page.
import type { OfdDocument } from '../ofd/ofd';
import { PT_PER_MM } from '../ofd/ofd-text';
import { toGrey } from './ocr-image';
import type { PageImage } from './ocr-pages';

export async function ofdPageImage(doc: OfdDocument, n: number): Promise<PageImage | null> {
  const page = doc.pages[n - 1];
  if (!page) return null;
  const img = [...page.content.images].sort((a, b) => b.box.w * b.box.h - a.box.w * a.box.h)[0];
  const media = img && doc.media.get(img.resourceId);
  if (!img || !media || !doc.pkg.has(media.path)) return null;
  const bytes = await doc.pkg.bytes(media.path);
  const { createCanvas, loadImage } = await import('@napi-rs/canvas');
  const picture = await loadImage(Buffer.from(bytes));
  const canvas = createCanvas(picture.width, picture.height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, picture.width, picture.height);
  ctx.drawImage(picture, 0, 0);
  const data = ctx.getImageData(0, 0, picture.width, picture.height).data;
  return {
    page: n,
    widthPt: page.widthMm * PT_PER_MM,
    heightPt: page.heightMm * PT_PER_MM,
    image: toGrey(data, picture.width, picture.height, 4),
    place: {
      x: img.box.x * PT_PER_MM,
      y: img.box.y * PT_PER_MM,
      w: img.box.w * PT_PER_MM,
      h: img.box.h * PT_PER_MM,
    },
  };
}
