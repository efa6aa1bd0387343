/** One sentence that tells the student which weights the model holds right now. */
import type { WeightsInfo } from '../lenet/protocol';
import type { WeightsOrigin } from './engine';
import { formatAlpha, formatPercent } from './format';

export function describeWeights(info: WeightsInfo | undefined, origin: WeightsOrigin | undefined): string {
  if (!info || !origin) return 'No model yet: train one below or skip ahead with the reference weights.';
  const trained = trainedPart(info);
  const err = info.testError === undefined ? '' : `, test error ${formatPercent(info.testError)}`;
  switch (origin) {
    case 'initial':
      return 'Untrained LeNet-5 (random initial weights): its predictions are guesses.';
    case 'trained':
      return `Your own weights, trained in this page${trained}${err}.`;
    case 'resumed':
      return `Your own weights, restored from your saved checkpoint${trained}${err}.`;
    case 'file':
      return `Weights loaded from a file${trained}${err}.`;
    case 'reference':
      return `The project's reference weights (trained with this code by npm run train:reference${trained}${err}).`;
    case 'sweep':
      return `A network from the learning-rate sweep${trained}${err}.`;
  }
}

function trainedPart(info: WeightsInfo): string {
  if (!(info.steps > 0)) return '';
  const epochs = Number.isInteger(info.epochs) ? String(info.epochs) : info.epochs.toFixed(2);
  const alpha = info.alpha === undefined ? '' : ` at α = ${formatAlpha(info.alpha)}`;
  return `: ${info.steps.toLocaleString('en-US')} steps (${epochs} epoch${info.epochs === 1 ? '' : 's'})${alpha}`;
}

/** Short badge text for the status line. */
export function originBadge(origin: WeightsOrigin | undefined): string {
  switch (origin) {
    case undefined: return 'none';
    case 'initial': return 'untrained';
    case 'trained': return 'yours';
    case 'resumed': return 'yours (resumed)';
    case 'file': return 'from file';
    case 'reference': return 'reference';
    case 'sweep': return 'sweep';
  }
}
