// Loads the PyTorch/NumPy reference (a copy of shared/reference/conv-reference.json) for the conv tests.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface RefCase {
  op: 'conv1d' | 'conv2d' | 'maxPool1d' | 'maxPool2d';
  x: any;
  w?: any;
  b?: number[] | null;
  padding: number;
  stride: number;
  dilation?: number;
  size?: number;
  y: any;
}

export interface Reference {
  cases: RefCase[];
  outputSize: { n: number; k: number; padding: number; stride: number; dilation: number; out: number }[];
  paramCount: { inChannels: number; outChannels: number; kernelSize: number | [number, number]; bias: boolean; count: number }[];
  lenet5: { total: number; perLayer: number[] };
}

// The team's shared/ folder (beside the repository) holds the authoritative file; a clone on its own
// (GitHub Actions) uses the committed copy, which test/unit/conv.test.ts holds equal to it.
export const sharedReferencePath = fileURLToPath(new URL('../../../shared/reference/conv-reference.json', import.meta.url));
export const copiedReferencePath = fileURLToPath(new URL('./fixtures/conv-reference.json', import.meta.url));

export const reference: Reference = JSON.parse(
  readFileSync(existsSync(sharedReferencePath) ? sharedReferencePath : copiedReferencePath, 'utf8'),
);

/** Max |a − b| over two equally shaped nested arrays; Infinity when the shapes differ. */
export function maxAbsDiff(a: unknown, b: unknown): number {
  if (Array.isArray(a) && Array.isArray(b)) {
    if (a.length !== b.length) return Infinity;
    return a.reduce((m: number, v, i) => Math.max(m, maxAbsDiff(v, b[i])), 0);
  }
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b);
  return Infinity;
}
