/** The manifest that scripts/prepare-mnist.mjs writes beside the assets (manifest.json). */

export const MNIST_FILES = ['train-images', 'train-labels', 'test-images', 'test-labels'] as const;
export type MnistFileName = (typeof MNIST_FILES)[number];

export interface MnistManifestFile {
  /** The asset's file name relative to the manifest (content-hashed, e.g. train-images.3f2a….bin). */
  file: string;
  split: 'train' | 'test';
  kind: 'images' | 'labels';
  /** Number of images or labels (= shape[0]). */
  count: number;
  /** [count, 28, 28] for images, [count] for labels. */
  shape: number[];
  /** Bytes on the wire (gzip) and after decompression (the original IDX file). */
  compressedBytes: number;
  rawBytes: number;
  /** SHA-256 (hex) of the raw, decompressed bytes. */
  sha256: string;
}

export interface MnistManifest {
  format: 1;
  source: string;
  encoding: 'gzip';
  files: Record<MnistFileName, MnistManifestFile>;
  totalCompressedBytes: number;
  totalRawBytes: number;
}

/** Checks a parsed manifest.json; throws an Error naming the first bad field. */
export function parseManifest(json: unknown): MnistManifest {
  const bad = (what: string): never => {
    throw new Error(`MNIST manifest: ${what}`);
  };
  if (typeof json !== 'object' || json === null) bad('not a JSON object');
  const m = json as Partial<MnistManifest>;
  if (m.format !== 1) bad(`unsupported format ${String(m.format)} (expected 1)`);
  if (typeof m.files !== 'object' || m.files === null) bad('missing "files"');
  for (const name of MNIST_FILES) {
    const f = (m.files as Record<string, Partial<MnistManifestFile>>)[name];
    if (!f) bad(`missing entry "${name}"`);
    if (typeof f.file !== 'string' || !/^[\w.-]+$/.test(f.file)) bad(`${name}.file must be a plain file name`);
    if (!/^[0-9a-f]{64}$/.test(String(f.sha256))) bad(`${name}.sha256 must be 64 hex digits`);
    for (const k of ['compressedBytes', 'rawBytes'] as const) {
      if (!Number.isInteger(f[k]) || (f[k] as number) <= 0) bad(`${name}.${k} must be a positive integer`);
    }
    const kind = name.endsWith('images') ? 'images' : 'labels';
    const dims = kind === 'images' ? 3 : 1;
    if (!Array.isArray(f.shape) || f.shape.length !== dims || !f.shape.every((d) => Number.isInteger(d) && d > 0)) {
      bad(`${name}.shape must be ${dims} positive integers`);
    }
    if (f.count !== (f.shape as number[])[0]) bad(`${name}.count must equal shape[0]`);
  }
  return m as MnistManifest;
}
