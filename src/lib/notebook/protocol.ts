/**
 * Messages between the page and the notebook's worker (src/workers/notebook-adapter.ts), in the
 * spirit of Jupyter's: the page asks the cell runtime to run a cell; it answers with display
 * messages (outputs, updates of earlier outputs) and one `done` per run. The same worker holds the
 * host, whose requests and events are in src/lib/workshop/protocol.ts.
 */
import type { CellError } from '../cell-error/cell-error';
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
  | { kind: 'progress'; value: number; max: number; label: string }
  /** What the output limit left out (output-limit.ts): "… N more lines not shown". */
  | { kind: 'note'; text: string }
  /** A training run, live: progress, the loss curves, Pause/Continue and Stop (see src/lib/notebook/training-run.ts). */
  | TrainingView;

/** What the page shows of one training run (the output of trainingRun in a cell). */
export interface TrainingView {
  kind: 'training';
  /** Which run, e.g. "α = 0.1". */
  label: string;
  state: 'starting' | 'running' | 'paused' | 'stopped' | 'finished';
  step: number;
  totalSteps: number;
  /** 0-based epoch of the latest step. */
  epoch: number;
  nEpoch: number;
  loss?: number;
  valLoss?: number;
  imagesPerSec?: number;
  etaSeconds?: number;
  seconds: number;
  backend?: string;
  /** Train losses (bucketed) and validation losses as [step, loss] pairs. */
  train: [number, number][];
  validation: [number, number][];
  /** A sentence about the run (resumed from a checkpoint, saved, stopped…). */
  note?: string;
  /** Keep the chart when the run ends (false: the cell draws its own figure after a finished run). */
  keepChart: boolean;
}

/** Where the running cell's outputs go (the worker posts them to the page; tests record them). */
export interface OutputSink {
  /** Adds an output below the running cell; returns its display id. */
  add(output: Output): string;
  /** Replaces the output with this display id. */
  update(displayId: string, output: Output): void;
  /** Takes the output with this display id away. */
  remove(displayId: string): void;
  /** Aborted when the student presses Stop. */
  signal(): AbortSignal;
}

export type CellRequest =
  /**
   * Run a cell; `resume`: its training runs continue from their saved checkpoints; `check`: then the
   * named exercise check (src/lib/exercises/checks.ts) grades what the code defined.
   */
  | { type: 'run'; runId: number; cell: string; source: string; resume?: boolean; check?: string; token?: string }
  /** Ask the running cell to stop (aborts `course.signal`); the page restarts the runtime if it does not. */
  | { type: 'interrupt' }
  /** Is the worker's thread free? Answered by 'pong' (see SilenceWatchdog in session-stall.ts). */
  | { type: 'ping' };

export type CellMessage =
  | { type: 'started' }
  | { type: 'pong' }
  | { type: 'output'; runId: number; output: Output; displayId?: string }
  | { type: 'update'; runId: number; displayId: string; output: Output }
  | { type: 'remove'; runId: number; displayId: string }
  /**
   * `report`: the exercise check's verdict, after a run with `check`. `token`: the run request's, which
   * student code never sees (the adapter keeps the requests from its listeners), so it cannot post a verdict.
   */
  | { type: 'cell-done'; runId: number; token?: string; ok: true; report?: Feedback }
  | { type: 'cell-done'; runId: number; token?: string; ok: false; error: CellError; interrupted?: boolean };

export const CELL_MESSAGE_TYPES: ReadonlySet<string> = new Set(['started', 'pong', 'output', 'update', 'remove', 'cell-done']);
