// The convolution gradient wasm kernels: Conv2DBackpropFilter, Conv2DBackpropInput and CnnConv2DGrad
// (the whole backward pass of a conv or dense layer with bias and ReLU in one call).
import * as tfc from '@tensorflow/tfjs-core';
import { nativeFor, type Native } from './native-kernels';
import { claim, fallback, isNHWC, round4, size, withScratch, type KernelArgs } from './wasm-kernel-args';
import { geometry, inputArgs, type Geometry } from './wasm-conv-geometry';

export interface ConvGradAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dilations?: number | [number, number];
  activation: 'relu' | 'linear';
  /** false for a first layer: no dx is computed or returned. */
  inputGrad: boolean;
}

/** Images per chunk of conv_backward: fixed, so its partial sums (db, dW) do not depend on the thread count. */
const CHUNK = 8;

/**
 * A layer with fewer units of weight gradient than this (C1 has 5, which two threads would share
 * 3:2) computes dW per chunk of images inside conv_backward, while the chunk's dz is in cache, and
 * the chunks' parts are added up. The geometry alone decides, so results do not depend on threads.
 */
const DW_BY_CHUNK_BELOW_UNITS = 16;

interface BackwardOutputs {
  dW?: number;
  db?: number;
  dx?: number;
}

/**
 * The gradients (see cnn.c): conv_backward over chunks of images (dz, partial db, padded x, dx, and
 * partial dW for a layer with few units of it), then conv_filter_grad over units of dW (the other
 * layers); then the chunks' partial sums are added up.
 */
function convBackward(n: Native, g: Geometry, x: number, filter: number, dy: number, y: number, out: BackwardOutputs) {
  withScratch(n, (alloc) => {
    const chunks = Math.ceil(g.B / CHUNK);
    const dz = y ? alloc(g.B * g.OH * g.OW * g.CO) : 0;
    const dbParts = out.db !== undefined ? alloc(chunks * g.CO) : 0;
    let wt = 0;
    let dxp = 0;
    if (out.dx !== undefined) {
      // Six input channels run as pixel pairs where the geometry allows (cnn.c dx_pairs): 6 floats a pixel, else CI4.
      const pairs = n.k.dx_pairs(g.CI, g.sw, g.OW);
      const cs = pairs ? 6 : round4(g.CI);
      wt = alloc(g.KH * g.KW * g.CO * (pairs ? 12 : cs));
      n.k.pack_filter_t(filter, g.KH * g.KW, g.CI, g.CO, wt, pairs);
      // Accumulate straight into dx when it has the padded layout already; else in scratch, then crop.
      dxp = !g.padded && cs === g.CI ? out.dx : alloc(g.B * g.Hp * g.Wp * cs);
    }
    // The padded input only for dW (xp = x: no copy).
    const xArgs = out.dW !== undefined ? inputArgs(g, x, alloc) : [0, g.H, g.W, g.pt, g.pl, 0, g.Hp, g.Wp, g.CI];
    const geo = [g.KH, g.KW, g.CO, g.OH, g.OW, g.sh, g.sw, g.dh, g.dw];
    const units = out.dW !== undefined ? n.k.filter_grad_units(g.KH, g.KW, g.CI, g.CO) : 0;
    const dwSize = g.KH * g.KW * g.CI * g.CO;
    const dwParts = out.dW !== undefined && units < DW_BY_CHUNK_BELOW_UNITS ? alloc(chunks * dwSize) : 0;
    n.pool.run('conv_backward', [...xArgs, dy, y, dz, dbParts, wt, dxp, out.dx ?? 0, ...geo, dwParts], g.B, CHUNK);
    if (dwParts) n.k.sum_parts(dwParts, chunks, dwSize, out.dW!);
    else if (out.dW !== undefined)
      n.pool.run('conv_filter_grad', [xArgs[5], g.Hp, g.Wp, g.CI, y ? dz : dy, g.KH, g.KW, g.CO, out.dW, g.OH, g.OW, g.sh, g.sw, g.dh, g.dw, g.B], units, claim(n, units));
    if (out.db !== undefined) n.k.sum_parts(dbParts, chunks, g.CO, out.db);
  });
}

