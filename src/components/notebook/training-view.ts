// The live view of a training run below a notebook cell (the `training` output of trainingRun):
// progress bar, a progress line, the loss chart, Pause/Continue and Stop. Updates rewrite the line,
// the bar and the chart's paths only (src/components/workshop/loss-chart.ts), so the page stays
// responsive however fast the steps come.
import { el } from './dom';
import type { TrainingView } from '../../lib/notebook/protocol';
import { trainingLine } from '../../lib/notebook/training-line';
import { LiveLossChart, runSeries } from '../workshop/loss-chart';
import { loadPlot } from '../workshop/host';
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
