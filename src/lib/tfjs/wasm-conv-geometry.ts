// A convolution's geometry as the SIMD code (./kernels/cnn.c) takes it: shared by the forward and
// backward convolution wasm kernels.
import type * as tfc from '@tensorflow/tfjs-core';

export type Conv2DInfo = tfc.backend_util.Conv2DInfo;

/** A convolution laid out for the C code: the input padded to Hp × Wp so every window lies inside it. */
export interface Geometry {
  B: number; H: number; W: number; CI: number; KH: number; KW: number; CO: number; OH: number; OW: number;
  sh: number; sw: number; dh: number; dw: number; pt: number; pl: number; Hp: number; Wp: number;
  padded: boolean;
}

export function geometry(info: Conv2DInfo): Geometry {
  const { batchSize: B, inHeight: H, inWidth: W, inChannels: CI, outChannels: CO, outHeight: OH, outWidth: OW } = info;
  const { filterHeight: KH, filterWidth: KW, strideHeight: sh, strideWidth: sw, dilationHeight: dh, dilationWidth: dw } = info;
  const { top: pt, left: pl, bottom, right } = info.padInfo;
  // With explicit pads and a stride, tfjs may round the output up: windows then reach past the padding (zeros).
  const Hp = Math.max(pt + H + bottom, (OH - 1) * sh + (KH - 1) * dh + 1, pt + H);
  const Wp = Math.max(pl + W + right, (OW - 1) * sw + (KW - 1) * dw + 1, pl + W);
  return { B, H, W, CI, KH, KW, CO, OH, OW, sh, sw, dh, dw, pt, pl, Hp, Wp, padded: Hp !== H || Wp !== W };
}

/** [x, H, W, pt, pl, xp, Hp, Wp, CI]: the input and where its padded copy goes (xp = x without padding). */
export function inputArgs(g: Geometry, x: number, alloc: (floats: number) => number): number[] {
  const xp = g.padded ? alloc(g.B * g.Hp * g.Wp * g.CI) : x;
  return [x, g.H, g.W, g.pt, g.pl, xp, g.Hp, g.Wp, g.CI];
}
