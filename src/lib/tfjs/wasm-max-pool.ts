// The max-pooling wasm kernels: MaxPool and MaxPoolGrad.
import * as tfc from '@tensorflow/tfjs-core';
import { nativeFor } from './native-kernels';
import { claim, fallback, floats, size, type KernelArgs } from './wasm-kernel-args';

function poolInfo(xShape: number[], attrs: tfc.NamedAttrMap) {
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tfc.MaxPoolAttrs;
  return tfc.backend_util.computePool2DInfo(xShape as never, filterSize, strides, 1, pad, dimRoundingMode);
}

export function maxPool(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x as tfc.TensorInfo;
  if (!floats(x)) return fallback(tfc.MaxPool, args);
  const i = poolInfo(x.shape, attrs);
  const out = backend.makeOutput([i.batchSize, i.outHeight, i.outWidth, i.outChannels], 'float32');
  if (size(out.shape) === 0) return out;
  const n = nativeFor(backend);
  const geo = [n.ptr(x), i.inHeight, i.inWidth, i.inChannels, i.filterHeight, i.filterWidth, i.strideHeight, i.strideWidth,
    i.dilationHeight, i.dilationWidth, i.padInfo.top, i.padInfo.left, n.ptr(out), i.outHeight, i.outWidth];
  n.pool.run('max_pool', geo, i.batchSize, claim(n, i.batchSize));
  return out;
}

/** dy goes to the first maximum of each window, as on the cpu backend (windows may overlap). */
export function maxPoolGrad(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, input } = inputs as { dy: tfc.TensorInfo; input: tfc.TensorInfo };
  const i = poolInfo(input.shape, attrs);
  const out = backend.makeOutput([...input.shape], 'float32');
  if (size(out.shape) === 0) return out;
  const n = nativeFor(backend);
  const geo = [n.ptr(input), n.ptr(dy), i.inHeight, i.inWidth, i.inChannels, i.filterHeight, i.filterWidth, i.strideHeight,
    i.strideWidth, i.dilationHeight, i.dilationWidth, i.padInfo.top, i.padInfo.left, n.ptr(out), i.outHeight, i.outWidth];
  n.pool.run('max_pool_grad', geo, i.batchSize, claim(n, i.batchSize));
  return out;
}
