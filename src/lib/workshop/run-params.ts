/**
 * Training settings from the form and the URL. For tests and demos the URL may shorten runs:
 *   ?train-steps=150  stops the 20-epoch training after 150 steps in total
 *   ?sweep-steps=100  stops each learning-rate sweep run after 100 steps
 *   ?epochs=2         preset for the epochs field
 */
export interface RunParams { epochs: number; trainSteps?: number; sweepSteps?: number }

export const DEFAULT_EPOCHS = 20;
export const MAX_EPOCHS = 200;

function positiveInt(raw: string | null | undefined, max: number): number | undefined {
  if (raw === null || raw === undefined || raw.trim() === '') return undefined;
  const v = Number(raw);
  return Number.isInteger(v) && v >= 1 && v <= max ? v : undefined;
}

export function parseRunParams(search: string): RunParams {
  const q = new URLSearchParams(search);
  return {
    epochs: positiveInt(q.get('epochs'), MAX_EPOCHS) ?? DEFAULT_EPOCHS,
    trainSteps: positiveInt(q.get('train-steps'), 10_000_000),
    sweepSteps: positiveInt(q.get('sweep-steps'), 10_000_000),
  };
}

/** Validates the epochs field; returns the number or a message for the page. */
export function parseEpochs(raw: string): { ok: true; value: number } | { ok: false; message: string } {
  const v = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(v) || v < 1 || v > MAX_EPOCHS) {
    return { ok: false, message: `Epochs must be a whole number from 1 to ${MAX_EPOCHS}; got "${raw}".` };
  }
  return { ok: true, value: v };
}

/** Validates the optional step limit (empty = no limit). */
export function parseStepLimit(raw: string): { ok: true; value: number | undefined } | { ok: false; message: string } {
  if (raw.trim() === '') return { ok: true, value: undefined };
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 1) return { ok: false, message: `The step limit must be a whole number ≥ 1 (or empty); got "${raw}".` };
  return { ok: true, value: v };
}

/** Total SGD steps of a run: ⌈train/batch⌉ per epoch, capped by an optional limit. */
export function totalSteps(epochs: number, trainCount = 58_976, batchSize = 64, limit?: number): number {
  const all = epochs * Math.ceil(trainCount / batchSize);
  return limit === undefined ? all : Math.min(all, limit);
}
