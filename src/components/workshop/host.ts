// The views' handle on the page's one host (in the notebook's worker, beside the notebook runtime) and
// the lazy loaders for the libraries the views draw with. Imported by the components' <script>s only.
import { HostClient } from '../../lib/workshop/host-client';
import { CheckpointStore } from '../../lib/workshop/checkpoint-store';
import type { WorkerEvent } from '../../lib/workshop/protocol';
import { getSession } from '../notebook/runtime-client';
import { loadFailure } from '../../lib/site/load-failure';

let host: HostClient | undefined;
let store: CheckpointStore | undefined;

export function getHost(): HostClient {
  host ??= new HostClient(getSession());
  return host;
}

export function getCheckpointStore(): CheckpointStore {
  store ??= new CheckpointStore();
  return store;
}

type Evaluation = Extract<WorkerEvent, { type: 'evaluation' }>;
let evaluation: { version: number; promise: Promise<Evaluation> } | undefined;

/**
 * The test evaluation of the weights loaded now, computed once per weights version and shared by
 * the test-risk, confusion-matrix, mistakes and prediction sections.
 */
export function evaluateCurrent(): Promise<Evaluation> {
  const e = getHost();
  const version = e.state.weightsVersion;
  if (!evaluation || evaluation.version !== version) {
    const promise = e.evaluate();
    evaluation = { version, promise };
    promise.catch(() => {
      if (evaluation?.promise === promise) evaluation = undefined;
    });
  }
  return evaluation.promise;
}

/** The finished evaluation for the current weights, if there is one (no new work). */
export async function currentEvaluation(): Promise<Evaluation | undefined> {
  if (!evaluation || evaluation.version !== getHost().state.weightsVersion) return undefined;
  try {
    return await evaluation.promise;
  } catch {
    return undefined;
  }
}

/** A notebook cell is running (it may be training the current model): views wait for it. */
export function isBusy(): boolean {
  return getHost().state.runningCell !== null;
}

let plot: Promise<typeof import('@observablehq/plot')> | undefined;
export function loadPlot() {
  plot ??= import('@observablehq/plot').catch((e) => ((plot = undefined), Promise.reject(loadFailure(e, 'The chart library'))));
  return plot;
}

let katex: Promise<typeof import('katex').default> | undefined;
export function loadKatex() {
  katex ??= import('katex').then((m) => m.default, (e) => ((katex = undefined), Promise.reject(loadFailure(e, 'The math typesetter'))));
  return katex;
}

/** A message for an Error or anything thrown. */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Shared event for "show this digit's feature maps". */
export interface DigitSelection { image: Float32Array; title: string }
export const DIGIT_EVENT = 'workshop:digit';
export function selectDigit(sel: DigitSelection): void {
  window.dispatchEvent(new CustomEvent<DigitSelection>(DIGIT_EVENT, { detail: sel }));
}

/** Test images come from the worker as bytes 0–255; the model wants [0,1]. */
export function bytesToUnit(bytes: Uint8Array, offset = 0, n = 784): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = bytes[offset + i] / 255;
  return out;
}