export function conv2DBackpropFilter(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, dy } = inputs as { x: tfc.TensorInfo; dy: tfc.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tfc.Conv2DBackpropFilterAttrs;
  if (!isNHWC(dataFormat)) throw new Error(`wasm Conv2DBackpropFilter supports NHWC only, got ${dataFormat}`);
  const info = tfc.backend_util.computeConv2DInfo(x.shape as never, filterShape as never, strides, 1, pad, dimRoundingMode);
  const n = nativeFor(backend);
  const out = backend.makeOutput([...filterShape], 'float32');
  if (size(filterShape) > 0) {
    if (size(dy.shape) === 0) n.k.zero_f32(n.ptr(out), size(filterShape));
    else convBackward(n, geometry(info), n.ptr(x), 0, n.ptr(dy), 0, { dW: n.ptr(out) });
  }
  return out;
}

export function conv2DBackpropInput(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const { dy, filter } = inputs as { dy: tfc.TensorInfo; filter: tfc.TensorInfo };
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tfc.Conv2DBackpropInputAttrs;
  if (!isNHWC(dataFormat)) return fallback(tfc.Conv2DBackpropInput, args);
  const info = tfc.backend_util.computeConv2DInfo(inputShape as never, filter.shape as never, strides, 1, pad, dimRoundingMode);
  // conv2dTranspose may ask for an input shape whose forward output is not dy's: the stock kernel handles it.
  if (info.outHeight !== dy.shape[1] || info.outWidth !== dy.shape[2]) return fallback(tfc.Conv2DBackpropInput, args);
  const n = nativeFor(backend);
  const out = backend.makeOutput([...inputShape], 'float32');
  if (size(inputShape) === 0) return out;
  if (size(dy.shape) === 0) n.k.zero_f32(n.ptr(out), size(inputShape));
  else convBackward(n, geometry(info), 0, n.ptr(filter), n.ptr(dy), 0, { dx: n.ptr(out) });
  return out;
}

/**
 * The backward pass of y = act(conv(x, W) + b) (or of a dense layer, x [N, K], W [K, M], as a
 * 1×1 convolution): dz = dy·[y > 0] for ReLU, dW = x ⋆ dz, db = Σ dz, dx = dz ⋆ Wᵀ (if asked).
 */
export function convGrad(args: KernelArgs): tfc.TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { x, filter, dy, y } = inputs as Record<string, tfc.TensorInfo>;
  const a = attrs as unknown as ConvGradAttrs;
  const dense = x.shape.length === 2;
  const x4 = (dense ? [x.shape[0], 1, 1, x.shape[1]] : x.shape) as [number, number, number, number];
  const f4 = (dense ? [1, 1, ...filter.shape] : filter.shape) as [number, number, number, number];
  const info = tfc.backend_util.computeConv2DInfo(x4, f4, dense ? 1 : a.strides, dense ? 1 : (a.dilations ?? 1), dense ? 'valid' : a.pad);
  const g = geometry(info);
  const relu = a.activation === 'relu';
  const n = nativeFor(backend);
  const dW = backend.makeOutput([...filter.shape], 'float32');
  const db = backend.makeOutput([g.CO], 'float32');
  const dx = a.inputGrad ? backend.makeOutput([...x.shape], 'float32') : null;
  if (g.B > 0) convBackward(n, g, n.ptr(x), n.ptr(filter), n.ptr(dy), relu ? n.ptr(y) : 0, { dW: n.ptr(dW), db: n.ptr(db), dx: dx ? n.ptr(dx) : undefined });
  return dx ? [dx, dW, db] : [dW, db];
}
