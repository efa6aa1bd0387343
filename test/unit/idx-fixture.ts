// Tests' IDX files (the MNIST format: 0,0,8,ndim, big-endian sizes, then the bytes), from a shape and a fill.
export function idxBytes(dims: number[], fill: (i: number) => number): Uint8Array {
  const n = dims.reduce((a, b) => a * b, 1);
  const b = new Uint8Array(4 + 4 * dims.length + n);
  b.set([0, 0, 8, dims.length]);
  dims.forEach((d, i) => new DataView(b.buffer).setUint32(4 + 4 * i, d));
  for (let i = 0; i < n; i++) b[4 + 4 * dims.length + i] = fill(i);
  return b;
}
