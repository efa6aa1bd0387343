// What the setup cell says about the browser's backends, in the course's words.
import { describe, expect, it } from 'vitest';
import { otherBackends } from '../../src/lib/notebook/tf-setup';
import type { BackendInfo } from '../../src/lib/tfjs/backend-info';

describe('otherBackends', () => {
  const infos: BackendInfo[] = [
    { name: 'webgpu', available: false, detail: 'not supported here' },
    { name: 'webgl', available: true, detail: 'SwiftShader', software: true },
    { name: 'wasm', available: true, detail: 'SIMD, 2 threads' },
    { name: 'cpu', available: true },
  ];
  it('says which GPU backends the browser lacks or does not use, and why', () => {
    expect(otherBackends(infos, 'wasm')).toBe('WebGPU: not in this browser. WebGL: software-rendered, slower than WebAssembly, so not used.');
  });
  it('gives the reason a backend failed when it is more than "not supported"', () => {
    expect(otherBackends([{ name: 'webgpu', available: false, detail: 'no adapter' }], 'wasm')).toBe('WebGPU: not in this browser (no adapter).');
  });
  it('a real GPU that measured slower is named as such', () => {
    expect(otherBackends([{ name: 'webgl', available: true, detail: 'NVIDIA' }, { name: 'wasm', available: true }], 'wasm')).toBe('WebGL: available, measured slower here, so not used.');
  });
  it('says nothing of the backend in use or of plain JavaScript', () => {
    expect(otherBackends([{ name: 'wasm', available: true }, { name: 'cpu', available: true }], 'wasm')).toBe('');
  });
});

describe('withThreadScript', () => {
  it('gives up on a backend whose threads never start, with a named error', async () => {
    const { withThreadScript, WasmThreadsStalled } = await import('../../src/lib/tfjs/wasm-threads');
    await expect(withThreadScript(undefined, 2, () => new Promise(() => {}), 20)).rejects.toBeInstanceOf(WasmThreadsStalled);
    await expect(withThreadScript(undefined, 2, async () => 'ready', 1000)).resolves.toBe('ready');
  });
});

describe('exposeSharedArrayBuffer', () => {
  it('names the engine’s own constructor where an isolated worker has shared memory but not the name (WebKitGTK)', async () => {
    const { exposeSharedArrayBuffer } = await import('../../src/lib/tfjs/shared-memory');
    const worker: { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean } = { crossOriginIsolated: true };
    expect(exposeSharedArrayBuffer(worker)).toBe(true);
    expect(worker.SharedArrayBuffer).toBe(SharedArrayBuffer);
    // Not isolated: shared memory is not the page's to use, and nothing is named.
    const plain: { SharedArrayBuffer?: unknown; crossOriginIsolated?: boolean } = { crossOriginIsolated: false };
    expect(exposeSharedArrayBuffer(plain)).toBe(false);
    expect(plain.SharedArrayBuffer).toBeUndefined();
    // Already there: left alone.
    const there = { SharedArrayBuffer: SharedArrayBuffer, crossOriginIsolated: true };
    expect(exposeSharedArrayBuffer(there)).toBe(true);
  });
});
