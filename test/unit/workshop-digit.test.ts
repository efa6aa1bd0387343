import { describe, expect, it } from 'vitest';
import {
  centreOfMass, inkBounds, resampleArea, rgbaToInk, toMnistInput,
} from '../../src/lib/workshop/digit-preprocess';

/** A W×H canvas with a filled rectangle of ink. */
function canvasWithRect(w: number, h: number, x0: number, y0: number, x1: number, y1: number): Float32Array {
  const ink = new Float32Array(w * h);
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) ink[y * w + x] = 1;
  return ink;
}

describe('drawn digit → MNIST input', () => {
  it('reads ink from white strokes on a transparent canvas', () => {
    const rgba = [255, 255, 255, 255, 0, 0, 0, 0, 255, 255, 255, 128];
    const ink = rgbaToInk(rgba, 3, 1);
    expect(ink[0]).toBeCloseTo(1);
    expect(ink[1]).toBe(0);
    expect(ink[2]).toBeCloseTo(128 / 255);
    expect(() => rgbaToInk([0, 0, 0], 1, 1)).toThrow(RangeError);
  });

  it('finds the ink’s bounding box, or null for an empty canvas', () => {
    const ink = canvasWithRect(10, 10, 2, 3, 5, 9);
    expect(inkBounds(ink, 10, 10)).toEqual({ x0: 2, y0: 3, x1: 5, y1: 9 });
    expect(inkBounds(new Float32Array(100), 10, 10)).toBeNull();
    expect(toMnistInput(new Float32Array(100), 10, 10)).toBeNull();
  });

  it('area-resampling keeps the mean intensity', () => {
    const src = Float32Array.from({ length: 100 }, (_, i) => (i * 37) % 11 / 10);
    const out = resampleArea(src, 10, { x0: 0, y0: 0, x1: 10, y1: 10 }, 4, 4);
    const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
    expect(mean(out)).toBeCloseTo(mean(src), 5);
  });

  it('fits a tall stroke in a 20-pixel box and centres its mass, like MNIST', () => {
    // A 40×200 bar drawn off-centre on a 280×280 canvas.
    const ink = canvasWithRect(280, 280, 20, 10, 60, 210);
    const x = toMnistInput(ink, 280, 280)!;
    expect(x).toHaveLength(784);
    const b = inkBounds(x, 28, 28)!;
    expect(b.y1 - b.y0).toBe(20);
    expect(b.x1 - b.x0).toBe(4);
    const com = centreOfMass(x, 28, 28)!;
    expect(Math.abs(com.x - 14)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(com.y - 14)).toBeLessThanOrEqual(0.5);
    for (const v of x) expect(v >= 0 && v <= 1).toBe(true);
  });

  it('keeps a lopsided digit inside the field', () => {
    // An L shape whose mass sits far from its box centre.
    const ink = canvasWithRect(100, 100, 0, 0, 100, 10);
    for (let y = 0; y < 100; y++) for (let x = 0; x < 5; x++) ink[y * 100 + x] = 1;
    const x = toMnistInput(ink, 100, 100)!;
    const total = x.reduce((s, v) => s + v, 0);
    expect(total).toBeGreaterThan(20); // nothing was cut off: ≈ (20·2 + 20·1) pixels of ink
    const b = inkBounds(x, 28, 28)!;
    expect(b.x0).toBeGreaterThanOrEqual(0);
    expect(b.x1).toBeLessThanOrEqual(28);
  });
});
