/**
 * SVG path data for live loss curves. The chart frame (axes, grid) is drawn once by Observable Plot;
 * each progress frame only rewrites these strings, which keeps a redraw to about a millisecond.
 */
export interface XY { step: number; loss: number }
type Scale = (v: number) => number;

const r1 = (v: number) => Math.round(v * 10) / 10;

/** A polyline through the points; a NaN/∞ loss (a diverged step) breaks the line. */
export function linePath(points: readonly XY[], x: Scale, y: Scale): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (!Number.isFinite(p.loss) || !Number.isFinite(p.step)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${r1(x(p.step))},${r1(y(p.loss))}`;
    pen = true;
  }
  return d;
}

/** Small circles (two arcs each) at the points, for the validation measurements. */
export function markerPath(points: readonly XY[], x: Scale, y: Scale, r = 2.5): string {
  let d = '';
  for (const p of points) {
    if (!Number.isFinite(p.loss) || !Number.isFinite(p.step)) continue;
    const cx = r1(x(p.step));
    const cy = r1(y(p.loss));
    d += `M${r1(cx - r)},${cy}a${r},${r} 0 1,0 ${2 * r},0a${r},${r} 0 1,0 ${-2 * r},0`;
  }
  return d;
}

/** A y maximum that only changes now and then: the next half-unit above 110% of the data, capped. */
export function niceYMax(data: Record<string, readonly XY[]>, cap = 5): number {
  let m = 0;
  for (const points of Object.values(data)) for (const p of points) if (Number.isFinite(p.loss) && p.loss > m) m = p.loss;
  return m === 0 ? cap : Math.min(cap, Math.max(0.5, Math.ceil(m * 1.1 * 2) / 2));
}
