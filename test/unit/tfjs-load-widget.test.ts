// The one tfjs loader as the lecture widgets call it (WIDGET_TF): tfjs-core on the cpu backend, made
// active at once, loaded once; tfjs-layers after it. The training parts (backends.ts) are exercised by lenet*.test.ts.
import { describe, expect, it, vi } from 'vitest';
import { loadTf, loadTfLayers, WIDGET_TF } from '../../src/lib/tfjs/load-tf';
import { tfConv1d } from '../../src/lib/conv/tf';
import { reference, maxAbsDiff } from './conv-reference';

describe('loadTf(WIDGET_TF)', () => {
  it('gives tfjs on the cpu backend, the only one registered, and the same tfjs on every call', async () => {
    const tf = await loadTf(WIDGET_TF);
    expect(tf.getBackend()).toBe('cpu');
    expect(Object.keys(tf.engine().registryFactory)).toEqual(['cpu']);
    expect(await loadTf(WIDGET_TF)).toBe(tf);
  });

  it('computes what PyTorch computes (the first conv1d case of the reference)', async () => {
    const tf = await loadTf(WIDGET_TF);
    const c = reference.cases.find((r) => r.op === 'conv1d')!;
    expect(maxAbsDiff(tfConv1d(tf, c.x, c.w, c.b, { padding: c.padding, stride: c.stride, dilation: c.dilation }), c.y)).toBeLessThan(1e-3);
  });

  it('loads tfjs-layers after it, once, and counts parameters with it', async () => {
    const tfl = await loadTfLayers(WIDGET_TF);
    expect(await loadTfLayers(WIDGET_TF)).toBe(tfl);
    const model = tfl.sequential({ layers: [tfl.layers.dense({ units: 3, inputShape: [4] })] });
    expect(model.countParams()).toBe(15);
    model.dispose();
  });

  it('has no wasm, WebGL or WebGPU of its own: a page that imports only it cannot load them, and says where they are', async () => {
    vi.resetModules();
    const fresh = await import('../../src/lib/tfjs/load-tf');
    await expect(fresh.loadTf({ backends: ['wasm', 'cpu'], gradients: false })).rejects.toThrow('tfjs wasm cannot load here: load tfjs through src/lib/tfjs/backends.ts for it');
    await expect(fresh.loadTf({ backends: ['cpu'] })).rejects.toThrow(/tfjs gradients cannot load here/); // the failure was forgotten: this is a new try
  });
});
