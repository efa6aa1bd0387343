import { describe, expect, it } from 'vitest';
import { TrainingEngine, WorkerError, type WorkerLike, type EngineEvent } from '../../src/lib/workshop/engine';
import type { WorkerCommand, WorkerEvent, WeightsInfo, LeNetWeights } from '../../src/lib/lenet/protocol';
import { describeWeights, originBadge } from '../../src/lib/workshop/weights-label';
import { isCheckpoint, isUnfinished } from '../../src/lib/workshop/checkpoint-store';

const info: WeightsInfo = { source: 'initial', steps: 0, epochs: 0, savedAt: '2026-01-01T00:00:00Z' };

/** A stand-in worker: records commands and lets the test answer them. */
class FakeWorker implements WorkerLike {
  sent: (WorkerCommand & { id?: number })[] = [];
  private handlers: Record<string, ((e: never) => void)[]> = {};
  terminated = false;
  constructor(private readonly auto: (cmd: WorkerCommand & { id?: number }) => WorkerEvent | undefined) {}
  postMessage(message: unknown): void {
    const cmd = message as WorkerCommand & { id?: number };
    this.sent.push(cmd);
    const answer = this.auto(cmd);
    if (answer) queueMicrotask(() => this.emit('message', { data: answer }));
  }
  addEventListener(type: string, listener: (e: never) => void): void {
    (this.handlers[type] ??= []).push(listener);
  }
  emit(type: string, e: unknown): void {
    for (const h of this.handlers[type] ?? []) h(e as never);
  }
  terminate(): void {
    this.terminated = true;
  }
}

function standardAnswers(cmd: WorkerCommand & { id?: number }): WorkerEvent | undefined {
  switch (cmd.type) {
    case 'init':
      return { type: 'ready', id: cmd.id, backend: 'wasm', backends: [{ name: 'wasm', available: true }], weights: info };
    case 'loadData':
      return { type: 'dataReady', id: cmd.id, counts: { train: 58976, validation: 1024, test: 10000 } };
    case 'setWeights':
      return { type: 'weights', id: cmd.id, weights: cmd.weights };
    case 'evaluate':
      return { type: 'error', id: cmd.id, command: 'evaluate', message: 'no data' };
    default:
      return undefined;
  }
}

describe('TrainingEngine', () => {
  it('starts one worker lazily, initialises once and tracks state', async () => {
    const workers: FakeWorker[] = [];
    const engine = new TrainingEngine(() => { const w = new FakeWorker(standardAnswers); workers.push(w); return w; });
    expect(workers).toHaveLength(0);
    const events: EngineEvent['type'][] = [];
    engine.on((e) => events.push(e.type));
    await Promise.all([engine.loadData(), engine.loadData(), engine.init()]);
    expect(workers).toHaveLength(1);
    expect(workers[0].sent.map((c) => c.type)).toEqual(['init', 'loadData']);
    expect(engine.state.backend).toBe('wasm');
    expect(engine.state.dataReady).toBe(true);
    expect(engine.state.origin).toBe('initial');
    expect(events).toContain('ready');
    expect(events).toContain('state');
  });

  it('records where loaded weights came from and bumps the version', async () => {
    const engine = new TrainingEngine(() => new FakeWorker(standardAnswers));
    await engine.init();
    const v0 = engine.state.weightsVersion;
    const weights = { format: 'lenet5-f32', version: 1, specs: [], data: new Float32Array(1), info: { ...info, source: 'reference', steps: 18440, epochs: 20, alpha: 0.1, testError: 0.0085 } } as LeNetWeights;
    await engine.setWeights(weights, 'reference');
    expect(engine.state.origin).toBe('reference');
    expect(engine.state.weightsVersion).toBe(v0 + 1);
    expect(describeWeights(engine.state.weights, engine.state.origin)).toBe(
      "The project's reference weights (trained with this code by npm run train:reference: 18,440 steps (20 epochs) at α = 0.1, test error 0.85%).",
    );
    expect(originBadge('resumed')).toBe('yours (resumed)');
  });

  it('turns an error event into a rejected promise with the worker’s message', async () => {
    const engine = new TrainingEngine(() => new FakeWorker(standardAnswers));
    await expect(engine.evaluate()).rejects.toThrow('no data');
  });

  it('rejects everything pending when the worker crashes, then restarts with a fresh worker', async () => {
    const workers: FakeWorker[] = [];
    const engine = new TrainingEngine(() => {
      const w = new FakeWorker((c) => (c.type === 'init' && workers.length > 1 ? standardAnswers(c) : undefined));
      workers.push(w);
      return w;
    });
    const crashes: string[] = [];
    engine.on((e) => { if (e.type === 'crash') crashes.push(e.message); });
    const pending = engine.init();
    workers[0].emit('error', { message: 'WebAssembly.instantiate(): out of memory' });
    await expect(pending).rejects.toBeInstanceOf(WorkerError);
    expect(crashes[0]).toContain('out of memory');
    expect(workers[0].terminated).toBe(true);
    await expect(engine.init()).rejects.toThrow('stopped');
    engine.restart();
    await expect(engine.init()).resolves.toMatchObject({ type: 'ready' });
    expect(workers).toHaveLength(2);
  });

  it('forgets the loaded weights when the worker dies (they lived in it)', async () => {
    let worker!: FakeWorker;
    const engine = new TrainingEngine(() => (worker = new FakeWorker(standardAnswers)));
    await engine.init();
    expect(engine.state.origin).toBe('initial');
    engine.claim('train');
    worker.emit('error', { message: 'boom' });
    expect(engine.state.origin).toBeUndefined();
    expect(engine.state.weights).toBeUndefined();
    expect(engine.state.job).toBeNull();
    expect(engine.state.crashed).toBe('The training worker stopped: boom');
  });

  it('lets one section own the worker at a time', () => {
    const engine = new TrainingEngine(() => new FakeWorker(standardAnswers));
    engine.claim('sweep');
    expect(() => engine.claim('train')).toThrow('the learning-rate sweep is running');
    engine.release('train'); // not the owner: no effect
    expect(engine.state.job).toBe('sweep');
    engine.release('sweep');
    expect(() => engine.claim('train')).not.toThrow();
  });
});

describe('checkpoint records', () => {
  const cp = {
    weights: { format: 'lenet5-f32', version: 1, specs: [], data: new Float32Array(3), info },
    config: { alpha: 0.1, epochs: 20 },
    step: 1000,
    history: { trainLosses: [], valLosses: [], valSteps: [] },
    savedAt: '2026-01-01T00:00:00Z',
  };
  it('accepts a TrainCheckpoint and rejects other stored values', () => {
    expect(isCheckpoint(cp)).toBe(true);
    expect(isCheckpoint({ ...cp, step: -1 })).toBe(false);
    expect(isCheckpoint({ ...cp, weights: { ...cp.weights, data: [1, 2] } })).toBe(false);
    expect(isCheckpoint(undefined)).toBe(false);
  });
  it('knows whether a run has steps left, honouring maxSteps', () => {
    expect(isUnfinished(cp as never, 922)).toBe(true);
    expect(isUnfinished({ ...cp, step: 18440 } as never, 922)).toBe(false);
    expect(isUnfinished({ ...cp, step: 150, config: { alpha: 0.1, epochs: 20, maxSteps: 150 } } as never, 922)).toBe(false);
  });
});
