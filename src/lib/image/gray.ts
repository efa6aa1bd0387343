/** Grey values → RGBA bytes for a canvas ImageData; min → black, max → white (matplotlib's 'gray'). */
export function grayToRgba(values: ArrayLike<number>, opts: { min?: number; max?: number } = {}): Uint8ClampedArray<ArrayBuffer> {
  const min = opts.min ?? 0;
  const max = opts.max ?? 1;
  const span = max - min || 1;
  const out = new Uint8ClampedArray(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const v = Math.round(((values[i] - min) / span) * 255);
    out[4 * i] = out[4 * i + 1] = out[4 * i + 2] = v;
    out[4 * i + 3] = 255;
  }
  return out;
}
