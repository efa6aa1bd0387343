// Gradient kernels for the wasm backend. Stock @tensorflow/tfjs-backend-wasm 4.22 lacks
// Conv2DBackpropFilter (tfjs issue 8474), so a conv net cannot train on it; its
// Conv2DBackpropInput and MaxPoolGrad are plain loops that took ~70% of a LeNet-5 step.
// The convolution gradients are composed from wasm kernels (Transpose, Reverse, Conv2D, Slice),
// which run in XNNPACK; MaxPoolGrad is a direct loop over the wasm heap. Intermediates are freed
// with backend.disposeData, as tfjs's own kernels do.
import * as tfc from '@tensorflow/tfjs-core';

type KernelFunc = tfc.KernelConfig['kernelFunc'];
type Backend = tfc.KernelBackend & {
  makeOutput(shape: number[], dtype: tfc.DataType): tfc.TensorInfo;
  typedArrayFromHeap(t: tfc.TensorInfo): tfc.TypedArray;
};
type KernelArgs = { inputs: tfc.NamedTensorInfoMap; backend: Backend; attrs: tfc.NamedAttrMap };

/** The stock kernels we replace, kept for the configurations our versions do not cover. */
const stock = new Map<string, KernelFunc>();

function kernel(name: string): KernelFunc {
  const k = tfc.getKernel(name, 'wasm');
  if (!k) throw new Error(`wasm kernel ${name} is not registered`);
  return k.kernelFunc;
}

function run(name: string, backend: Backend, inputs: tfc.NamedTensorInfoMap, attrs: tfc.NamedAttrMap): tfc.TensorInfo {
  return kernel(name)({ inputs, backend, attrs }) as tfc.TensorInfo;
}

/** Reshape without copying (a wasm Reshape shares the data). */
function reshape(backend: Backend, x: tfc.TensorInfo, shape: number[]): tfc.TensorInfo {
  return run('Reshape', backend, { x }, { shape });
}

/**
 * A "valid" convolution whose filter covers the whole input (LeNet's C5: 5×5 → 1×1) is a dense
 * layer; its gradients are single matrix products, far cheaper than the general path.
 */
function isDense(xShape: number[], filterShape: number[], info: tfc.backend_util.Conv2DInfo): boolean {
  const { top, bottom, left, right } = info.padInfo;
  return info.outHeight === 1 && info.outWidth === 1 && top + bottom + left + right === 0
    && xShape[1] === filterShape[0] && xShape[2] === filterShape[1];
}

/**
 * reshape(a) · reshape(b) via BatchMatMul; a transposed operand is transposed explicitly first
 * (wasm's BatchMatMul is much slower with transposeA/transposeB than a Transpose plus a plain product).
 */
function matMul(backend: Backend, a: tfc.TensorInfo, aShape: number[], b: tfc.TensorInfo, bShape: number[], transposeA: boolean, transposeB: boolean, outShape: number[]): tfc.TensorInfo {
  const temps: tfc.TensorInfo[] = [];
  const operand = (t: tfc.TensorInfo, shape: number[], transpose: boolean) => {
    let m = reshape(backend, t, [1, ...shape]);
    temps.push(m);
    if (transpose) {
      m = run('Transpose', backend, { x: m }, { perm: [0, 2, 1] });
      temps.push(m);
    }
    return m;
  };
  const prod = run('BatchMatMul', backend, { a: operand(a, aShape, transposeA), b: operand(b, bShape, transposeB) }, { transposeA: false, transposeB: false });
  const out = reshape(backend, prod, outShape);
  for (const t of [...temps, prod]) backend.disposeData(t.dataId);
  return out;
}

/**
 * dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·s+kh−pt, ow·s+kw−pl, ci] · dy[b,oh,ow,co].
 * With ci as the batch and b as the input channel this is a convolution of x (padded like the
 * forward pass) with dy as the filter, dilated by the forward stride:
 *   conv2d(xᵀ [CI,H,W,B], dyᵀ [OH,OW,B,CO], dilation s) → [CI, ≥KH, ≥KW, CO] → slice → transpose.
 */
