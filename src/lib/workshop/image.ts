/** Grey images for canvases: [0,1] values → RGBA bytes, and feature-map channel planes. */

export { grayToRgba } from '../image/gray';

/** Splits a channels-last [h][w][c] activation (flat) into c planes of h·w values. */
export function channelPlanes(hwc: ArrayLike<number>, h: number, w: number, c: number): Float32Array[] {
  if (hwc.length !== h * w * c) throw new RangeError(`activation has ${hwc.length} values, expected ${h}×${w}×${c}`);
  const planes = Array.from({ length: c }, () => new Float32Array(h * w));
  for (let i = 0; i < h * w; i++) for (let k = 0; k < c; k++) planes[k][i] = hwc[i * c + k];
  return planes;
}

/** Min and max of a plane; an all-equal plane gets max = min + 1 so it draws as uniform black. */
export function planeRange(plane: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity, max = -Infinity;
  for (let i = 0; i < plane.length; i++) {
    if (plane[i] < min) min = plane[i];
    if (plane[i] > max) max = plane[i];
  }
  if (!Number.isFinite(min)) return { min: 0, max: 1 };
  return max > min ? { min, max } : { min, max: min + 1 };
}
