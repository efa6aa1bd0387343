// The run control of a training loop in a notebook cell: `const run = await trainingRun({...})`, then
// `await run.stepDone()` after every step. It shows the run live below the cell (progress, ETA, the
// loss curves, Pause/Continue and Stop), saves a checkpoint in the browser after every epoch and on
// Stop, makes the net the page's current model, and resumes a saved run when the student asks.
// DOM-free: it runs in the notebook's worker (and in Node for tests).
import type { Output, TrainingView } from './protocol';
import type { WeightsInfo } from '../lenet/weights';
import type { RunControl } from '../torchlike';
import { ThroughputMeter } from '../workshop/throughput';
import { formatAlpha } from '../workshop/format';
import type { RunHost, TrainingRunOptions } from './training-run-host';
import { checkpointFits, checkpointOf, restoreCheckpoint } from './training-checkpoint';
import { trainingView } from './training-view-message';

export type { RunHost, TrainingRunOptions };

const VIEW_EVERY_MS = 250;

export class TrainingRun implements RunControl {
  readonly key: string;
  readonly label: string;
  readonly totalSteps: number;
  readonly stepsPerEpoch: number;
  startStep = 0;
  private viewId: string;
  private meter: ThroughputMeter;
  private started = Date.now();
  private lastView = -Infinity;
  private note?: string;
  /** Set when the run continued a saved one: said beside the latest note. */
  private resumedNote?: string;
  private state: TrainingView['state'] = 'starting';
  private done = false;

  constructor(
    private readonly host: RunHost,
    private readonly o: TrainingRunOptions,
  ) {
    if (!(o.alpha > 0)) throw new RangeError(`trainingRun: alpha must be a positive number, got ${o.alpha}`);
    if (!Number.isInteger(o.nEpoch) || o.nEpoch < 1) throw new RangeError(`trainingRun: nEpoch must be a whole number ≥ 1, got ${o.nEpoch}`);
    for (const k of ['lossTrainList', 'lossValidationList', 'validationSteps'] as const)
      if (!Array.isArray(o[k])) throw new TypeError(`trainingRun: ${k} must be the loop's own list (an array)`);
    this.label = `α = ${formatAlpha(o.alpha)}`;
    this.key = `${host.cell}/${this.label}`;
    this.stepsPerEpoch = o.dataloaderTrain2.length;
    this.totalSteps = o.nEpoch * this.stepsPerEpoch;
    this.meter = new ThroughputMeter(o.batchSize ?? o.dataloaderTrain2.batchSize, 3000, () => Date.now());
    this.viewId = host.sink.add(this.view());
  }

  /**
   * Loads the saved run with this key when the student asked to resume it and it fits this run, and
   * puts the loader at the run's first step: every run shuffles epoch e the same way (pass e), so a
   * run is reproducible and a resumed run sees the batches the uninterrupted one would have.
   */
  async resumeIfAsked(): Promise<void> {
    this.o.dataloaderTrain2.seek(0);
    if (!this.host.resume || !this.host.store) return;
    const cp = await this.host.store.load(this.key);
    if (!cp || !checkpointFits(cp, this.o, this.stepsPerEpoch)) return;
    this.resumedNote = restoreCheckpoint(cp, this.o, this.totalSteps);
    this.startStep = cp.step;
  }

  /** The first epoch the loop runs (a resumed run skips the finished ones). */
  get startEpoch(): number {
    return Math.floor(this.startStep / this.stepsPerEpoch);
  }

  private get step(): number {
    return this.o.lossTrainList.length;
  }

  private info(): WeightsInfo {
    return {
      source: 'trained', steps: this.step, epochs: this.step / this.stepsPerEpoch, alpha: this.o.alpha,
      backend: this.host.backend(), savedAt: new Date().toISOString(), cell: this.host.cell, label: this.label, totalSteps: this.totalSteps,
    };
  }

  begin(): void {
    this.state = 'running';
    this.started = Date.now();
    this.host.adopt(this.o.net, this.info());
    this.show(true);
    if (this.step >= this.totalSteps) void this.finish();
  }

  async stepDone(): Promise<void> {
    if (this.done) return;
    this.meter.tick();
    const step = this.step;
    if (step % this.stepsPerEpoch === 0 || step >= this.totalSteps) await this.saveCheckpoint();
    if (step >= this.totalSteps) return this.finish();
    this.show(false);
    await this.host.yieldToMessages();
    const signal = this.host.sink.signal();
    if (this.host.paused() && !signal.aborted) {
      this.state = 'paused';
      this.show(true);
      await this.host.untilContinued();
      this.meter.pause();
      this.state = 'running';
      this.show(true);
    }
    if (signal.aborted) {
      await this.stop();
      throw signal.reason;
    }
  }

  /** Saves the run so a reload can resume it (no storage: the run goes on, unsaved). */
  private async saveCheckpoint(): Promise<void> {
    const store = this.host.store;
    if (!store) return;
    const info = this.info();
    this.host.adopt(this.o.net, info);
    try {
      await store.save(await checkpointOf(this.o, {
        key: this.key, cell: this.host.cell, label: this.label, step: this.step, totalSteps: this.totalSteps, stepsPerEpoch: this.stepsPerEpoch,
      }, info));
      this.note = `Checkpoint saved in this browser at step ${this.step.toLocaleString('en-US')}.`;
    } catch (e) {
      this.note = `This browser did not keep the checkpoint (${(e as Error).message}); the run goes on.`;
    }
  }

  private async stop(): Promise<void> {
    if (this.done) return;
    this.done = true;
    if (this.step > this.startStep) await this.saveCheckpoint();
    this.state = 'stopped';
    this.note = `Stopped at step ${this.step.toLocaleString('en-US')}${this.host.store ? '; the checkpoint keeps it for “Resume training”' : ''}.`;
    this.host.adopt(this.o.net, this.info());
    this.show(true);
    this.host.ended?.(this);
  }

  private finish(): void {
    if (this.done) return;
    this.done = true;
    this.state = 'finished';
    this.host.adopt(this.o.net, this.info());
    this.show(true);
    this.host.ended?.(this);
  }

  /** Called when the cell ends: a run the loop left unfinished (an error, a break) shows as stopped. */
  async end(): Promise<void> {
    if (!this.done && this.step < this.totalSteps) await this.stop();
    else this.finish();
  }

  private show(force: boolean): void {
    const now = Date.now();
    if (!force && now - this.lastView < VIEW_EVERY_MS) return;
    this.lastView = now;
    this.host.sink.update(this.viewId, this.view());
  }

  view(): Output {
    return trainingView(this.o, {
      label: this.label, state: this.state, totalSteps: this.totalSteps, stepsPerEpoch: this.stepsPerEpoch,
      imagesPerSec: this.meter.imagesPerSec(), seconds: (Date.now() - this.started) / 1000, backend: this.host.backend(),
      note: [this.resumedNote, this.note].filter(Boolean).join(' ') || undefined,
    });
  }
}

/** `await trainingRun({...})` in a cell: a run control, resumed from its checkpoint when asked. */
export async function startTrainingRun(host: RunHost, opts: TrainingRunOptions): Promise<TrainingRun> {
  const run = new TrainingRun(host, opts);
  await run.resumeIfAsked();
  run.begin();
  return run;
}
