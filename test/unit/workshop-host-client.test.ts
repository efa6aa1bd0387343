import { describe, expect, it } from 'vitest';
import { HostClient } from '../../src/lib/workshop/host-client';
import { WorkerError, type HostChannel, type HostEvent } from '../../src/lib/workshop/host-channel';
import type { WorkerCommand, WorkerEvent, WeightsInfo, LeNetWeights, TrainCheckpoint } from '../../src/lib/workshop/protocol';
import { describeWeights, originBadge, savedRunText } from '../../src/lib/workshop/weights-label';
import { isCheckpoint, isUnfinished } from '../../src/lib/workshop/checkpoint-store';

const info: WeightsInfo = { source: 'initial', steps: 0, epochs: 0, savedAt: '2026-01-01T00:00:00Z' };

/** A stand-in for the page's RuntimeSession: records commands and lets the test answer them. */
class FakeChannel implements HostChannel {
  sent: (WorkerCommand & { id?: number })[] = [];
  private events = new Set<(e: WorkerEvent) => void>();
  private restarts = new Set<(reason: string, message: string) => void>();
  constructor(private readonly auto: (cmd: WorkerCommand & { id?: number }) => WorkerEvent | undefined) {}
  send(command: WorkerCommand): void {
    const cmd = command as WorkerCommand & { id?: number };
    this.sent.push(cmd);
    const answer = this.auto(cmd);
    if (answer) queueMicrotask(() => this.emit(answer));
  }
  onHostEvent(l: (e: WorkerEvent) => void) {
    this.events.add(l);
    return () => this.events.delete(l);
  }
  onRestart(l: (reason: string, message: string) => void) {
    this.restarts.add(l);
    return () => this.restarts.delete(l);
  }
  emit(e: WorkerEvent): void {
    for (const l of this.events) l(e);
  }
  restart(message: string): void {
    for (const l of this.restarts) l('crash', message);
  }
}

