// Where the time of one training step goes: tf.profile's kernel records attributed to forward and
// backward per layer, the optimizer update, and copies/transposes; the bench prints it as a table.
import type * as tfc from '@tensorflow/tfjs-core';

export interface KernelRecord {
  name: string;
  ms: number;
  inputShapes: number[][];
  outputShapes: number[][];
}

/** A layer by the shape(s) of the activation it produces (batch included). */
export interface LayerShapes {
  name: string;
  outputs: number[][];
}

export type Phase = 'forward' | 'backward' | 'update' | 'copies' | 'batching' | 'overhead';

export interface ProfileRow {
  phase: Phase;
  /** Layer name, or the kernel name for copies. */
  what: string;
  ms: number;
  /** Kernels in this row: name → [calls, ms]. */
  kernels: Record<string, [number, number]>;
}

/** Kernels that only move data; reported on their own whichever layer calls them. */
export const COPY_KERNELS = new Set(['Identity', 'Transpose', 'Reshape', 'Cast', 'Slice', 'Pad', 'PadV2', 'Reverse', 'ZerosLike', 'OnesLike', 'Concat', 'Tile']);

/**
 * Runs `f` under tf.profile and returns its kernels in order. Records that are not kernels of the
 * active backend (customGrad scopes, which contain the kernels they call) are dropped, so the
 * times add up without counting twice.
 */
export async function profileKernels(tf: typeof tfc, f: () => tfc.TensorContainer): Promise<KernelRecord[]> {
  const backend = tf.getBackend();
  const info = await tf.profile(f);
  tf.dispose(info.result);
  return info.kernels
    .filter((k) => tf.getKernel(k.name, backend) !== undefined)
    .map((k) => ({
      name: k.name,
      ms: typeof k.kernelTimeMs === 'number' ? k.kernelTimeMs : NaN,
      inputShapes: k.inputShapes.map((s) => [...(s ?? [])]),
      outputShapes: k.outputShapes.map((s) => [...(s ?? [])]),
    }));
}

/** Shape key; leading 1s dropped, so [1, 64, 84] (a batched matMul's view) matches [64, 84]. */
const key = (s: readonly number[]) => {
  let i = 0;
  while (i < s.length - 1 && s[i] === 1) i++;
  return s.slice(i).join('x');
};

export interface StepShapes {
  /** The model's layers in forward order. */
  layers: LayerShapes[];
  /** Shapes of the trainable variables (the update touches only these and scalars). */
  vars: number[][];
  /** Shapes only the loss makes (e.g. [B, 1] and the scalar). */
  loss: number[][];
}

/**
 * Attributes the kernels of one step. `forwardKernels`: how many non-copy kernels the forward pass
 * (loss included) runs, measured by profiling it alone (copies differ: gradients save clones).
 * After it, a trailing run of kernels that touch only variable-shaped or scalar tensors is the
 * optimizer update, and the rest is the backward pass. A kernel belongs to the deepest layer whose
 * output shape it touches; the loss's kernels come after the last layer's forward and before its
 * backward, and touch only the loss's and the last layer's shapes.
 */
