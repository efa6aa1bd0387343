/**
 * `subplots(nRows, nCols)`: the notebook's `fig, axis_list = plt.subplots(1, 3)`. It puts one
 * figure grid below the cell and returns its panels in reading order (like `axis_list.flat`);
 * `axes.plot(spec)` or `plotLosses({ …, ax: axes })` draws into one panel. The page lays the
 * panels out nCols to a row, one per row on a narrow screen. Pure apart from the sink.
 */
import { plotOutput } from './display';
import type { Output, OutputSink, PlotSpec } from './protocol';

/** One panel of a subplots grid. */
export interface Axes {
  /** Position in the grid, 0-based, row by row. */
  readonly index: number;
  /** Draws (or redraws) this panel. */
  plot(spec: PlotSpec): void;
}

export const MAX_PANELS = 24;

function checkCount(name: string, n: unknown): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) throw new RangeError(`subplots(): ${name} must be a positive whole number, got ${String(n)}`);
  return n;
}

/** The grid as one plot output: panels not drawn yet are null (trailing ones are left out). */
export function subplotsOutput(panels: readonly (PlotSpec | null)[], columns: number): Output {
  let end = panels.length;
  while (end > 0 && panels[end - 1] === null) end--;
  const shown = panels.slice(0, end);
  // Validate (and check cloneability of) the drawn panels with plot()'s own checks.
  const drawn = shown.filter((p): p is PlotSpec => p !== null);
  if (drawn.length) plotOutput(drawn);
  return { kind: 'plot', specs: shown, columns };
}

export function makeSubplots(sink: OutputSink) {
  return function subplots(nRows: number = 1, nCols: number = 1): Axes[] {
    const rows = checkCount('nRows', nRows);
    const cols = checkCount('nCols', nCols);
    if (rows * cols > MAX_PANELS) throw new RangeError(`subplots(): at most ${MAX_PANELS} panels, got ${rows}×${cols}`);
    const panels: (PlotSpec | null)[] = Array.from({ length: rows * cols }, () => null);
    const id = sink.add(subplotsOutput(panels, cols));
    return panels.map((_, index) => ({
      index,
      plot(spec: PlotSpec) {
        const next = panels.slice();
        next[index] = spec;
        const output = subplotsOutput(next, cols); // throws on a bad spec before anything changes
        panels[index] = spec;
        sink.update(id, output);
      },
    }));
  };
}

export function isAxes(v: unknown): v is Axes {
  return !!v && typeof v === 'object' && typeof (v as Axes).plot === 'function' && typeof (v as Axes).index === 'number';
}
