/**
 * The notebook's loss figure (`plotLosses` in a cell): train loss per step, validation every 100
 * steps, as a Plot spec. Pure; used by workshop-helpers.ts.
 */
import type { PlotSpec } from './protocol';
import type { Axes } from './subplots';

export interface PlotLossesOptions {
  title?: string;
  lossTrainList: number[];
  lossValidationList?: number[];
  validationSteps?: number[];
  yDomain?: [number, number];
  /** A panel from `subplots(…)` to draw into (the notebook's `ax`); without it, a figure of its own. */
  ax?: Axes;
}

interface LossRow {
  step: number;
  loss: number;
  series: 'Train' | 'Validation';
}

/** Mean over consecutive buckets so that at most `maxPoints` remain (x: the bucket's middle step). */
function bucketed(values: ArrayLike<number>, maxPoints: number): { step: number; loss: number }[] {
  const size = Math.max(1, Math.ceil(values.length / maxPoints));
  const out: { step: number; loss: number }[] = [];
  for (let start = 0; start < values.length; start += size) {
    const end = Math.min(values.length, start + size);
    let sum = 0;
    for (let i = start; i < end; i++) sum += values[i];
    out.push({ step: (start + end - 1) / 2, loss: sum / (end - start) });
  }
  return out;
}

/** The notebook's loss figure (train per step, validation every 100 steps) as a Plot spec. */
export function lossPlotSpec(o: PlotLossesOptions): PlotSpec {
  // Long runs (20 epochs = 18,440 steps) are bucketed so every redraw stays cheap.
  const rows: LossRow[] = bucketed(o.lossTrainList, 600).map((p) => ({ ...p, series: 'Train' }));
  (o.validationSteps ?? []).forEach((step, i) => rows.push({ step, loss: o.lossValidationList?.[i] ?? NaN, series: 'Validation' }));
  // The notebook's 0–5 unless every loss is far below it (a finished run reads better zoomed in).
  const top = Math.max(0, ...rows.map((r) => (Number.isFinite(r.loss) ? r.loss : 0)));
  const yMax = top === 0 ? 5 : Math.min(5, Math.max(0.5, Math.ceil(top * 1.1 * 2) / 2));
  return {
    title: o.title,
    width: 320,
    height: 240,
    grid: true,
    x: { label: 'Step' },
    y: { label: 'Loss', domain: o.yDomain ?? [0, yMax] },
    color: { legend: true, domain: ['Train', 'Validation'] },
    marks: [{ mark: 'line', data: rows, options: { x: 'step', y: 'loss', stroke: 'series', z: 'series', clip: true } }],
  };
}
