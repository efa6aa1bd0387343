// The live view of a training run below a notebook cell (the `training` output of trainingRun):
// progress bar, a progress line, the loss chart, Pause/Continue and Stop. Updates rewrite the line,
// the bar and the chart's paths only (src/components/workshop/loss-chart.ts), so the page stays
// responsive however fast the steps come.
import type { TrainingView } from '../../lib/notebook/protocol';
import { formatDuration, formatLoss, formatRate } from '../../lib/workshop/format';
import { LiveLossChart, runSeries } from '../workshop/loss-chart';
import { loadPlot } from '../workshop/engine-client';
import { getSession, requestStop } from './runtime-client';
import './training-view.css';
import '../workshop/workshop.css'; // the chart's legend

interface ViewParts {
  bar: HTMLProgressElement;
  line: HTMLElement;
  note: HTMLElement;
  chartHost: HTMLElement;
  pause: HTMLButtonElement;
  stop: HTMLButtonElement;
  chart?: LiveLossChart;
  last?: TrainingView;
}

const parts = new WeakMap<HTMLElement, ViewParts>();

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

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

export function renderTraining(v: TrainingView): HTMLElement {
  const box = el('div', 'nb-out nb-out-training');
  const head = el('div', 'nb-train-head');
  head.append(el('strong', '', `Training, ${v.label}`));
  const pause = el('button', 'nb-train-btn', 'Pause');
  pause.type = 'button';
  const stop = el('button', 'nb-train-btn', 'Stop');
  stop.type = 'button';
  head.append(pause, stop);
  const bar = document.createElement('progress');
  bar.className = 'nb-train-bar';
  bar.setAttribute('aria-label', `Training progress, ${v.label}`);
  const line = el('p', 'nb-train-line');
  line.setAttribute('role', 'status');
  const chartHost = el('div', 'nb-train-chart');
  const note = el('p', 'nb-train-note');
  box.append(head, bar, line, chartHost, note);
  const p: ViewParts = { bar, line, note, chartHost, pause, stop };
  parts.set(box, p);
  pause.addEventListener('click', () => {
    const paused = p.last?.state === 'paused';
    getSession().send({ type: paused ? 'resume' : 'pause' });
  });
  stop.addEventListener('click', () => requestStop(box));
  void loadPlot().then((Plot) => {
    p.chart = new LiveLossChart(Plot, chartHost, { series: runSeries(), height: 240, yFloor: 3, ariaLabel: `Train loss per step and validation loss, ${v.label}` });
    if (p.last) updateTraining(box, p.last);
  }, (e: unknown) => chartHost.replaceChildren(el('p', 'nb-train-note', `${(e as Error).message} The progress line above still follows the run.`)));
  updateTraining(box, v);
  return box;
}

export function updateTraining(box: HTMLElement, v: TrainingView): void {
  const p = parts.get(box);
  if (!p) return;
  p.last = v;
  box.dataset.state = v.state;
  box.dataset.step = String(v.step);
  box.dataset.totalSteps = String(v.totalSteps);
  box.dataset.validationLosses = v.validation.map(([, l]) => l.toFixed(4)).join(',');
  if (v.imagesPerSec) box.dataset.imagesPerSec = String(Math.round(v.imagesPerSec));
  p.bar.max = Math.max(1, v.totalSteps);
  p.bar.value = v.step;
  p.line.textContent = trainingLine(v);
  p.note.textContent = v.note ?? '';
  const live = v.state === 'running' || v.state === 'paused' || v.state === 'starting';
  p.pause.hidden = p.stop.hidden = !live;
  p.pause.textContent = v.state === 'paused' ? 'Continue' : 'Pause';
  // A finished run's chart gives way to the figure the cell draws itself (as the notebook does).
  const keep = v.keepChart || v.state !== 'finished';
  p.chartHost.hidden = !keep;
  if (keep && p.chart) {
    const toXY = (pts: [number, number][]) => pts.map(([step, loss]) => ({ step, loss }));
    p.chart.update({ train: toXY(v.train), validation: toXY(v.validation) }, v.totalSteps);
  }
}
