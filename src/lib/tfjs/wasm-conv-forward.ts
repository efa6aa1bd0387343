// The forward convolution wasm kernels: Conv2D and FusedConv2D (bias, ReLU), and CnnDense (a dense
// layer as the 1×1 convolution it is).
import * as tfc from '@tensorflow/tfjs-core';
import { nativeFor } from './native-kernels';
import { claim, fallback, floats, isNHWC, round4, size, withScratch, type Backend, type KernelArgs } from './wasm-kernel-args';
import { DENSE_KERNEL } from './kernel-names';
import { geometry, inputArgs, type Conv2DInfo } from './wasm-conv-geometry';

function convForward(backend: Backend, x: tfc.TensorInfo, filter: tfc.TensorInfo, bias: tfc.TensorInfo | null, info: Conv2DInfo, relu: boolean) {
  const n = nativeFor(backend);
  const g = geometry(info);
  const out = backend.makeOutput([g.B, g.OH, g.OW, g.CO], 'float32');
  if (size(out.shape) === 0) return out;
  withScratch(n, (alloc) => {
    const K = g.KH * g.KW * g.CI;
    let wp = n.ptr(filter);
    let bp = bias ? n.ptr(bias) : 0;
    if (g.CO === 6) {
      // Six channels run as pixel pairs (cnn.c fwd_pairs): each weight row, and the bias, twice.
      wp = alloc(K * 12);
      n.k.pack_pairs(n.ptr(filter), K, 6, wp);
      if (bias) {
        bp = alloc(12);
        n.k.pack_pairs(n.ptr(bias), 1, 6, bp);
      }
    } else if (g.CO % 4) {
      // The C code reads whole vectors of output channels: pad them to a multiple of 4.
      wp = alloc(K * round4(g.CO));
      n.k.pack_rows(n.ptr(filter), K, g.CO, wp);
      if (bias) {
        bp = alloc(round4(g.CO));
        n.k.pack_rows(n.ptr(bias), 1, g.CO, bp);
      }
    }
    const args = [...inputArgs(g, n.ptr(x), alloc), wp, bp, g.KH, g.KW, g.CO, n.ptr(out), g.OH, g.OW, g.sh, g.sw, g.dh, g.dw, relu ? 1 : 0];
    n.pool.run('conv_forward', args, g.B, claim(n, g.B));
  });
  return out;
}

export function conv2D(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter } = inputs as { x: tfc.TensorInfo; filter: tfc.TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as unknown as tfc.Conv2DAttrs;
  if (!isNHWC(dataFormat) || !floats(x, filter)) return fallback(tfc.Conv2D, args);
  const info = tfc.backend_util.computeConv2DInfo(x.shape as never, filter.shape as never, strides, dilations, pad, dimRoundingMode);
  return convForward(backend, x, filter, null, info, false);
}

export function fusedConv2D(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter, bias, preluActivationWeights } = inputs as Record<string, tfc.TensorInfo | undefined>;
  const { strides, pad, dataFormat, dilations, dimRoundingMode, activation } = attrs as unknown as tfc.FusedConv2DAttrs;
  const co = filter!.shape[3];
  const plainBias = !bias || (bias.shape.length <= 1 && size(bias.shape) === co);
  if (!isNHWC(dataFormat) || preluActivationWeights || !plainBias || (activation !== 'relu' && activation !== 'linear') || !floats(x, filter, bias))
    return fallback(tfc.FusedConv2D, args);
  const info = tfc.backend_util.computeConv2DInfo(x!.shape as never, filter!.shape as never, strides, dilations, pad, dimRoundingMode);
  return convForward(backend, x!, filter!, bias ?? null, info, activation === 'relu');
}

/** a·W + b (+ ReLU) on 2D tensors (DENSE_KERNEL): the 1×1 convolution of N one-pixel images. */
export function dense(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter, bias } = inputs as Record<string, tfc.TensorInfo>;
  const [n, k] = x.shape;
  const m = filter.shape[1];
  if (x.shape.length !== 2 || filter.shape.length !== 2 || filter.shape[0] !== k || bias.shape.length !== 1 || bias.shape[0] !== m || !floats(x, filter, bias))
    throw new RangeError(`${DENSE_KERNEL}: x [${x.shape}], W [${filter.shape}] and b [${bias.shape}] do not make a dense layer (float32)`);
  const info = tfc.backend_util.computeConv2DInfo([n, 1, 1, k], [1, 1, k, m], 1, 1, 'valid');
  const out = convForward(backend, x, filter, bias, info, (attrs as { activation?: string }).activation === 'relu');
  // The same data as [N, M] (a reshape, as tfjs's own Reshape kernel does it).
  return { ...out, shape: [n, m] };
}
