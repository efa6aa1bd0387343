// The threaded tfjs build starts only the thread workers it needs (Firefox can hang creating each one).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { POOL_SIZE_GLOBAL, tfjsThreadPoolSize, withPoolSizeGlobal } from '../../src/lib/tfjs/thread-pool-size';

const require = createRequire(import.meta.url);
const shipped = require.resolve('@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js');

describe('tfjsThreadPoolSize', () => {
  it('makes the shipped build read its pool size from the global, once', () => {
    const code = readFileSync(shipped, 'utf8');
    const out = withPoolSizeGlobal(code)!;
    expect(out).toContain(`var pthreadPoolSize=globalThis.${POOL_SIZE_GLOBAL}||8;`);
    expect(out.match(/pthreadPoolSize=/g)).toHaveLength(1);
    expect(out.length - code.length).toBe(`globalThis.${POOL_SIZE_GLOBAL}||`.length);
  });

  it('leaves other modules alone, and fails the build loudly if tfjs changed its build', () => {
    const plugin = tfjsThreadPoolSize();
    expect(plugin.transform('var pthreadPoolSize=8;', '/x/other.js')).toBeNull();
    expect(() => plugin.transform('var pthreadPoolSize=4;', '/x/tfjs-backend-wasm-threaded-simd.js')).toThrow(/thread-pool-size\.ts/);
  });
});
