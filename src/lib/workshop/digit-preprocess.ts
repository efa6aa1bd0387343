/**
 * Turns a digit drawn on a canvas into an MNIST-like input: the ink's bounding box scaled to fit a
 * 20×20 box (aspect kept, area-averaged), placed in a 28×28 field with its centre of mass at the
 * centre, values in [0,1] (1 = ink) — the way MNIST itself was prepared.
 */
export const MNIST_SIZE = 28;
export const MNIST_BOX = 20;

/** Ink intensity in [0,1] from RGBA pixels: alpha times brightness (white strokes on a transparent canvas). */
export function rgbaToInk(rgba: ArrayLike<number>, width: number, height: number): Float32Array {
  if (rgba.length !== width * height * 4) {
    throw new RangeError(`rgba has ${rgba.length} values, expected ${width}×${height}×4 = ${width * height * 4}`);
  }
  const ink = new Float32Array(width * height);
  for (let i = 0; i < ink.length; i++) {
    const r = rgba[4 * i], g = rgba[4 * i + 1], b = rgba[4 * i + 2], a = rgba[4 * i + 3];
    ink[i] = ((0.299 * r + 0.587 * g + 0.114 * b) / 255) * (a / 255);
  }
  return ink;
}

export interface Box { x0: number; y0: number; x1: number; y1: number } // x1, y1 exclusive

/** Bounding box of the pixels above `threshold`, or null when nothing is drawn. */
export function inkBounds(ink: ArrayLike<number>, width: number, height: number, threshold = 0.05): Box | null {
  let x0 = width, y0 = height, x1 = -1, y1 = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] > threshold) {
        if (x < x0) x0 = x;
        if (x > x1) x1 = x;
        if (y < y0) y0 = y;
        if (y > y1) y1 = y;
      }
    }
  }
  return x1 < 0 ? null : { x0, y0, x1: x1 + 1, y1: y1 + 1 };
}

/** Area-averaging resample of a crop of `src` (width `srcW`) to tw×th. */
export function resampleArea(src: ArrayLike<number>, srcW: number, box: Box, tw: number, th: number): Float32Array {
  const out = new Float32Array(tw * th);
  const sx = (box.x1 - box.x0) / tw;
  const sy = (box.y1 - box.y0) / th;
  for (let ty = 0; ty < th; ty++) {
    const ya = box.y0 + ty * sy, yb = ya + sy;
    for (let tx = 0; tx < tw; tx++) {
      const xa = box.x0 + tx * sx, xb = xa + sx;
      let sum = 0;
      for (let y = Math.floor(ya); y < Math.ceil(yb); y++) {
        const wy = Math.min(yb, y + 1) - Math.max(ya, y);
        if (wy <= 0) continue;
        for (let x = Math.floor(xa); x < Math.ceil(xb); x++) {
          const wx = Math.min(xb, x + 1) - Math.max(xa, x);
          if (wx > 0) sum += wx * wy * src[y * srcW + x];
        }
      }
      out[ty * tw + tx] = sum / (sx * sy);
    }
  }
  return out;
}

/** Centre of mass (x, y) of an image, with pixel centres at i + 0.5; null for an empty image. */
export function centreOfMass(img: ArrayLike<number>, width: number, height: number): { x: number; y: number } | null {
  let m = 0, mx = 0, my = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = img[y * width + x];
      m += v;
      mx += v * (x + 0.5);
      my += v * (y + 0.5);
    }
  }
  return m > 0 ? { x: mx / m, y: my / m } : null;
}

/** The whole pipeline; null when the canvas holds no ink. */
export function toMnistInput(ink: ArrayLike<number>, width: number, height: number): Float32Array | null {
  if (ink.length !== width * height) throw new RangeError(`ink has ${ink.length} values, expected ${width}×${height}`);
  const box = inkBounds(ink, width, height);
  if (!box) return null;
  const bw = box.x1 - box.x0, bh = box.y1 - box.y0;
  const scale = MNIST_BOX / Math.max(bw, bh);
  const tw = Math.max(1, Math.round(bw * scale)), th = Math.max(1, Math.round(bh * scale));
  const small = resampleArea(ink, width, box, tw, th);
  const com = centreOfMass(small, tw, th)!;
  const half = MNIST_SIZE / 2;
  // Integer shift that puts the centre of mass at the field's centre, kept inside the field.
  const ox = clamp(Math.round(half - com.x), 0, MNIST_SIZE - tw);
  const oy = clamp(Math.round(half - com.y), 0, MNIST_SIZE - th);
  const out = new Float32Array(MNIST_SIZE * MNIST_SIZE);
  for (let y = 0; y < th; y++) {
    for (let x = 0; x < tw; x++) out[(oy + y) * MNIST_SIZE + ox + x] = Math.min(1, Math.max(0, small[y * tw + x]));
  }
  return out;
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}

/** The drawing pad's RGBA pixels (white strokes on a transparent canvas) → the MNIST input; null when blank. */
export function drawingToInput(rgba: ArrayLike<number>, width: number, height: number): Float32Array | null {
  return toMnistInput(rgbaToInk(rgba, width, height), width, height);
}

/** The stroke the pad draws with, in canvas pixels (on a 280×280 pad: a pen about 2 MNIST pixels wide). */
export const PAD_STROKE_WIDTH = 20;

/** A pointer's position (client coordinates) in the canvas's own pixels, however the page scales the canvas. */
export function padPoint(
  client: { x: number; y: number },
  rect: { left: number; top: number; width: number; height: number },
  canvas: { width: number; height: number },
): { x: number; y: number } {
  return { x: ((client.x - rect.left) * canvas.width) / rect.width, y: ((client.y - rect.top) * canvas.height) / rect.height };
}