function standardAnswers(cmd: WorkerCommand & { id?: number }): WorkerEvent | undefined {
  switch (cmd.type) {
    case 'init':
      return { type: 'ready', id: cmd.id, backend: 'wasm', backends: [{ name: 'wasm', available: true }] };
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

describe('HostClient (the views\' side of the host)', () => {
  it('initialises once and loads the data once, however many views ask', async () => {
    const ch = new FakeChannel(standardAnswers);
    const engine = new HostClient(ch);
    expect(ch.sent).toHaveLength(0);
    const events: HostEvent['type'][] = [];
    engine.on((e) => events.push(e.type));
    await Promise.all([engine.loadData(), engine.loadData(), engine.init()]);
    expect(ch.sent.map((c) => c.type)).toEqual(['init', 'loadData']);
    expect(engine.state.backend).toBe('wasm');
    expect(engine.state.dataReady).toBe(true);
    expect(events).toContain('ready');
    expect(events).toContain('state');
  });

  it('follows the current model from the worker\'s model events, in the words the page shows', async () => {
    const ch = new FakeChannel(standardAnswers);
    const engine = new HostClient(ch);
    await engine.init();
    const weights = { format: 'lenet5-f32', version: 1, specs: [], data: new Float32Array(1), info: { ...info, source: 'reference', steps: 18440, epochs: 20, alpha: 0.1, testError: 0.0085 } } as LeNetWeights;
    const loading = engine.setWeights(weights, 'reference');
    await expect.poll(() => ch.sent.at(-1)).toMatchObject({ type: 'setWeights', origin: 'reference' });
    ch.emit({ type: 'model', info: weights.info, origin: 'reference', version: 7 });
    await loading;
    expect(engine.state.origin).toBe('reference');
    expect(engine.state.weightsVersion).toBe(7);
    expect(describeWeights(engine.state.weights, engine.state.origin)).toBe(
      "The project's reference weights (trained with this notebook's recipe by npm run train:reference: 18,440 steps (20 epochs) at α = 0.1, test error 0.85%).",
    );
    ch.emit({ type: 'model', info: { ...info, source: 'trained', steps: 500, epochs: 500 / 922, alpha: 0.1, cell: 'training', label: 'α = 0.1', totalSteps: 18440 }, origin: 'notebook', version: 8 });
    expect(describeWeights(engine.state.weights, engine.state.origin)).toBe(
      'The model your notebook trained (cell “training”, α = 0.1): 500 of 18,440 steps (0.54 epochs) at α = 0.1.',
    );
    expect(originBadge('saved')).toBe('yours (saved)');
  });

  it('turns an error event into a rejected promise with the worker’s message', async () => {
    const engine = new HostClient(new FakeChannel(standardAnswers));
    await expect(engine.evaluate()).rejects.toThrow('no data');
  });

  it('when the worker is replaced: rejects what is pending, forgets the model, and starts over on the next request', async () => {
    let answer = false;
    const ch = new FakeChannel((c) => (answer ? standardAnswers(c) : undefined));
    const engine = new HostClient(ch);
    const restarts: string[] = [];
    engine.on((e) => { if (e.type === 'restart') restarts.push(e.message); });
    ch.emit({ type: 'model', info, origin: 'initial', version: 1 });
    engine.setRunningCell('training');
    const pending = engine.init();
    ch.restart('the cell did not stop');
    await expect(pending).rejects.toBeInstanceOf(WorkerError);
    expect(restarts[0]).toContain('the cell did not stop');
    expect(engine.state.origin).toBeUndefined();
    expect(engine.state.runningCell).toBeNull();
    answer = true;
    await expect(engine.init()).resolves.toMatchObject({ type: 'ready' });
    expect(ch.sent.filter((c) => c.type === 'init')).toHaveLength(2);
  });

  it('knows which notebook cell runs, so the views wait for it', () => {
    const engine = new HostClient(new FakeChannel(standardAnswers));
    const states: (string | null)[] = [];
    engine.on((e) => { if (e.type === 'state') states.push(engine.state.runningCell); });
    engine.setRunningCell('lr-sweep');
    engine.setRunningCell('lr-sweep');
    engine.setRunningCell(null);
    expect(states).toEqual(['lr-sweep', null]);
  });
});

describe('checkpoint records', () => {
  const cp: TrainCheckpoint = {
    weights: { format: 'lenet5-f32', version: 1, specs: [], data: new Float32Array(3), info },
    config: { alpha: 0.1, epochs: 20 },
    step: 5,
    history: { trainLosses: [1], valLosses: [], valSteps: [] },
    savedAt: '2026-01-01T00:00:00Z',
    key: 'training/α = 0.1',
    cell: 'training',
    label: 'α = 0.1',
    stepsPerEpoch: 922,
    totalSteps: 18440,
  };
  it('accepts a TrainCheckpoint and rejects other stored values', () => {
    expect(isCheckpoint(cp)).toBe(true);
    expect(isCheckpoint({ ...cp, step: -1 })).toBe(false);
    expect(isCheckpoint({ weights: {} })).toBe(false);
    expect(isCheckpoint(null)).toBe(false);
  });

  it('knows whether a run has steps left (its own total, or the config and maxSteps)', () => {
    expect(isUnfinished(cp)).toBe(true);
    expect(isUnfinished({ ...cp, step: 18440 })).toBe(false);
    expect(isUnfinished({ ...cp, totalSteps: undefined, stepsPerEpoch: undefined, config: { alpha: 0.1, epochs: 1, maxSteps: 5 } })).toBe(false);
    expect(savedRunText(cp, true)).toMatch(/^A training run of yours \(cell “training”, α = 0\.1\) stopped at step 5 of 18,440, saved .*Resume training/);
    expect(savedRunText({ ...cp, step: 18440 }, false)).toMatch(/^Your trained model \(cell “training”, α = 0\.1, 18,440 steps\) is saved in this browser/);
  });
});
