// Small pieces around LeNet-5: throughput/ETA meter, backend choice,
// weights-file validation.
import { describe, expect, it } from 'vitest';
import { ThroughputMeter } from '../../src/lib/workshop/throughput';
import { loadTf, probeBackends, useBackend } from '../../src/lib/tfjs/backends';
import { decodeWeightsFile, encodeWeightsFile, weightsFromParts, weightsMeta } from '../../src/lib/lenet/weights-file';
import { LENET_PARAM_COUNT, LENET_SPECS } from '../../src/lib/lenet/model';
import type { LeNetWeights } from '../../src/lib/lenet/weights';

describe('ThroughputMeter', () => {
  it('measures images per second over its window and forgets paused time', () => {
    let now = 0;
    const m = new ThroughputMeter(64, 1000, () => now);
    expect(m.imagesPerSec()).toBe(0);
    for (let i = 0; i < 11; i++) {
      m.tick();
      now += 50; // 20 steps per second
    }
    expect(m.imagesPerSec()).toBeCloseTo(1280, 5);
    m.pause();
    now += 60_000;
    m.tick();
    now += 100;
    m.tick();
    expect(m.imagesPerSec()).toBeCloseTo(640, 5);
  });
});

describe('backends', () => {
  it('probes wasm and cpu in Node and prefers wasm; a named backend that is missing fails clearly', async () => {
    const tf = await loadTf({ backends: ['wasm', 'cpu'] });
    const infos = await probeBackends(tf);
    expect(infos.map((i) => i.name)).toEqual(['webgpu', 'webgl', 'wasm', 'cpu']);
    expect(infos.find((i) => i.name === 'wasm')).toMatchObject({ available: true });
    expect(infos.find((i) => i.name === 'webgl')).toMatchObject({ available: false });
    expect(await useBackend(tf, infos)).toBe('wasm');
    expect(await useBackend(tf, infos, 'cpu')).toBe('cpu');
    // A software GPU is never chosen automatically.
    const soft = infos.map((i) => (i.name === 'wasm' ? { ...i, software: true } : i));
    expect(await useBackend(tf, soft)).toBe('cpu');
    await expect(useBackend(tf, infos, 'webgl')).rejects.toThrow(/webgl is not available/);
    await tf.setBackend('wasm');
  });
});

describe('weights files', () => {
  const weights = (): LeNetWeights => ({
    format: 'lenet5-f32', version: 1, specs: LENET_SPECS.map((s) => ({ ...s })),
    data: Float32Array.from({ length: LENET_PARAM_COUNT }, (_, i) => Math.sin(i)),
    info: { source: 'trained', steps: 922, epochs: 1, savedAt: '2026-01-01T00:00:00.000Z' },
  });

  it('rejects truncated, foreign and non-finite weights with a reason', () => {
    const file = encodeWeightsFile(weights());
    expect(() => decodeWeightsFile(file.subarray(0, file.length - 4))).toThrow(/expected 246824 bytes/);
    expect(() => decodeWeightsFile(new TextEncoder().encode('{"hello": 1}'))).toThrow(/LENET5W1/);
    const bad = weights();
    bad.data[5] = NaN;
    expect(() => encodeWeightsFile(bad)).toThrow(/parameter 5/);
    expect(() => weightsFromParts({ format: 'other' }, new Uint8Array(8))).toThrow(/format/);
  });

  it('reads the two-file (meta + binary) form', () => {
    const w = weights();
    const meta = JSON.parse(JSON.stringify(weightsMeta(w)));
    const bytes = new Uint8Array(w.data.buffer.slice(0));
    expect(weightsFromParts(meta, bytes).data).toEqual(w.data);
  });
});
