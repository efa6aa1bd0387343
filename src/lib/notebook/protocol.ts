/**
 * Messages between the page and the notebook kernel (src/workers/kernel.worker.ts), in the
 * spirit of Jupyter's: the page asks the kernel to run a cell; the kernel answers with display
 * messages (outputs, updates of earlier outputs) and one `done` per run.
 */
import type { CellError } from './runner';
import type { Feedback } from '../exercises/types';

export interface PlotMarkSpec {
  /** An Observable Plot mark function name, e.g. 'line', 'lineY', 'dot', 'ruleY', 'barY', 'text'. */
  mark: string;
  data?: unknown[];
  /** Mark options; channels are field names (functions do not survive postMessage). */
  options?: Record<string, unknown>;
}

/** A serialisable Observable Plot figure: Plot.plot options with `marks` as PlotMarkSpecs. */
export interface PlotSpec {
  marks: PlotMarkSpec[];
  title?: string;
  [option: string]: unknown;
}

export interface GrayImage {
  width: number;
  height: number;
  /** width × height grey levels 0..255, row-major. */
  pixels: Uint8ClampedArray;
  caption?: string;
  /** Draws the caption in the error colour (e.g. a wrong prediction). */
  wrong?: boolean;
}

export type Output =
  | { kind: 'text'; text: string; stream?: 'stdout' | 'stderr' }
  | { kind: 'value'; text: string }
  | { kind: 'tensor'; dtype: string; shape: number[]; text: string }
  | { kind: 'math'; tex: string; display: boolean }
  /** Text with `$…$` (inline) and `$$…$$` (display) math, like the notebook's print_math. */
  | { kind: 'mathtext'; text: string }
  /** Figures side by side; with `columns` (subplots) a grid of that many per row, null = a panel not drawn yet. */
  | { kind: 'plot'; specs: (PlotSpec | null)[]; columns?: number }
  | { kind: 'images'; images: GrayImage[]; columns: number }
  | { kind: 'html'; html: string }
  | { kind: 'progress'; value: number; max: number; label: string };

export type KernelRequest =
  | { type: 'run'; runId: number; cell: string; source: string }
  /** Runs `source` like 'run', then the named exercise check (src/lib/exercises/checks.ts) on what it defined. */
  | { type: 'check'; runId: number; cell: string; source: string; check: string }
  /** Ask the running cell to stop (aborts `course.signal`); the page restarts the kernel if it does not. */
  | { type: 'interrupt' };

export type KernelMessage =
  | { type: 'ready' }
  | { type: 'output'; runId: number; output: Output; displayId?: string }
  | { type: 'update'; runId: number; displayId: string; output: Output }
  | { type: 'remove'; runId: number; displayId: string }
  /** `report`: the exercise check's verdict, after a 'check' request. */
  | { type: 'done'; runId: number; ok: true; report?: Feedback }
  | { type: 'done'; runId: number; ok: false; error: CellError; interrupted?: boolean };
