// The drawing pad's and the weights status line's computation, moved out of DrawDigit.astro and
// WeightsStatus.astro: src/lib/workshop/digit-reading.ts, digit-preprocess.ts, throttle.ts, weights-label.ts.
import { describe, expect, it } from 'vitest';
import { CLEARED, DRAW_PROMPT, probabilityBars, readingText } from '../../src/lib/workshop/digit-reading';
import { drawingToInput, padPoint } from '../../src/lib/workshop/digit-preprocess';
import { oneAtATime } from '../../src/lib/site/coalesce';
import { weightsFileName, weightsStatusLine } from '../../src/lib/workshop/weights-label';
import type { TrainCheckpoint, WeightsInfo } from '../../src/lib/workshop/protocol';

describe('drawing pad', () => {
  it('maps a pointer to canvas pixels however the canvas is scaled on the page', () => {
    const rect = { left: 10, top: 20, width: 140, height: 140 }; // a 280×280 canvas shown at half size
    expect(padPoint({ x: 10, y: 20 }, rect, { width: 280, height: 280 })).toEqual({ x: 0, y: 0 });
    expect(padPoint({ x: 80, y: 90 }, rect, { width: 280, height: 280 })).toEqual({ x: 140, y: 140 });
    expect(padPoint({ x: 150, y: 160 }, rect, { width: 280, height: 280 })).toEqual({ x: 280, y: 280 });
  });

  it('a blank pad gives no input; a white square drawn on it gives 28×28 ink at the centre', () => {
    const w = 56, h = 56;
    const rgba = new Uint8ClampedArray(w * h * 4);
    expect(drawingToInput(rgba, w, h)).toBeNull();
    for (let y = 10; y < 30; y++) for (let x = 10; x < 30; x++) rgba.set([255, 255, 255, 255], (y * w + x) * 4);
    const input = drawingToInput(rgba, w, h)!;
    expect(input).toHaveLength(784);
    // A 20×20 square fills MNIST's 20×20 box, centred: rows and columns 4..23 are ink, the rest blank.
    expect(input[14 * 28 + 14]).toBeCloseTo(1);
    expect(input[4 * 28 + 4]).toBeCloseTo(1);
    expect(input[3 * 28 + 14]).toBe(0);
    expect(input[14 * 28 + 24]).toBe(0);
    expect(input.reduce((a, b) => a + b, 0)).toBeCloseTo(400, 3);
  });

  it('says what the network reads, and with which weights', () => {
    expect(readingText(7, 0.9876, 'notebook', false)).toBe('The network reads 7 (98.8%), with the weights your notebook trained.');
    expect(readingText(3, 0.5, 'reference', false)).toBe('The network reads 3 (50.0%), with the reference weights.');
    expect(readingText(1, 0.12, 'initial', false)).toBe('The network reads 1 (12.0%), with untrained weights. Untrained weights only guess: train or load weights above.');
    expect(readingText(1, 0.12, undefined, false)).toBe('The network reads 1 (12.0%), with untrained weights. Untrained weights only guess: train or load weights above.');
    expect(readingText(2, 0.7, 'saved', false)).toBe('The network reads 2 (70.0%), with your saved weights.');
    expect(readingText(2, 0.7, 'file', false)).toBe('The network reads 2 (70.0%), with the weights from your file.');
    expect(readingText(4, 0.333, 'notebook', true)).toBe('The network reads 4 (33.3%) with the weights the notebook is working on right now.');
    expect(DRAW_PROMPT).toBe('Draw a digit in the black square.');
    expect(CLEARED).toBe('Cleared. Draw a digit in the black square.');
  });

  it('ten bars: empty before a reading, then each digit’s percentage with the one read on top', () => {
    const empty = probabilityBars();
    expect(empty).toHaveLength(10);
    expect(empty[0]).toEqual({ digit: 0, width: '0%', text: '—', top: false });
    const p = new Float32Array(10);
    p[2] = 0.25;
    p[8] = 0.75;
    const bars = probabilityBars(p, 8);
    expect(bars.map((b) => b.digit)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(bars[8]).toEqual({ digit: 8, width: '75.0%', text: '75.0%', top: true });
    expect(bars[2]).toEqual({ digit: 2, width: '25.0%', text: '25.0%', top: false });
    expect(bars.filter((b) => b.top)).toHaveLength(1);
  });

  it('reads one drawing at a time, and once more after a run if strokes came meanwhile', async () => {
    const started: number[] = [];
    let again = 0;
    let release!: () => void;
    const run = oneAtATime(() => {
      started.push(started.length);
      return new Promise<void>((r) => (release = r));
    }, () => again++);
    const first = run();
    void run();
    void run();
    expect(started).toEqual([0]);
    release();
    await first;
    expect(again).toBe(1);
    const second = run();
    expect(started).toEqual([0, 1]);
    release();
    await second;
    expect(again).toBe(1); // nothing missed this time
    // A failed read still lets the next one run.
    const failing = oneAtATime(() => Promise.reject(new Error('no model')), () => again++);
    await expect(failing()).rejects.toThrow('no model');
    await expect(failing()).rejects.toThrow('no model');
  });
});

describe('weights status line', () => {
  const info: WeightsInfo = { source: 'trained', steps: 922, epochs: 1, alpha: 0.1, savedAt: '2026-12-01T00:00:00Z', cell: 'training', label: 'α = 0.1' };
  const saved = { weights: { info }, step: 922, savedAt: '2026-12-01T00:00:00Z' } as unknown as TrainCheckpoint;

  it('no model yet', () => {
    expect(weightsStatusLine({ runningCell: null })).toEqual({
      badge: 'model: none',
      text: 'No model yet: run the training cell above, or skip ahead with the reference weights.',
    });
  });
  it('before the worker starts, the saved run is the model, loaded when needed', () => {
    expect(weightsStatusLine({ runningCell: null }, saved)).toEqual({
      badge: 'model: yours (saved)',
      text: 'The model your notebook trained (cell “training”, α = 0.1), restored from this browser: 922 steps (1 epoch) at α = 0.1. It loads when a view or a cell needs it.',
    });
  });
  it("the host's model wins over the saved run; a running cell is named", () => {
    expect(weightsStatusLine({ weights: { ...info, source: 'reference', cell: undefined, label: undefined }, origin: 'reference', runningCell: 'training' }, saved)).toEqual({
      badge: 'model: reference',
      text: "The project's reference weights (trained with this notebook's recipe by npm run train:reference: 922 steps (1 epoch) at α = 0.1). The notebook is running cell “training”: the views update when it ends.",
    });
  });
  it('names a downloaded file by its steps', () => {
    expect(weightsFileName(info)).toBe('lenet5-weights-922-steps.bin');
  });
});
