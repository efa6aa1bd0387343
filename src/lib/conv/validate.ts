// Argument checks shared by the math core. Every failure is a RangeError naming the argument and why.

export type Pair = [number, number];

const show = (v: unknown): string => {
  if (typeof v === 'number') return String(v);
  try {
    return JSON.stringify(v) ?? String(v);
  } catch {
    return String(v);
  }
};

export function fail(fn: string, arg: string, why: string): never {
  throw new RangeError(`${fn}: ${arg} ${why}`);
}

/** An integer ≥ min (min 0 for padding, 1 for sizes, strides and dilations). */
export function checkInt(fn: string, arg: string, v: unknown, min: number): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, arg, `must be a number, got ${show(v)}`);
  if (!Number.isInteger(v)) fail(fn, arg, `must be an integer, got ${v}`);
  if (v < min) fail(fn, arg, min === 0 ? `must not be negative, got ${v}` : `must be at least ${min}, got ${v}`);
  return v;
}

/** A number or a [rows, cols] pair of integers ≥ min, returned as a pair. */
export function checkPair(fn: string, arg: string, v: unknown, min: number): Pair {
  if (Array.isArray(v)) {
    if (v.length !== 2) fail(fn, arg, `must be a number or a [rows, cols] pair, got ${show(v)}`);
    return [checkInt(fn, `${arg}[0]`, v[0], min), checkInt(fn, `${arg}[1]`, v[1], min)];
  }
  const n = checkInt(fn, arg, v, min);
  return [n, n];
}

function checkNumber(fn: string, path: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v)) fail(fn, path, `must be a finite number, got ${show(v)}`);
  return v;
}

/**
 * Checks that v is a non-empty rectangular nested array of finite numbers with the given rank and
 * returns its shape. Ragged rows, empty arrays and non-numbers fail with the path of the bad element.
 */
export function checkTensor(fn: string, arg: string, v: unknown, rank: number): number[] {
  const shape: number[] = [];
  let probe: unknown = v;
  for (let d = 0; d < rank; d++) {
    if (!Array.isArray(probe)) {
      fail(fn, arg, `must be a ${rank}-dimensional nested array, but its depth ${d} is ${show(probe)}`);
    }
    if (probe.length === 0) fail(fn, arg, `must not be empty (dimension ${d} has length 0)`);
    shape.push(probe.length);
    probe = probe[0];
  }
  const walk = (node: unknown, d: number, path: string): void => {
    if (d === rank) {
      checkNumber(fn, path, node);
      return;
    }
    if (!Array.isArray(node)) fail(fn, path, `must be an array (${arg} is ${rank}-dimensional), got ${show(node)}`);
    if (node.length !== shape[d]) {
      fail(fn, path, `has length ${node.length} but ${arg} expects ${shape[d]} here (ragged array)`);
    }
    for (let i = 0; i < node.length; i++) walk(node[i], d + 1, `${path}[${i}]`);
  };
  walk(v, 0, arg);
  return shape;
}

export const describe = show;
