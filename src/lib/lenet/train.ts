// The notebook's train(net, alpha, n_epoch, ...): plain SGD, batch 64, per-epoch reshuffle,
// validation loss every `runValidationEvery` steps (before the step, as the notebook does).
import type * as tfc from '@tensorflow/tfjs-core';
import { batchCount, epochOrder, toTensors, type ImageSource } from '../random';
import type { TrainConfig, TrainHistory } from './protocol';
import { crossEntropy, forward, type LeNetModel } from './model';
import { sgdUpdate } from '../tfjs/sgd-update';

/** The images the loop needs: the 60,000 training images and the notebook's split of them. */
export interface TrainData {
  source: ImageSource;
  trainIndices: ArrayLike<number>;
  validationIndices: ArrayLike<number>;
}

export interface StepReport {
  /** Steps completed (global). */
  step: number;
  epoch: number;
  loss: number;
  totalSteps: number;
  stepsPerEpoch: number;
}

export interface TrainOptions extends TrainConfig {
  signal?: AbortSignal;
  /** Resume: steps already done (the loop starts at this step's batch) and their history. */
  startStep?: number;
  history?: TrainHistory;
  /** Called after every step. */
  onStep?: (r: StepReport) => void;
  onValidation?: (step: number, loss: number) => void;
  /** Called after the last step of each epoch (before the next epoch's first validation). */
  onEpochEnd?: (epoch: number, step: number, history: TrainHistory) => void | Promise<void>;
  /** Awaited before every step: the worker yields to its message loop here (pause, stop). */
  beforeStep?: () => void | Promise<void>;
}

export interface TrainResult extends TrainHistory {
  steps: number;
  stopped: boolean;
}

export function resolveConfig(c: TrainConfig): Required<TrainConfig> {
  const cfg = {
    alpha: c.alpha,
    epochs: c.epochs,
    runValidationEvery: c.runValidationEvery ?? 100,
    seed: c.seed ?? 0,
    batchSize: c.batchSize ?? 64,
    maxSteps: c.maxSteps ?? Infinity,
  };
  if (!(cfg.alpha > 0) || !Number.isFinite(cfg.alpha)) throw new RangeError(`alpha must be a positive number, got ${c.alpha}`);
  if (!Number.isInteger(cfg.epochs) || cfg.epochs < 1) throw new RangeError(`epochs must be a positive integer, got ${c.epochs}`);
  for (const k of ['runValidationEvery', 'batchSize'] as const)
    if (!Number.isInteger(cfg[k]) || cfg[k] < 1) throw new RangeError(`${k} must be a positive integer, got ${cfg[k]}`);
  if (!Number.isInteger(cfg.seed) || cfg.seed < 0) throw new RangeError(`seed must be a non-negative integer, got ${cfg.seed}`);
  if (cfg.maxSteps !== Infinity && (!Number.isInteger(cfg.maxSteps) || cfg.maxSteps < 1))
    throw new RangeError(`maxSteps must be a positive integer, got ${cfg.maxSteps}`);
  return cfg;
}

/** Mean cross-entropy of the model over the given images (one forward pass per 1,024). */
export async function meanLoss(model: LeNetModel, source: ImageSource, indices: ArrayLike<number>): Promise<number> {
  const { tf } = model;
  let total = 0;
  for (let start = 0; start < indices.length; start += 1024) {
    const idx = Array.from({ length: Math.min(1024, indices.length - start) }, (_, k) => indices[start + k]);
    const { xs, ys } = toTensors(tf, source, idx);
    const loss = tf.tidy(() => crossEntropy(tf, forward(model, xs), ys as tfc.Tensor2D));
    total += (await loss.data())[0] * idx.length;
    tf.dispose([xs, ys, loss]);
  }
  return total / indices.length;
}

/** One SGD step on a batch; returns the batch loss. Every intermediate tensor is disposed. */
export function sgdStep(model: LeNetModel, xs: tfc.Tensor4D, ys: tfc.Tensor2D, alpha: number): tfc.Scalar {
  const { tf } = model;
  return tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => crossEntropy(tf, forward(model, xs), ys), model.vars);
    sgdUpdate(tf, model.vars, grads, alpha);
    return value;
  });
}

export async function train(model: LeNetModel, data: TrainData, options: TrainOptions): Promise<TrainResult> {
  const { tf } = model;
  const cfg = resolveConfig(options);
  const stepsPerEpoch = batchCount(data.trainIndices.length, cfg.batchSize);
  const totalSteps = Math.min(stepsPerEpoch * cfg.epochs, cfg.maxSteps);
  const history: TrainHistory = {
    trainLosses: [...(options.history?.trainLosses ?? [])],
    valLosses: [...(options.history?.valLosses ?? [])],
    valSteps: [...(options.history?.valSteps ?? [])],
  };
  let step = options.startStep ?? 0;
  const stopped = () => options.signal?.aborted === true;

  while (step < totalSteps && !stopped()) {
    const epoch = Math.floor(step / stepsPerEpoch);
    const order = epochOrder(data.trainIndices, cfg.seed, epoch);
    for (let b = step % stepsPerEpoch; b < stepsPerEpoch && step < totalSteps; b++) {
      await options.beforeStep?.();
      if (stopped()) break;
      if (step % cfg.runValidationEvery === 0 && history.valSteps.at(-1) !== step) {
        const v = await meanLoss(model, data.source, data.validationIndices);
        history.valLosses.push(v);
        history.valSteps.push(step);
        options.onValidation?.(step, v);
      }
      const idx = Array.from({ length: Math.min(cfg.batchSize, order.length - b * cfg.batchSize) }, (_, k) => order[b * cfg.batchSize + k]);
      const { xs, ys } = toTensors(tf, data.source, idx);
      const lossT = sgdStep(model, xs, ys as tfc.Tensor2D, cfg.alpha);
      const loss = (await lossT.data())[0];
      tf.dispose([xs, ys, lossT]);
      history.trainLosses.push(loss);
      step++;
      model.info = { ...model.info, source: 'trained', steps: step, epochs: step / stepsPerEpoch, alpha: cfg.alpha, seed: cfg.seed };
      options.onStep?.({ step, epoch, loss, totalSteps, stepsPerEpoch });
    }
    if (step % stepsPerEpoch === 0 && step > 0 && !stopped()) await options.onEpochEnd?.(step / stepsPerEpoch - 1, step, history);
  }
  return { ...history, steps: step, stopped: step < totalSteps };
}
