/** What the drawing pad says about the network's reading of a drawn digit: the sentence and the ten bars. */
import type { ModelOrigin } from './protocol';

export const DRAW_PROMPT = 'Draw a digit in the black square.';
export const CLEARED = `Cleared. ${DRAW_PROMPT}`;

/** `digit` read with probability `p`; `training`: the notebook is changing the weights right now. */
export function readingText(digit: number, p: number, origin: ModelOrigin | undefined, training: boolean): string {
  const read = `The network reads ${digit} (${(100 * p).toFixed(1)}%)`;
  // The worker answers between two training steps, so a drawing can be watched while the net learns.
  if (training) return `${read} with the weights the notebook is working on right now.`;
  const guess = origin === 'initial' || !origin ? ' Untrained weights only guess: train or load weights above.' : '';
  return `${read}, with ${weightsPhrase(origin)}.${guess}`;
}

/** The weights the network reads with, as a phrase after "with" (the badge's words do not read in a sentence). */
function weightsPhrase(origin: ModelOrigin | undefined): string {
  switch (origin) {
    case undefined:
    case 'initial': return 'untrained weights';
    case 'notebook': return 'the weights your notebook trained';
    case 'saved': return 'your saved weights';
    case 'file': return 'the weights from your file';
    case 'reference': return 'the reference weights';
  }
}

export interface ProbabilityBar {
  digit: number;
  /** The bar's width, as CSS. */
  width: string;
  /** The number beside it ("—" before any reading). */
  text: string;
  /** The digit the network reads. */
  top: boolean;
}

/** One bar per digit 0–9, `top` the digit read; without probabilities, empty bars. */
export function probabilityBars(p?: ArrayLike<number>, top?: number): ProbabilityBar[] {
  return Array.from({ length: 10 }, (_, d) => ({
    digit: d,
    width: `${p ? (100 * p[d]).toFixed(1) : 0}%`,
    text: p ? `${(100 * p[d]).toFixed(1)}%` : '—',
    top: d === top,
  }));
}
