/// <reference lib="webworker" />
// A helper thread of the wasm SIMD kernels (src/lib/tfjs/kernel-threads.ts; its side is
// kernel-thread-helper.ts): its first message gives it the kernels module and tfjs's shared memory;
// from then on it takes work from that memory.
import { runHelper, type HelperStart } from '../lib/tfjs/kernel-thread-helper';

self.onmessage = (e: MessageEvent<HelperStart>) => runHelper(e.data, () => self.postMessage('ready'));
