// tfjs kernels for the wasm backend that run this project's SIMD code (./kernels/cnn.c) in
// place on tfjs's heap: Conv2D and FusedConv2D (bias, ReLU), both convolution gradients (stock
// tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter, so a conv net could not train on it),
// MaxPool and MaxPoolGrad, CnnConv2DGrad (the whole backward pass of conv/dense + bias + ReLU in one
// call) and CnnSgdUpdate (plain SGD for every variable in one call). Identity shares its input's
// data instead of copying it (tfjs clones every tensor a gradient saves). Configurations the SIMD
// code does not cover go to the stock kernels. Work runs on every kernel thread (kernel-threads.ts).
import * as tfc from '@tensorflow/tfjs-core';
import { loadNativeKernels, nativeFor, type Native, type WasmBackend } from './native-kernels';
import { CONV_GRAD_KERNEL, SGD_KERNEL } from './kernel-names';

type KernelFunc = tfc.KernelConfig['kernelFunc'];
type Backend = WasmBackend & { incRef(dataId: unknown): void };
type KernelArgs = { inputs: tfc.NamedTensorInfoMap; backend: Backend; attrs: tfc.NamedAttrMap };
type Conv2DInfo = tfc.backend_util.Conv2DInfo;

export interface ConvGradAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number;
  dilations?: number | [number, number];
  activation: 'relu' | 'linear';
  /** false for a first layer: no dx is computed or returned. */
  inputGrad: boolean;
}

/** The stock kernels we replace, kept for the configurations ours do not cover. */
const stock = new Map<string, KernelFunc>();
const fallback = (name: string, args: KernelArgs) => stock.get(name)!(args as never) as tfc.TensorInfo;

/** A convolution laid out for the C code: the input padded to Hp × Wp so every window lies inside it. */
interface Geometry {
  B: number; H: number; W: number; CI: number; KH: number; KW: number; CO: number; OH: number; OW: number;
  sh: number; sw: number; dh: number; dw: number; pt: number; pl: number; Hp: number; Wp: number;
  padded: boolean;
}

function geometry(info: Conv2DInfo): Geometry {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: CI, outChannels: CO, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const { top: pt, left: pl, bottom, right } = info.padInfo;
  // With explicit pads and a stride, tfjs may round the output up: windows then reach past the padding (zeros).
  const Hp = Math.max(pt + H + bottom, (OH - 1) * sh + (KH - 1) * dh + 1, pt + H);
  const Wp = Math.max(pl + W + right, (OW - 1) * sw + (KW - 1) * dw + 1, pl + W);
  return { B, H, W, CI, KH, KW, CO, OH, OW, sh, sw, dh, dw, pt, pl, Hp, Wp, padded: Hp !== H || Wp !== W };
}

const round4 = (n: number) => (n + 3) & ~3;
const size = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** Images per chunk of conv_backward: fixed, so its partial sums (db) do not depend on the thread count. */
const CHUNK = 8;

/**
 * Items per claim where the split does not change the result (each item written by one call):
 * about four claims per thread, for balance, without a call per item (each costs a JS→wasm call).
 */
const claim = (n: Native, items: number) => Math.max(1, Math.ceil(items / (n.pool.size * 4)));

/** Runs `f` with scratch buffers that are freed afterwards. */
function withScratch<T>(n: Native, f: (alloc: (floats: number) => number) => T): T {
  const held: number[] = [];
  try {
    return f((floats) => {
      const p = n.alloc(floats);
      held.push(p);
      return p;
    });
  } finally {
    for (const p of held) n.free(p);
  }
}

/** [x, H, W, pt, pl, xp, Hp, Wp, CI]: the input and where its padded copy goes (xp = x without padding). */
function inputArgs(g: Geometry, x: number, alloc: (floats: number) => number): number[] {
  const xp = g.padded ? alloc(g.B * g.Hp * g.Wp * g.CI) : x;
  return [x, g.H, g.W, g.pt, g.pl, xp, g.Hp, g.Wp, g.CI];
}