export function attributeStep(records: KernelRecord[], forwardKernels: number, shapes: StepShapes): ProfileRow[] {
  const { layers } = shapes;
  const vars = new Set([...shapes.vars.map(key), '']);
  const lossKeys = new Set(shapes.loss.map(key));
  const lastKeys = new Set([...(layers.at(-1)?.outputs ?? []).map(key), ...lossKeys, '']);
  const keysOf = (r: KernelRecord) => [...r.inputShapes, ...r.outputShapes].map(key);
  let firstBackward = records.length;
  for (let i = 0, seen = 0; i < records.length; i++) {
    if (seen === forwardKernels) {
      firstBackward = i;
      break;
    }
    if (!COPY_KERNELS.has(records[i].name)) seen++;
  }
  let updateStart = records.length;
  while (updateStart > firstBackward && keysOf(records[updateStart - 1]).every((k) => vars.has(k))) updateStart--;
  const layerOf = (keys: string[]): string => {
    const set = new Set(keys);
    for (let i = layers.length - 1; i >= 0; i--) if (layers[i].outputs.some((s) => set.has(key(s)))) return layers[i].name;
    return 'loss';
  };
  const rows = new Map<string, ProfileRow>();
  const add = (phase: Phase, what: string, r: KernelRecord) => {
    const id = `${phase}/${what}`;
    const row = rows.get(id) ?? { phase, what, ms: 0, kernels: {} };
    row.ms += r.ms;
    const k = (row.kernels[r.name] ??= [0, 0]);
    k[0]++;
    k[1] += r.ms;
    rows.set(id, row);
  };
  let inLoss = false;
  records.forEach((r, i) => {
    const keys = keysOf(r);
    if (i === firstBackward) inLoss = true;
    if (i < firstBackward) inLoss ||= keys.some((k) => lossKeys.has(k));
    else if (inLoss && !keys.every((k) => lastKeys.has(k))) inLoss = false;
    if (COPY_KERNELS.has(r.name)) add('copies', r.name, r);
    else if (i >= updateStart) add('update', 'SGD', r);
    else add(i < firstBackward ? 'forward' : 'backward', inLoss ? 'loss' : layerOf(keys), r);
  });
  // Forward in layer order, backward in reverse (as they run), then the rest.
  const order = (row: ProfileRow) => {
    const li = layers.findIndex((l) => l.name === row.what);
    const at = li < 0 ? layers.length : li;
    switch (row.phase) {
      case 'forward': return at;
      case 'backward': return 100 + (layers.length - at);
      case 'update': return 200;
      case 'copies': return 300;
      case 'batching': return 400;
      default: return 500;
    }
  };
  return [...rows.values()].sort((a, b) => order(a) - order(b));
}

/** Mean of the middle values (a fifth dropped at each end): robust to a step the machine interrupted. */
function trimmedMean(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const cut = Math.floor(s.length / 5);
  const mid = s.slice(cut, s.length - cut);
  return mid.reduce((a, b) => a + b, 0) / mid.length;
}

/**
 * Several steps' rows as one (browsers coarsen timers, and a shared machine interrupts some
 * steps): each row's and kernel's time is the trimmed mean over the steps, calls the mean.
 */
export function averageRows(steps: ProfileRow[][]): ProfileRow[] {
  const ids: string[] = [];
  const rows = new Map<string, ProfileRow[]>();
  for (const step of steps)
    for (const r of step) {
      const id = `${r.phase}/${r.what}`;
      if (!rows.has(id)) {
        rows.set(id, []);
        ids.push(id);
      }
      rows.get(id)!.push(r);
    }
  return ids.map((id) => {
    const all = rows.get(id)!;
    // A row missing from a step counts as 0 ms there.
    const pad = (xs: number[]) => [...xs, ...Array(steps.length - xs.length).fill(0)];
    const names = [...new Set(all.flatMap((r) => Object.keys(r.kernels)))];
    const kernels = Object.fromEntries(
      names.map((n) => [n, [pad(all.map((r) => r.kernels[n]?.[0] ?? 0)).reduce((a, b) => a + b, 0) / steps.length, trimmedMean(pad(all.map((r) => r.kernels[n]?.[1] ?? 0)))]]),
    ) as Record<string, [number, number]>;
    return { phase: all[0].phase, what: all[0].what, ms: Object.values(kernels).reduce((a, [, ms]) => a + ms, 0), kernels };
  });
}

/** The table the bench prints: one line per row with ms and % of the step, then a total. */
export function formatProfile(rows: ProfileRow[], stepMs: number): string {
  const lines = [`${'phase'.padEnd(9)} ${'part'.padEnd(12)} ${'ms'.padStart(7)} ${'%'.padStart(5)}  kernels (calls × ms)`];
  for (const r of rows) {
    const detail = Object.entries(r.kernels).map(([n, [c, ms]]) => `${n}${c > 1 ? ` ${Math.round(c)}×` : ''} ${ms.toFixed(2)}`).join(', ');
    lines.push(`${r.phase.padEnd(9)} ${r.what.padEnd(12)} ${r.ms.toFixed(2).padStart(7)} ${((100 * r.ms) / stepMs).toFixed(1).padStart(5)}  ${detail}`);
  }
  lines.push(`${'step'.padEnd(22)} ${stepMs.toFixed(2).padStart(7)} 100.0  (one SGD step, batch included, median)`);
  return lines.join('\n');
}