function conv2DBackpropFilter(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const x = inputs.x as tfc.TensorInfo;
  const dy = inputs.dy as tfc.TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs as unknown as tfc.Conv2DBackpropFilterAttrs;
  if (dataFormat && dataFormat !== 'NHWC') throw new Error(`wasm Conv2DBackpropFilter supports NHWC only, got ${dataFormat}`);
  const info = tfc.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const [kh, kw, ci, co] = filterShape;
  if (isDense(x.shape, filterShape, info)) {
    const b = x.shape[0];
    return matMul(backend, x, [b, kh * kw * ci], dy, [b, co], true, false, [kh, kw, ci, co]);
  }
  const { top, bottom, left, right } = info.padInfo;
  const xT = run('Transpose', backend, { x }, { perm: [3, 1, 2, 0] });
  const dyT = run('Transpose', backend, { x: dy }, { perm: [1, 2, 0, 3] });
  const conv = run('Conv2D', backend, { x: xT, filter: dyT }, {
    strides: 1,
    pad: [[0, 0], [top, bottom], [left, right], [0, 0]],
    dataFormat: 'NHWC',
    dilations: [info.strideHeight, info.strideWidth],
    dimRoundingMode: undefined as unknown as string,
  });
  backend.disposeData(xT.dataId);
  backend.disposeData(dyT.dataId);
  let full = conv;
  // With a stride that does not divide the padded input, the result has extra rows/cols at the end.
  if (conv.shape[1] !== kh || conv.shape[2] !== kw) {
    full = run('Slice', backend, { x: conv }, { begin: [0, 0, 0, 0], size: [ci, kh, kw, co] });
    backend.disposeData(conv.dataId);
  }
  const dw = run('Transpose', backend, { x: full }, { perm: [1, 2, 0, 3] });
  backend.disposeData(full.dataId);
  return dw;
}

/**
 * dx = full correlation of dy with the filter rotated by 180° and its in/out channels swapped:
 *   conv2d(dy, reverse(W, [0,1])ᵀ [KH,KW,CO,CI], pads KH−1−top / KH−1−bottom …) for stride 1.
 * Other strides (dy would need zeros inserted) and pads beyond the kernel go to the stock kernel.
 */
