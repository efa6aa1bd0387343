// The run control of a training loop in a notebook cell: `const run = await trainingRun({...})`, then
// `await run.stepDone()` after every step. It shows the run live below the cell (progress, ETA, the
// loss curves, Pause/Continue and Stop), saves a checkpoint in the browser after every epoch and on
// Stop, makes the net the page's current model, and resumes a saved run when the student asks.
// DOM-free: it runs in the notebook's worker (and in Node for tests).
import type { Output, TrainingView } from './protocol';
import type { OutputSink } from './protocol';
import type { WeightsInfo } from '../lenet/weights';
import type { TrainCheckpoint } from '../lenet/checkpoint';
import type { DataLoader, Module, RunControl } from '../torchlike';
import { getWeights, setWeights } from '../lenet/model';
import { ThroughputMeter } from '../workshop/throughput';
import { bucketMeans } from '../workshop/loss-series';
import { formatAlpha } from '../workshop/format';

/** What a run needs from the notebook's worker. */
export interface RunHost {
  sink: OutputSink;
  /** The id of the cell that is running. */
  cell: string;
  /** The student asked to resume this cell's saved runs (the "Resume training" button). */
  resume: boolean;
  /** Paused by the run's Pause button; resolves once Continue (or Stop) is pressed. */
  paused(): boolean;
  untilContinued(): Promise<void>;
  /** Yields to the worker's message loop, so Pause, Stop and the page's views get in between steps. */
  yieldToMessages(): Promise<void>;
  store?: { load(key: string): Promise<TrainCheckpoint | undefined>; save(c: TrainCheckpoint): Promise<void> };
  /** Makes `net` the page's current model (the views evaluate it). */
  adopt(net: Module, info: WeightsInfo): void;
  backend(): string | undefined;
  /** Called when a run ends, however it ends. */
  ended?(run: TrainingRun): void;
}

export interface TrainingRunOptions {
  net: Module;
  alpha: number;
  nEpoch: number;
  dataloaderTrain2: DataLoader;
  lossTrainList: number[];
  lossValidationList: number[];
  validationSteps: number[];
  /** Batch size for the images/s figure; default the loader's. */
  batchSize?: number;
  /** Keep the live chart once the run has finished (default false: the cell draws its own figure). */
  keepChart?: boolean;
}

const VIEW_EVERY_MS = 250;
const MAX_POINTS = 300;

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
    if (!cp || cp.config.alpha !== this.o.alpha || cp.config.epochs !== this.o.nEpoch || cp.stepsPerEpoch !== this.stepsPerEpoch) return;
    setWeights(this.o.net, cp.weights);
    // Validation runs at or after the saved step are redone (a Stop may have cut in after one).
    const keep = cp.history.valSteps.filter((s) => s < cp.step).length;
    this.o.lossTrainList.splice(0, Infinity, ...cp.history.trainLosses.slice(0, cp.step));
    this.o.lossValidationList.splice(0, Infinity, ...cp.history.valLosses.slice(0, keep));
    this.o.validationSteps.splice(0, Infinity, ...cp.history.valSteps.slice(0, keep));
    this.o.dataloaderTrain2.seek(cp.step);
    this.startStep = cp.step;
    this.resumedNote = cp.step >= this.totalSteps
      ? 'This run had finished before: its saved model and curves are back.'
      : `Resumed at step ${cp.step.toLocaleString('en-US')} from the checkpoint saved ${new Date(cp.savedAt).toLocaleString()}.`;
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
      const weights = await getWeights(this.o.net, info);
      await store.save({
        key: this.key, cell: this.host.cell, label: this.label, weights, step: this.step, totalSteps: this.totalSteps,
        stepsPerEpoch: this.stepsPerEpoch, savedAt: new Date().toISOString(),
        config: { alpha: this.o.alpha, epochs: this.o.nEpoch, batchSize: this.o.dataloaderTrain2.batchSize },
        history: { trainLosses: [...this.o.lossTrainList], valLosses: [...this.o.lossValidationList], valSteps: [...this.o.validationSteps] },
      });
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
    const o = this.o;
    const step = this.step;
    const ips = this.meter.imagesPerSec();
    const batch = o.batchSize ?? o.dataloaderTrain2.batchSize;
    const view: TrainingView = {
      kind: 'training', label: this.label, state: this.state, step, totalSteps: this.totalSteps,
      epoch: Math.max(0, Math.min(o.nEpoch - 1, Math.floor((step - 1) / this.stepsPerEpoch))), nEpoch: o.nEpoch,
      loss: o.lossTrainList.at(-1), valLoss: o.lossValidationList.at(-1), imagesPerSec: ips || undefined,
      etaSeconds: ips > 0 ? ((this.totalSteps - step) * batch) / ips : undefined,
      seconds: (Date.now() - this.started) / 1000, backend: this.host.backend(),
      train: bucketMeans(o.lossTrainList, MAX_POINTS).map((p) => [p.step, p.loss]),
      validation: o.validationSteps.map((s, i) => [s, o.lossValidationList[i]]),
      note: [this.resumedNote, this.note].filter(Boolean).join(' ') || undefined, keepChart: o.keepChart ?? false,
    };
    return view;
  }
}

/** `await trainingRun({...})` in a cell: a run control, resumed from its checkpoint when asked. */
export async function startTrainingRun(host: RunHost, opts: TrainingRunOptions): Promise<TrainingRun> {
  const run = new TrainingRun(host, opts);
  await run.resumeIfAsked();
  run.begin();
  return run;
}
