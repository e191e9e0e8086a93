// Page images for recognition: one grey channel, red seal ink lifted out, skew measured and
// turned back. Plain typed-array loops: a 200 dpi A4 page is 3.9 million pixels.

export interface Grey {
  width: number;
  height: number;
  data: Uint8Array; // one byte a pixel, 0 black … 255 white
}

/**
 * RGB(A) → grey, with red ink (a 公章 over the signature and the date) made white. The red
 * channel of a red stamp is bright while black text is dark in every channel, so where a
 * pixel is clearly red the red channel is taken, elsewhere the luminance: text under the
 * stamp stays, the stamp goes.
 */
export function toGrey(
  data: Uint8Array | Uint8ClampedArray,
  width: number,
  height: number,
  channels: number,
): Grey {
  const out = new Uint8Array(width * height);
  if (channels === 1) {
    out.set(data.subarray(0, width * height));
    return { width, height, data: out };
  }
  for (let i = 0, p = 0; i < out.length; i++, p += channels) {
    const r = data[p]!,
      g = data[p + 1]!,
      b = data[p + 2]!;
    // "red": red well above both green and blue (a stamp's red, pink where it thins out)
    out[i] = r - Math.max(g, b) > 40 ? r : (r * 299 + g * 587 + b * 114) / 1000;
  }
  return { width, height, data: out };
}

/** Area-averaged downscale by an integer factor (fast, and no aliasing of thin strokes). */
export function shrink(img: Grey, factor: number): Grey {
  if (factor <= 1) return img;
  const w = Math.floor(img.width / factor),
    h = Math.floor(img.height / factor);
  const out = new Uint8Array(w * h);
  const n = factor * factor;
  for (let y = 0; y < h; y++)
    for (let x = 0; x < w; x++) {
      let s = 0;
      for (let dy = 0; dy < factor; dy++) {
        const row = (y * factor + dy) * img.width + x * factor;
        for (let dx = 0; dx < factor; dx++) s += img.data[row + dx]!;
      }
      out[y * w + x] = s / n;
    }
  return { width: w, height: h, data: out };
}

/**
 * Area-averaged downscale to an exact size (any factor ≥ 1): each output pixel is the mean of
 * the source pixels it covers, fractions at its edges weighted. Separable: rows first, then
 * columns, so the cost is one pass over the source.
 */
export function shrinkTo(img: Grey, outW: number, outH: number): Grey {
  if (outW >= img.width && outH >= img.height) return img;
  const { width: w, height: h, data } = img;
  const fx = w / outW,
    fy = h / outH;
  // horizontal pass: every source row reduced to outW sums
  const rows = new Float32Array(outW * h);
  for (let y = 0; y < h; y++) {
    const src = y * w,
      dst = y * outW;
    for (let x = 0; x < outW; x++) {
      const a = x * fx,
        b = a + fx;
      let i = Math.floor(a);
      let s = 0;
      for (; i < b && i < w; i++) s += data[src + i]! * (Math.min(b, i + 1) - Math.max(a, i));
      rows[dst + x] = s;
    }
  }
  const out = new Uint8Array(outW * outH);
  const acc = new Float32Array(outW);
  const area = fx * fy;
  for (let y = 0; y < outH; y++) {
    const a = y * fy,
      b = a + fy;
    acc.fill(0);
    for (let j = Math.floor(a); j < b && j < h; j++) {
      const weight = (Math.min(b, j + 1) - Math.max(a, j)) / area;
      const src = j * outW;
      for (let x = 0; x < outW; x++) acc[x] = acc[x]! + rows[src + x]! * weight;
    }
    out.set(acc, y * outW); // Uint8Array.set from floats truncates; +0.5 rounding is below the noise
  }
  return { width: outW, height: outH, data: out };
}

