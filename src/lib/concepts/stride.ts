// Concept 7: stride — keep only every s-th output: the window jumps s inputs per step.
import { hyperConcept, type HyperState } from './hyper1d';

export const stride = hyperConcept(
  'stride',
  'Stride',
  'stride',
  (): HyperState => ({ x: [1, 3, 2, 0, -1, 2, 1, -2, 0], w: [0.5, -1, 0.25], padding: 0, stride: 2, dilation: 1 }),
  (s) => ({
    key: 'explain',
    label: 'Stride',
    text: `the window moves ${s.stride} input${s.stride === 1 ? '' : 's'} per output: output n starts at input n·${s.stride}${s.padding ? ` − ${s.padding}` : ''}`,
  }),
);
