// Concept 8: dilation — the kernel taps every d-th input, spanning d(K−1)+1 inputs with K weights.
import { receptiveSpan } from '../conv';
import { hyperConcept, type HyperState } from './hyper1d';

export const dilation = hyperConcept(
  'dilation',
  'Dilation',
  'dilation',
  (): HyperState => ({ x: [1, 3, 2, 0, -1, 2, 1, -2, 0], w: [0.5, -1, 0.25], padding: 0, stride: 1, dilation: 2 }),
  (s) => ({
    key: 'explain',
    label: 'Dilation',
    text: `taps ${s.dilation} apart: ${s.w.length} weights span d(K−1)+1 = ${s.dilation}·(${s.w.length}−1)+1 = ${receptiveSpan(s.w.length, s.dilation)} inputs`,
  }),
);