/** Bilinear resize to an exact size (for the recogniser's 48-pixel line height). */
export function resize(
  img: Grey,
  x0: number,
  y0: number,
  w: number,
  h: number,
  outW: number,
  outH: number,
): Float32Array {
  const out = new Float32Array(outW * outH);
  const sx = w / outW,
    sy = h / outH;
  for (let y = 0; y < outH; y++) {
    const fy = y0 + (y + 0.5) * sy - 0.5;
    const iy = Math.floor(fy),
      ty = fy - iy;
    for (let x = 0; x < outW; x++) {
      const fx = x0 + (x + 0.5) * sx - 0.5;
      const ix = Math.floor(fx),
        tx = fx - ix;
      const a = px(img, ix, iy),
        b = px(img, ix + 1, iy),
        c = px(img, ix, iy + 1),
        d = px(img, ix + 1, iy + 1);
      out[y * outW + x] = (a * (1 - tx) + b * tx) * (1 - ty) + (c * (1 - tx) + d * tx) * ty;
    }
  }
  return out;
}

function px(img: Grey, x: number, y: number): number {
  if (x < 0 || y < 0 || x >= img.width || y >= img.height) return 255;
  return img.data[y * img.width + x]!;
}

/** Skew the page is scanned at, in radians, within ±MAX_SKEW (a page fed or photographed crooked). */
export const MAX_SKEW = (4 * Math.PI) / 180;

/**
 * Skew by the projection profile: dark pixels projected onto the page's vertical axis turned
 * by a trial angle give the sharpest row profile (sum of squares) when the angle is the one
 * text lines run at. Measured on a quarter-size copy; coarse 0.1° steps, then 0.02°.
 */
export function measureSkew(img: Grey): number {
  const small = shrink(img, 4);
  const pts: number[] = [];
  const step = Math.max(1, Math.floor((small.width * small.height) / 400_000));
  for (let i = 0; i < small.data.length; i += step)
    if (small.data[i]! < 140) pts.push(i % small.width, Math.floor(i / small.width));
  if (pts.length < 200) return 0;
  const cx = small.width / 2,
    cy = small.height / 2;
  const rows = new Float64Array(small.height * 2 + 8);
  const sharpness = (theta: number) => {
    const c = Math.cos(theta),
      s = Math.sin(theta);
    rows.fill(0);
    for (let k = 0; k < pts.length; k += 2) {
      const x = pts[k]! - cx,
        y = pts[k + 1]! - cy;
      const v = Math.round(y * c - x * s + small.height);
      if (v >= 0 && v < rows.length) rows[v]!++;
    }
    let e = 0;
    for (let i = 0; i < rows.length; i++) e += rows[i]! * rows[i]!;
    return e;
  };
  const search = (from: number, to: number, by: number) => {
    let best = 0,
      bestE = -1;
    for (let t = from; t <= to + 1e-9; t += by) {
      const e = sharpness(t);
      if (e > bestE) {
        bestE = e;
        best = t;
      }
    }
    return best;
  };
  const deg = Math.PI / 180;
  const coarse = search(-MAX_SKEW, MAX_SKEW, 0.1 * deg);
  return search(coarse - 0.1 * deg, coarse + 0.1 * deg, 0.02 * deg);
}

/** The page turned so that lines skewed by `theta` (as measureSkew gives) run level. */
export function deskew(img: Grey, theta: number): Grey {
  if (Math.abs(theta) < 0.05 * (Math.PI / 180)) return img;
  const { width: w, height: h } = img;
  const out = new Uint8Array(w * h);
  const c = Math.cos(theta),
    s = Math.sin(theta);
  const cx = w / 2,
    cy = h / 2;
  for (let v = 0; v < h; v++) {
    const dv = v - cy;
    for (let u = 0; u < w; u++) {
      const du = u - cx;
      const x = du * c - dv * s + cx,
        y = du * s + dv * c + cy;
      const ix = Math.floor(x),
        iy = Math.floor(y);
      const tx = x - ix,
        ty = y - iy;
      const a = px(img, ix, iy),
        b = px(img, ix + 1, iy),
        cc = px(img, ix, iy + 1),
        d = px(img, ix + 1, iy + 1);
      out[v * w + u] = (a * (1 - tx) + b * tx) * (1 - ty) + (cc * (1 - tx) + d * tx) * ty;
    }
  }
  return { width: w, height: h, data: out };
}
