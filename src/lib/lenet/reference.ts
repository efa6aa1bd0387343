// The reference run behind public/models/lenet5-reference/: the workshop's recipe (20 epochs,
// α = 0.1, batch 64, seed 0) with exactly the site's model and loop. Node drives it
// (scripts/train-reference.mjs); this module is environment-free.
import type { TF } from '../tfjs/backends';
import { createModel, getWeights, setWeights } from './model';
import { evaluate } from './evaluate';
import { train, type TrainData } from './train';
import type { LeNetWeights, TrainCheckpoint, TrainConfig } from './protocol';

export const REFERENCE_CONFIG: Required<Omit<TrainConfig, 'maxSteps'>> = {
  alpha: 0.1, epochs: 20, runValidationEvery: 100, seed: 0, batchSize: 64,
};

export interface ReferenceResult {
  weights: LeNetWeights;
  testError: number;
  mistakes: number;
  steps: number;
  seconds: number;
  valLosses: number[];
  valSteps: number[];
}

export async function trainReference(opts: {
  tf: TF;
  backend: string;
  data: TrainData;
  test: { images: Uint8Array; labels: Uint8Array };
  resumeFrom?: TrainCheckpoint;
  log: (line: string) => void;
  onCheckpoint: (c: TrainCheckpoint) => void | Promise<void>;
  maxSteps?: number;
}): Promise<ReferenceResult> {
  const { tf, data, log } = opts;
  const config: TrainConfig = { ...REFERENCE_CONFIG, ...(opts.maxSteps ? { maxSteps: opts.maxSteps } : {}) };
  const model = createModel(tf, REFERENCE_CONFIG.seed);
  if (opts.resumeFrom) setWeights(model, opts.resumeFrom.weights);
  const t0 = Date.now();
  let windowStart = Date.now();
  let windowSteps = 0;
  const result = await train(model, data, {
    ...config,
    startStep: opts.resumeFrom?.step ?? 0,
    history: opts.resumeFrom?.history,
    onStep: ({ step, epoch, loss, totalSteps }) => {
      windowSteps++;
      if (step % 100 === 0) {
        const ips = (windowSteps * 64) / ((Date.now() - windowStart) / 1000);
        log(`step ${step}/${totalSteps} epoch ${epoch + 1} loss ${loss.toFixed(4)} ${Math.round(ips)} img/s`);
        windowStart = Date.now();
        windowSteps = 0;
      }
    },
    onValidation: (step, v) => log(`validation step ${step} loss ${v.toFixed(4)}`),
    onEpochEnd: async (epoch, step, history) => {
      const weights = await getWeights(model);
      weights.info = { ...weights.info, backend: opts.backend, savedAt: new Date().toISOString() };
      const ev = await evaluate(model, opts.test.images, opts.test.labels);
      log(`epoch ${epoch + 1} done at step ${step}: test error ${(ev.testError * 100).toFixed(2)}%`);
      await opts.onCheckpoint({ weights, config, step, history, savedAt: new Date().toISOString() });
    },
  });
  const ev = await evaluate(model, opts.test.images, opts.test.labels);
  const weights = await getWeights(model);
  weights.info = {
    ...weights.info, source: 'reference', backend: opts.backend, testError: ev.testError, savedAt: new Date().toISOString(),
  };
  model.vars.forEach((v) => v.dispose());
  return {
    weights, testError: ev.testError, mistakes: ev.mistakes, steps: result.steps,
    seconds: (Date.now() - t0) / 1000, valLosses: result.valLosses, valSteps: result.valSteps,
  };
}