function convForward(backend: Backend, x: tfc.TensorInfo, filter: tfc.TensorInfo, bias: tfc.TensorInfo | null, info: Conv2DInfo, relu: boolean) {
  const n = nativeFor(backend);
  const g = geometry(info);
  const out = backend.makeOutput([g.B, g.OH, g.OW, g.CO], 'float32');
  if (size(out.shape) === 0) return out;
  withScratch(n, (alloc) => {
    const K = g.KH * g.KW * g.CI;
    let wp = n.ptr(filter);
    let bp = bias ? n.ptr(bias) : 0;
    if (g.CO % 4) {
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

interface BackwardOutputs {
  dW?: number;
  db?: number;
  dx?: number;
}

/**
 * The gradients (see cnn.c): conv_backward over chunks of images (dz, partial db, padded x, dx),
 * then conv_filter_grad over units of dW; then the chunks' partial db are added up.
 */
function convBackward(n: Native, g: Geometry, x: number, filter: number, dy: number, y: number, out: BackwardOutputs) {
  withScratch(n, (alloc) => {
    const chunks = Math.ceil(g.B / CHUNK);
    const dz = y ? alloc(g.B * g.OH * g.OW * g.CO) : 0;
    const dbParts = out.db !== undefined ? alloc(chunks * g.CO) : 0;
    let wt = 0;
    let dxp = 0;
    if (out.dx !== undefined) {
      const CI4 = round4(g.CI);
      wt = alloc(g.KH * g.KW * g.CO * CI4);
      n.k.pack_filter_t(filter, g.KH * g.KW, g.CI, g.CO, wt);
      // Accumulate straight into dx when it has the padded layout already; else in scratch, then crop.
      dxp = !g.padded && CI4 === g.CI ? out.dx : alloc(g.B * g.Hp * g.Wp * CI4);
    }
    // The padded input only for dW (xp = x: no copy).
    const xArgs = out.dW !== undefined ? inputArgs(g, x, alloc) : [0, g.H, g.W, g.pt, g.pl, 0, g.Hp, g.Wp, g.CI];
    const geo = [g.KH, g.KW, g.CO, g.OH, g.OW, g.sh, g.sw, g.dh, g.dw];
    n.pool.run('conv_backward', [...xArgs, dy, y, dz, dbParts, wt, dxp, out.dx ?? 0, ...geo], g.B, CHUNK);
    if (out.dW !== undefined) {
      const units = n.k.filter_grad_units(g.KH, g.KW, g.CI, g.CO);
      n.pool.run('conv_filter_grad', [xArgs[5], g.Hp, g.Wp, g.CI, y ? dz : dy, g.KH, g.KW, g.CO, out.dW, g.OH, g.OW, g.sh, g.sw, g.dh, g.dw, g.B], units, claim(n, units));
    }
    if (out.db !== undefined) n.k.sum_parts(dbParts, chunks, g.CO, out.db);
  });
}

const isNHWC = (dataFormat: unknown) => dataFormat == null || dataFormat === 'NHWC';
const floats = (...ts: (tfc.TensorInfo | undefined)[]) => ts.every((t) => !t || t.dtype === 'float32');

function conv2D(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const { x, filter } = inputs as { x: tfc.TensorInfo; filter: tfc.TensorInfo };
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs as unknown as tfc.Conv2DAttrs;
  if (!isNHWC(dataFormat) || !floats(x, filter)) return fallback(tfc.Conv2D, args);
  const info = tfc.backend_util.computeConv2DInfo(x.shape as never, filter.shape as never, strides, dilations, pad, dimRoundingMode);
  return convForward(backend, x, filter, null, info, false);
}

function fusedConv2D(args: KernelArgs): tfc.TensorInfo {
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

function conv2DBackpropFilter(args: KernelArgs): tfc.TensorInfo {
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

function conv2DBackpropInput(args: KernelArgs): tfc.TensorInfo {
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
function convGrad(args: KernelArgs): tfc.TensorInfo[] {
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

function poolInfo(xShape: number[], attrs: tfc.NamedAttrMap) {
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tfc.MaxPoolAttrs;
  return tfc.backend_util.computePool2DInfo(xShape as never, filterSize, strides, 1, pad, dimRoundingMode);
}

function maxPool(args: KernelArgs): tfc.TensorInfo {
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
function maxPoolGrad(args: KernelArgs): tfc.TensorInfo {
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

/** vᵢ − alpha·gᵢ for every variable in one call (see SGD_KERNEL). */
function sgdUpdate(args: KernelArgs): tfc.TensorInfo[] {
  const { inputs, backend, attrs } = args;
  const { alpha, count } = attrs as unknown as { alpha: number; count: number };
  const n = nativeFor(backend);
  return Array.from({ length: count }, (_, i) => {
    const v = inputs[`v${i}`] as tfc.TensorInfo;
    const g = inputs[`g${i}`] as tfc.TensorInfo;
    if (size(v.shape) !== size(g.shape)) throw new RangeError(`${SGD_KERNEL}: variable ${i} has ${size(v.shape)} values, its gradient ${size(g.shape)}`);
    const out = backend.makeOutput([...v.shape], 'float32');
    n.k.sgd_step(n.ptr(v), n.ptr(g), alpha, n.ptr(out), size(v.shape));
    return out;
  });
}

/** A clone shares the data (tensors are immutable; the cpu backend does the same). */
function identity(args: KernelArgs): tfc.TensorInfo {
  const x = args.inputs.x as tfc.TensorInfo;
  args.backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

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
  })();
  return registered;
}
