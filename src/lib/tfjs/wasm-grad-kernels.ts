// Gradient kernels that stock @tensorflow/tfjs-backend-wasm 4.22 lacks (tfjs issue 8474), so that
// a conv net can train on wasm. Each is composed from wasm kernels (Transpose, Conv2D, Slice),
// which run in XNNPACK; intermediates are freed with backend.disposeData as tfjs's own kernels do.
import * as tfc from '@tensorflow/tfjs-core';

type KernelFunc = tfc.KernelConfig['kernelFunc'];
type Backend = tfc.KernelBackend & { makeOutput?: unknown };

function kernel(name: string): KernelFunc {
  const k = tfc.getKernel(name, 'wasm');
  if (!k) throw new Error(`wasm kernel ${name} is not registered`);
  return k.kernelFunc;
}

function run(name: string, backend: Backend, inputs: tfc.NamedTensorInfoMap, attrs: tfc.NamedAttrMap): tfc.TensorInfo {
  return kernel(name)({ inputs, backend, attrs }) as tfc.TensorInfo;
}

/**
 * dW[kh,kw,ci,co] = Σ_{b,oh,ow} x[b, oh·s+kh−pt, ow·s+kw−pl, ci] · dy[b,oh,ow,co].
 * With ci as the batch and b as the input channel this is a convolution of x (padded like the
 * forward pass) with dy as the filter, dilated by the forward stride:
 *   conv2d(xᵀ [CI,H,W,B], dyᵀ [OH,OW,B,CO], dilation s) → [CI, ≥KH, ≥KW, CO] → slice → transpose.
 */
function conv2DBackpropFilter(args: { inputs: tfc.NamedTensorInfoMap; backend: Backend; attrs: tfc.NamedAttrMap }): tfc.TensorInfo {
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

export const wasmGradKernels: tfc.KernelConfig[] = [
  { kernelName: tfc.Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2DBackpropFilter as unknown as KernelFunc },
];

/** Register the missing wasm gradient kernels once (safe to call again). */
export function registerWasmGradKernels(): void {
  for (const k of wasmGradKernels) if (!tfc.getKernel(k.kernelName, 'wasm')) tfc.registerKernel(k);
}
