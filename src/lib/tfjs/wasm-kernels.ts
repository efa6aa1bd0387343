// tfjs kernels for the wasm backend that run this project's SIMD code (./kernels/cnn.c) in
// place on tfjs's heap: Conv2D and FusedConv2D (bias, ReLU), both convolution gradients (stock
// tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so a conv net could not train on it),
// MaxPool and MaxPoolGrad, CnnConv2DGrad (the whole backward pass of conv/dense + bias + ReLU in one
// call), CnnDense (a dense layer's forward on 2D tensors), CnnSoftmaxCrossEntropy (the loss and its
// gradient) and CnnSgdUpdate (plain SGD for every variable in one call). Identity shares its input's
// data instead of copying it (tfjs clones every tensor a gradient saves), and those clones skip the
// kernel call and the tape altogether (wasm-saved-clones.ts). Configurations the SIMD
// code does not cover go to the stock kernels. Work runs on every kernel thread (kernel-threads.ts).
import * as tfc from '@tensorflow/tfjs-core';
import { loadNativeKernels } from './native-kernels';
import { CONV_GRAD_KERNEL, CROSS_ENTROPY_KERNEL, DENSE_KERNEL, SGD_KERNEL } from './kernel-names';
import { stock, type KernelFunc } from './wasm-kernel-args';
import { conv2D, dense, fusedConv2D } from './wasm-conv-forward';
import { crossEntropyKernel } from './wasm-cross-entropy';
import { conv2DBackpropFilter, conv2DBackpropInput, convGrad } from './wasm-conv-backward';
import { maxPool, maxPoolGrad } from './wasm-max-pool';
import { sgdUpdate } from './wasm-sgd';
import { identity } from './wasm-identity';
import { shareSavedClones } from './wasm-saved-clones';

export type { ConvGradAttrs } from './wasm-conv-backward';

export const wasmKernels: tfc.KernelConfig[] = [
  { kernelName: tfc.Conv2D, backendName: 'wasm', kernelFunc: conv2D as unknown as KernelFunc },
  { kernelName: tfc.FusedConv2D, backendName: 'wasm', kernelFunc: fusedConv2D as unknown as KernelFunc },
  { kernelName: tfc.Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as KernelFunc },
  { kernelName: tfc.Conv2DBackpropInput, backendName: 'wasm', kernelFunc: conv2DBackpropInput as unknown as KernelFunc },
  { kernelName: CONV_GRAD_KERNEL, backendName: 'wasm', kernelFunc: convGrad as unknown as KernelFunc },
  { kernelName: tfc.MaxPool, backendName: 'wasm', kernelFunc: maxPool as unknown as KernelFunc },
  { kernelName: tfc.MaxPoolGrad, backendName: 'wasm', kernelFunc: maxPoolGrad as unknown as KernelFunc },
  { kernelName: SGD_KERNEL, backendName: 'wasm', kernelFunc: sgdUpdate as unknown as KernelFunc },
  { kernelName: tfc.Identity, backendName: 'wasm', kernelFunc: identity as unknown as KernelFunc },
  { kernelName: DENSE_KERNEL, backendName: 'wasm', kernelFunc: dense as unknown as KernelFunc },
  { kernelName: CROSS_ENTROPY_KERNEL, backendName: 'wasm', kernelFunc: crossEntropyKernel as unknown as KernelFunc },
];

let registered: Promise<void> | null = null;

/**
 * Load the SIMD module and register our wasm kernels, replacing the stock ones (once). Call after
 * importing tfjs-backend-wasm and before its backend initialises, so the stock setup functions
 * (which the fallbacks need) still run.
 */
export function registerWasmKernels(tf: Pick<typeof tfc, 'env'>): Promise<void> {
  registered ??= (async () => {
    // tfjs's own choice of build: the threaded one (shared memory) needs cross-origin isolation.
    const shared = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
    await loadNativeKernels(Boolean(shared));
    for (const k of wasmKernels) {
      const existing = tfc.getKernel(k.kernelName, 'wasm');
      if (existing) {
        stock.set(k.kernelName, existing.kernelFunc);
        tfc.unregisterKernel(k.kernelName, 'wasm');
      }
      tfc.registerKernel({ ...k, setupFunc: existing?.setupFunc });
    }
    shareSavedClones(tfc.engine());
  })();
  return registered;
}
