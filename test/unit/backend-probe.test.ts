// Choosing a backend by a short speed probe: a GPU backend only where it measures faster than wasm.
import { describe, expect, it } from 'vitest';
import { fastestBackend, probeStepMs } from '../../src/lib/tfjs/backend-probe';
import { loadTf } from '../../src/lib/tfjs/backends';

const isGpu = (n: string) => n === 'webgpu' || n === 'webgl';
const order = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;

describe('fastestBackend', () => {
  it('takes a GPU backend only when it measured faster than wasm, the fastest of them', () => {
    expect(fastestBackend(order, { webgpu: 4, webgl: 9, wasm: 10 }, isGpu)).toBe('webgpu');
    expect(fastestBackend(order, { webgpu: 8, webgl: 5, wasm: 10 }, isGpu)).toBe('webgl');
    expect(fastestBackend(order, { webgpu: 40, webgl: 90, wasm: 10 }, isGpu)).toBe('wasm');
    expect(fastestBackend(order, { webgl: 10, wasm: 10 }, isGpu)).toBe('wasm');
  });

  it('ignores a GPU whose probe failed and falls back to the first non-GPU', () => {
    expect(fastestBackend(order, { webgpu: NaN, webgl: undefined, wasm: 10 }, isGpu)).toBe('wasm');
    expect(fastestBackend(['wasm', 'cpu'] as const, { wasm: 10 }, isGpu)).toBe('wasm');
    expect(fastestBackend(['webgl', 'cpu'] as const, { webgl: 30 }, isGpu)).toBe('webgl');
  });
});

describe('probeStepMs', () => {
  it('times a LeNet-sized training step on the active backend and leaks no tensors', async () => {
    const tf = await loadTf({ backends: ['wasm', 'cpu'] });
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const ms = await probeStepMs(tf, 1, 1);
    expect(ms).toBeGreaterThan(0);
    expect(Number.isFinite(ms)).toBe(true);
    expect(tf.memory().numTensors).toBe(before);
  });
});