function conv2DBackpropInput(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const dy = inputs.dy as tfc.TensorInfo;
  const filter = inputs.filter as tfc.TensorInfo;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs as unknown as tfc.Conv2DBackpropInputAttrs;
  const info = tfc.backend_util.computeConv2DInfo(
    inputShape as [number, number, number, number],
    filter.shape as [number, number, number, number],
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const [kh, kw, ci, co] = filter.shape;
  if ((!dataFormat || dataFormat === 'NHWC') && isDense(inputShape, filter.shape, info)) {
    const b = inputShape[0];
    return matMul(backend, dy, [b, co], filter, [kh * kw * ci, co], false, true, [b, kh, kw, ci]);
  }
  const { top, bottom, left, right } = info.padInfo;
  const fits = top < kh && bottom < kh && left < kw && right < kw && info.outHeight === dy.shape[1] && info.outWidth === dy.shape[2];
  if ((dataFormat && dataFormat !== 'NHWC') || info.strideHeight !== 1 || info.strideWidth !== 1 || !fits) {
    return stock.get(tfc.Conv2DBackpropInput)!(args as never) as tfc.TensorInfo;
  }
  const flipped = run('Reverse', backend, { x: filter }, { dims: [0, 1] });
  const swapped = run('Transpose', backend, { x: flipped }, { perm: [0, 1, 3, 2] });
  backend.disposeData(flipped.dataId);
  const dx = run('Conv2D', backend, { x: dy, filter: swapped }, {
    strides: 1,
    pad: [[0, 0], [kh - 1 - top, kh - 1 - bottom], [kw - 1 - left, kw - 1 - right], [0, 0]],
    dataFormat: 'NHWC',
    dilations: 1,
    dimRoundingMode: undefined as unknown as string,
  });
  backend.disposeData(swapped.dataId);
  return dx;
}

/**
 * Max-pool gradient: each output's dy goes to the first maximum of its window (as the cpu
 * backend does). A direct loop over the wasm heap: one pass, no temporaries.
 */
function maxPoolGrad(args: KernelArgs): tfc.TensorInfo {
  const { inputs, backend, attrs } = args;
  const dy = inputs.dy as tfc.TensorInfo;
  const input = inputs.input as tfc.TensorInfo;
  const { filterSize, strides, pad, dimRoundingMode } = attrs as unknown as tfc.MaxPoolGradAttrs;
  const ci = tfc.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    filterSize,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const out = backend.makeOutput(input.shape, 'float32');
  // Views after makeOutput: allocating may grow (and move) the wasm memory.
  const dx = backend.typedArrayFromHeap(out) as Float32Array;
  const x = backend.typedArrayFromHeap(input) as Float32Array;
  const g = backend.typedArrayFromHeap(dy) as Float32Array;
  dx.fill(0);
  const { batchSize, inHeight, inWidth, inChannels: C, outHeight, outWidth, strideHeight, strideWidth } = ci;
  const fh = ci.effectiveFilterHeight;
  const fw = ci.effectiveFilterWidth;
  const top = ci.padInfo.top;
  const left = ci.padInfo.left;
  const rowStride = inWidth * C;
  if (fh === 2 && fw === 2 && strideHeight === 2 && strideWidth === 2 && top === 0 && left === 0 && outHeight * 2 <= inHeight && outWidth * 2 <= inWidth) {
    // LeNet's 2×2/2 pooling: four candidates per output, first maximum wins (as in the general loop;
    // only windows of NaN or −∞ differ: here the first element gets the gradient).
    for (let b = 0; b < batchSize; b++) {
      for (let oh = 0; oh < outHeight; oh++) {
        for (let ow = 0; ow < outWidth; ow++) {
          const i00 = (b * inHeight + 2 * oh) * rowStride + 2 * ow * C;
          const o = ((b * outHeight + oh) * outWidth + ow) * C;
          for (let d = 0; d < C; d++) {
            let pos = i00 + d;
            let best = x[pos];
            const i01 = pos + C;
            const i10 = pos + rowStride;
            const i11 = i10 + C;
            if (x[i01] > best) { best = x[i01]; pos = i01; }
            if (x[i10] > best) { best = x[i10]; pos = i10; }
            if (x[i11] > best) pos = i11;
            dx[pos] += g[o + d];
          }
        }
      }
    }
    return out;
  }
  for (let b = 0; b < batchSize; b++) {
    const xb = b * inHeight * rowStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const r0 = oh * strideHeight - top;
      const rMin = Math.max(0, r0);
      const rMax = Math.min(inHeight, r0 + fh);
      for (let ow = 0; ow < outWidth; ow++) {
        const c0 = ow * strideWidth - left;
        const cMin = Math.max(0, c0);
        const cMax = Math.min(inWidth, c0 + fw);
        const o = ((b * outHeight + oh) * outWidth + ow) * C;
        for (let d = 0; d < C; d++) {
          let best = -Infinity;
          let pos = -1;
          for (let r = rMin; r < rMax; r++) {
            for (let c = cMin; c < cMax; c++) {
              const i = xb + r * rowStride + c * C + d;
              if (x[i] > best) {
                best = x[i];
                pos = i;
              }
            }
          }
          if (pos >= 0) dx[pos] += g[o + d];
        }
      }
    }
  }
  return out;
}

export const wasmGradKernels: tfc.KernelConfig[] = [
  { kernelName: tfc.Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as KernelFunc },
  { kernelName: tfc.Conv2DBackpropInput, backendName: 'wasm', kernelFunc: conv2DBackpropInput as unknown as KernelFunc },
  { kernelName: tfc.MaxPoolGrad, backendName: 'wasm', kernelFunc: maxPoolGrad as unknown as KernelFunc },
];

let registered = false;

/**
 * Register our wasm gradient kernels, replacing the stock ones (once; safe to call again).
 * Call before the wasm backend initialises, so that the stock setup functions run.
 */
export function registerWasmGradKernels(): void {
  if (registered) return;
  registered = true;
  for (const k of wasmGradKernels) {
    const existing = tfc.getKernel(k.kernelName, 'wasm');
    if (existing) {
      stock.set(k.kernelName, existing.kernelFunc);
      tfc.unregisterKernel(k.kernelName, 'wasm');
    }
    // Keep the stock setupFunc: it binds the wasm function that the fallback path calls.
    tfc.registerKernel({ ...k, setupFunc: existing?.setupFunc });
  }
}
