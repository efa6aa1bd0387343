// LeNet-5 weights on disk: a float32 little-endian binary plus JSON meta (the reference
// checkpoint in public/models/), or both in one file for download/upload:
//   "LENET5W1" | uint32 LE length of the JSON | JSON meta | zero padding to 4 bytes | float32 data.
import { LENET_PARAM_COUNT, LENET_SPECS, validateWeights } from './model';
import type { LeNetWeights, WeightsInfo } from './weights';

const MAGIC = 'LENET5W1';

export interface WeightsMeta {
  format: 'lenet5-f32';
  version: 1;
  byteOrder: 'little-endian';
  paramCount: number;
  specs: LeNetWeights['specs'];
  info: WeightsInfo;
}

export function weightsMeta(w: LeNetWeights): WeightsMeta {
  return { format: w.format, version: w.version, byteOrder: 'little-endian', paramCount: w.data.length, specs: w.specs, info: w.info };
}

/** Float32 little-endian bytes of the parameters (a copy). */
export function weightsToBytes(data: Float32Array): Uint8Array {
  const out = new Uint8Array(data.length * 4);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return out;
}

export function bytesToWeights(bytes: Uint8Array): Float32Array {
  if (bytes.length % 4 !== 0) throw new RangeError(`weights: ${bytes.length} bytes is not a whole number of float32 values`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}

/** Weights from the two-file form (meta JSON + binary); validated. */
export function weightsFromParts(metaJson: unknown, bytes: Uint8Array): LeNetWeights {
  const meta = metaJson as Partial<WeightsMeta>;
  if (!meta || meta.format !== 'lenet5-f32' || meta.version !== 1) throw new RangeError('weights: the meta is not LeNet-5 weights (format lenet5-f32, version 1)');
  if (meta.paramCount !== LENET_PARAM_COUNT) throw new RangeError(`weights: meta says ${meta.paramCount} parameters, LeNet-5 has ${LENET_PARAM_COUNT}`);
  const w: LeNetWeights = {
    format: 'lenet5-f32',
    version: 1,
    specs: meta.specs ?? LENET_SPECS.map((s) => ({ ...s })),
    data: bytesToWeights(bytes),
    info: meta.info ?? { source: 'uploaded', steps: 0, epochs: 0, savedAt: new Date().toISOString() },
  };
  validateWeights(w);
  return w;
}

/** One self-describing file (for "download weights"). */
export function encodeWeightsFile(w: LeNetWeights): Uint8Array {
  validateWeights(w);
  const json = new TextEncoder().encode(JSON.stringify(weightsMeta(w)));
  const headerLen = 8 + 4 + json.length;
  const pad = (4 - (headerLen % 4)) % 4;
  const out = new Uint8Array(headerLen + pad + w.data.length * 4);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(weightsToBytes(w.data), headerLen + pad);
  return out;
}

/** Parse a file made by encodeWeightsFile; throws a RangeError that says what is wrong. */
export function decodeWeightsFile(bytes: Uint8Array): LeNetWeights {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw new RangeError('weights file: not a LeNet-5 weights file (it must start with LENET5W1)');
  const jsonLen = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(8, true);
  if (12 + jsonLen > bytes.length) throw new RangeError('weights file: truncated header');
  let meta: unknown;
  try {
    meta = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + jsonLen)));
  } catch {
    throw new RangeError('weights file: the header is not valid JSON');
  }
  const start = 12 + jsonLen + ((4 - ((12 + jsonLen) % 4)) % 4);
  const body = bytes.subarray(start);
  if (body.length !== LENET_PARAM_COUNT * 4)
    throw new RangeError(`weights file: expected ${LENET_PARAM_COUNT * 4} bytes of weights, found ${body.length}`);
  return weightsFromParts(meta, body);
}
