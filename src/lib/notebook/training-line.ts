// The one line of words a training run's live view shows: where the run is, how fast, how long to go.
import type { TrainingView } from './protocol';
import { formatDuration, formatLoss, formatRate } from '../workshop/format';

/** The progress line: where the run is, how fast, how long to go. */
export function trainingLine(v: TrainingView): string {
  const steps = `${v.step.toLocaleString('en-US')} of ${v.totalSteps.toLocaleString('en-US')}`;
  const on = v.backend ? ` on ${v.backend}` : '';
  switch (v.state) {
    case 'starting':
      return `Starting: ${v.totalSteps.toLocaleString('en-US')} steps (${v.nEpoch} epoch${v.nEpoch === 1 ? '' : 's'}).`;
    case 'finished':
      return `Finished ${v.step.toLocaleString('en-US')} steps in ${formatDuration(v.seconds)}${v.imagesPerSec ? ` (${formatRate(v.imagesPerSec)}${on})` : ''}: ` +
        `loss ${formatLoss(v.loss)}, validation ${formatLoss(v.valLoss)}.`;
    case 'stopped':
      return `Stopped at step ${steps}: loss ${formatLoss(v.loss)}, validation ${formatLoss(v.valLoss)}.`;
    case 'paused':
      return `Paused at step ${steps}.`;
    case 'running':
      return `Step ${steps} · epoch ${v.epoch + 1} of ${v.nEpoch} · loss ${formatLoss(v.loss)} · validation ${formatLoss(v.valLoss)} · ` +
        `${formatRate(v.imagesPerSec ?? NaN)}${on}${v.etaSeconds !== undefined ? ` · about ${formatDuration(v.etaSeconds)} left` : ''}`;
  }
}
