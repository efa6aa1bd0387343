/**
 * The IDX format of the original MNIST files: two zero bytes, a type code (0x08 = unsigned byte),
 * the number of dimensions, each dimension as a big-endian uint32, then the data.
 */
const TYPE_NAMES: Record<number, string> = {
  0x08: 'unsigned byte', 0x09: 'signed byte', 0x0b: 'short', 0x0c: 'int', 0x0d: 'float', 0x0e: 'double',
};

export interface IdxArray {
  dims: number[];
  /** A view of the data after the header (no copy). */
  data: Uint8Array;
}

export interface IdxImages {
  count: number;
  rows: number;
  cols: number;
  /** count × rows × cols bytes, row-major; a view into the input. */
  pixels: Uint8Array;
}

/** Parses an unsigned-byte IDX file; throws an Error that names `name` and what is wrong. */
export function parseIdx(bytes: Uint8Array, name = 'IDX file'): IdxArray {
  if (bytes.length < 4) throw new Error(`${name}: only ${bytes.length} bytes, too short for an IDX header (4 bytes)`);
  if (bytes[0] !== 0 || bytes[1] !== 0) {
    const hint = bytes[0] === 0x1f && bytes[1] === 0x8b ? ' (it is gzip-compressed; decompress it first)' : '';
    throw new Error(`${name}: not an IDX file, the magic number must start with 00 00, found ${hex(bytes[0])} ${hex(bytes[1])}${hint}`);
  }
  const type = bytes[2];
  if (type !== 0x08) {
    const what = TYPE_NAMES[type] ? `${TYPE_NAMES[type]} (0x${hex(type)})` : `unknown type 0x${hex(type)}`;
    throw new Error(`${name}: data type is ${what}; only unsigned byte (0x08) is supported`);
  }
  const ndims = bytes[3];
  if (ndims < 1 || ndims > 4) throw new Error(`${name}: ${ndims} dimensions in the header; expected 1 to 4`);
  const headerBytes = 4 + 4 * ndims;
  if (bytes.length < headerBytes) {
    throw new Error(`${name}: truncated header, ${bytes.length} bytes but ${ndims} dimensions need ${headerBytes}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let d = 0; d < ndims; d++) {
    const size = view.getUint32(4 + 4 * d, false);
    if (size === 0) throw new Error(`${name}: dimension ${d} is 0`);
    dims.push(size);
  }
  const expected = dims.reduce((a, b) => a * b, 1);
  const found = bytes.length - headerBytes;
  if (found < expected) {
    throw new Error(`${name}: truncated, the header [${dims.join(', ')}] needs ${expected} data bytes but only ${found} follow`);
  }
  if (found > expected) {
    throw new Error(`${name}: ${found - expected} unexpected bytes after the ${expected} data bytes of [${dims.join(', ')}]`);
  }
  return { dims, data: bytes.subarray(headerBytes) };
}

/** An images file: three dimensions [count, rows, cols]. */
export function parseImages(bytes: Uint8Array, name = 'images file'): IdxImages {
  const { dims, data } = parseIdx(bytes, name);
  if (dims.length !== 3) {
    throw new Error(`${name}: an images file has 3 dimensions [count, rows, cols], this one has ${dims.length} [${dims.join(', ')}]`);
  }
  const [count, rows, cols] = dims;
  return { count, rows, cols, pixels: data };
}

/** A labels file: one dimension, every label a class index below `classes`. */
export function parseLabels(bytes: Uint8Array, name = 'labels file', classes = 10): Uint8Array {
  const { dims, data } = parseIdx(bytes, name);
  if (dims.length !== 1) {
    throw new Error(`${name}: a labels file has 1 dimension, this one has ${dims.length} [${dims.join(', ')}]`);
  }
  for (let i = 0; i < data.length; i++) {
    if (data[i] >= classes) throw new Error(`${name}: label ${data[i]} at index ${i} is not a class 0–${classes - 1}`);
  }
  return data;
}

function hex(b: number): string {
  return b.toString(16).padStart(2, '0');
}
