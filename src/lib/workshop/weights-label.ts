/** Sentences that tell the student which model the page's views use right now. */
import type { ModelOrigin } from './protocol';
import type { WeightsInfo } from '../lenet/weights';
import type { TrainCheckpoint } from '../lenet/checkpoint';
import { formatAlpha, formatPercent } from './format';

export function describeWeights(info: WeightsInfo | undefined, origin: ModelOrigin | undefined): string {
  if (!info || !origin) return 'No model yet: run the training cell above, or skip ahead with the reference weights.';
  const trained = trainedPart(info);
  const err = info.testError === undefined ? '' : `, test error ${formatPercent(info.testError)}`;
  const run = info.cell ? ` (cell “${info.cell}”${info.label ? `, ${info.label}` : ''})` : '';
  switch (origin) {
    case 'initial':
      return 'An untrained LeNet-5 (random initial weights): its predictions are guesses.';
    case 'notebook':
      return `The model your notebook trained${run}${trained}${err}.`;
    case 'saved':
      return `The model your notebook trained${run}, restored from this browser${trained}${err}.`;
    case 'file':
      return `Weights loaded from a file${trained}${err}.`;
    case 'reference':
      return `The project's reference weights (trained with this notebook's recipe by npm run train:reference${trained}${err}).`;
  }
}

function trainedPart(info: WeightsInfo): string {
  if (!(info.steps > 0)) return '';
  const epochs = Number.isInteger(info.epochs) ? String(info.epochs) : info.epochs.toFixed(2);
  const alpha = info.alpha === undefined ? '' : ` at α = ${formatAlpha(info.alpha)}`;
  const of = info.totalSteps && info.totalSteps > info.steps ? ` of ${info.totalSteps.toLocaleString('en-US')}` : '';
  return `: ${info.steps.toLocaleString('en-US')}${of} steps (${epochs} epoch${info.epochs === 1 ? '' : 's'})${alpha}`;
}

/** Short badge text for the status line. */
export function originBadge(origin: ModelOrigin | undefined): string {
  switch (origin) {
    case undefined: return 'none';
    case 'initial': return 'untrained';
    case 'notebook': return 'yours';
    case 'saved': return 'yours (saved)';
    case 'file': return 'from file';
    case 'reference': return 'reference';
  }
}

/** The offer about the notebook's saved run after a reload. */
export function savedRunText(cp: TrainCheckpoint, unfinished: boolean): string {
  const when = new Date(cp.savedAt).toLocaleString();
  const run = `cell “${cp.cell ?? 'training'}”${cp.label ? `, ${cp.label}` : ''}`;
  const total = cp.totalSteps ?? cp.step;
  return unfinished
    ? `A training run of yours (${run}) stopped at step ${cp.step.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}, saved ${when}. ` +
      'Resume training runs the cells it needs and continues from there.'
    : `Your trained model (${run}, ${cp.step.toLocaleString('en-US')} steps) is saved in this browser since ${when}; the views below use it.`;
}

/** What the host's state says about the model, as weights-status shows it. */
export interface ModelState {
  weights?: WeightsInfo;
  origin?: ModelOrigin;
  runningCell: string | null;
}

/**
 * The status line: its badge and its sentence. Before the notebook's worker starts, the saved run
 * (`saved`) is what the views will use; while a cell runs, the views wait for it.
 */
export function weightsStatusLine(state: ModelState, saved?: TrainCheckpoint): { badge: string; text: string } {
  const fromSaved = !state.weights && !!saved;
  const origin = fromSaved ? 'saved' : state.origin;
  const info = fromSaved ? saved.weights.info : state.weights;
  const later = fromSaved ? ' It loads when a view or a cell needs it.' : '';
  const busy = state.runningCell ? ` The notebook is running cell “${state.runningCell}”: the views update when it ends.` : '';
  return { badge: `model: ${originBadge(origin)}`, text: describeWeights(info, origin) + later + busy };
}

/** The name a downloaded weights file gets. */
export const weightsFileName = (info: WeightsInfo): string => `lenet5-weights-${info.steps}-steps.bin`;

export const NO_SAVED_RUNS = 'This browser offers no IndexedDB here, so training progress cannot be saved across reloads.';
