// The wasm kernels' checks (wasm-kernels.test.ts) on the plain variant, without relaxed SIMD: what
// engines that lack it (and refuse the relaxed module) run.
import { loadNativeKernels } from '../../src/lib/tfjs/native-kernels';

(globalThis as { cnnKernelsVariant?: string }).cnnKernelsVariant = 'plain';
await loadNativeKernels(false, { relaxed: false });
await import('./wasm-kernels.test');
