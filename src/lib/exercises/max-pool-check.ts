// The max-pooling exercise's check (1D windows, stride defaulting to the size).
import { conv1d, maxPool1d } from '../conv';
import type { CodeCheck } from './types';
import { checkFunction, formatValue } from './function-check';
import { Inputs } from './hidden-inputs';

const fmt = formatValue;

export const maxPool: CodeCheck = (ctx) => {
  const r = new Inputs(707);
  const cases: { x: number[]; size: number; stride?: number }[] = [
    { x: [1, 5, 2, 2, 7, 0, 3], size: 2 },
    { x: [1, 5, 2, 2, 7, 0, 3], size: 3, stride: 2 },
  ];
  while (cases.length < 13) {
    const size = r.int(1, 3);
    const n = r.int(size, 10);
    cases.push(cases.length % 3 === 0 ? { x: r.vector(n, true), size } : { x: r.vector(n), size, stride: r.int(1, 3) });
  }
  cases.push({ x: [-3, -1, -2, -5], size: 2 }); // all negative: a running max that starts at 0 fails here
  const pool = (x: number[], size: number, stride?: number) => maxPool1d([x], { size, stride })[0];
  return checkFunction(ctx, {
    name: 'maxPool',
    signature: 'maxPool(x, size, stride = size)',
    cases,
    call: (fn, { x, size, stride }) => (stride === undefined ? fn(x, size) : fn(x, size, stride)),
    expected: ({ x, size, stride }) => pool(x, size, stride),
    show: ({ x, size, stride }) => `x = ${fmt(x)}, size = ${size}${stride === undefined ? ' (stride not given)' : `, stride = ${stride}`}`,
    known: [
      {
        result: ({ x, size, stride }) => conv1d([x], [[Array(size).fill(1 / size)]], null, { stride: stride ?? size })[0],
        say: 'These are the averages of the windows: max pooling keeps the largest value of each window.',
      },
      { result: ({ x, size }) => pool(x, size, 1), say: 'The windows move one sample at a time: they should move by the stride, which defaults to the size.' },
      { result: ({ x, size, stride }) => pool(x, size, stride).map((v) => Math.max(v, 0)), say: 'Start the running maximum at the first value of the window (or −Infinity), not at 0: all the values can be negative.' },
    ],
  });
};
