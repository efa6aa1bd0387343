// Concept 6: padding — p zeros added at each end of the input, so the output can keep the input's length.
import { hyperConcept, type HyperState } from './hyper1d';

export const padding = hyperConcept(
  'padding',
  'Padding',
  'padding',
  (): HyperState => ({ x: [1, 3, 2, 0, -1, 2], w: [0.5, -1, 0.25], padding: 1, stride: 1, dilation: 1 }),
  (s) => ({
    key: 'explain',
    label: 'Padding',
    text: `${s.padding} zero${s.padding === 1 ? '' : 's'} at each end: the kernel sees ${s.x.length} + 2·${s.padding} = ${s.x.length + 2 * s.padding} values` +
      (s.padding === (s.w.length - 1) / 2 && s.stride === 1 && s.dilation === 1 ? ' ("same" padding: output as long as the input)' : ''),
  }),
);
