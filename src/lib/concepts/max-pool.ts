// Concept 9: max pooling — each output is the largest value in its window; no parameters.
import { outputSize } from '../conv';
import { maxPool1dCall } from '../conv/tf-call';
import type { ConceptDef, ConceptState, View } from './concept-types';
import { poolProblem } from './fit';
import { poolSlide } from './slide';

export interface MaxPoolState extends ConceptState {
  x: number[];
  size: number;
  stride: number;
  padding: number;
}

export const maxPool: ConceptDef = {
  id: 'max-pool',
  component: 'MaxPool',
  props: {
    x: { type: 'vector', minLength: 1, maxLength: 16, doc: 'the input x' },
    size: { type: 'int', min: 1, max: 16, doc: 'the pooling window size' },
    stride: { type: 'int', min: 1, max: 16, doc: 'how far the window moves per output' },
    padding: { type: 'int', min: 0, max: 8, doc: '−∞ added at each end (at most size/2)' },
  },
  controls: [
    { kind: 'int', key: 'size', label: 'Pool size' },
    { kind: 'int', key: 'stride', label: 'Stride s' },
    { kind: 'int', key: 'padding', label: 'Padding p (−∞)', name: 'Padding p' },
    { kind: 'vector', key: 'x', label: 'Input x' },
  ],
  defaults: (): MaxPoolState => ({ x: [1, 3, 2, 0, -1, 2, 5, 4], size: 2, stride: 2, padding: 0 }),
  check: (state) => poolProblem((state as MaxPoolState).x.length, (state as MaxPoolState).size, (state as MaxPoolState).padding),
  build(state): View {
    const s = state as MaxPoolState;
    const { scene, steps, y } = poolSlide([s.x], s.size, s.stride, s.padding);
    const n = s.x.length;
    const out = outputSize(n, s.size, { padding: s.padding, stride: s.stride });
    return {
      ariaLabel: `Max pooling of ${n} inputs with size ${s.size} and stride ${s.stride}: ${out} outputs`,
      scenes: [scene],
      steps,
      facts: [
        { key: 'size', label: 'Output size', text: `N_out = ⌊(N + 2p − size)/s⌋ + 1 = ⌊(${n} + 2·${s.padding} − ${s.size})/${s.stride}⌋ + 1 = ${out}` },
        { key: 'params', label: 'Parameters', text: 'none: the layer only compares values' },
      ],
      results: [{ key: 'y', label: 'y', values: y }],
      tfTasks: [{ key: 'y', label: 'y', op: 'maxPool1d', x: [s.x], size: s.size, stride: s.stride, padding: s.padding, expected: y }],
      code: maxPool1dCall([s.x], { size: s.size, stride: s.stride, padding: s.padding }),
      limits: {
        size: { min: 1, max: n + 2 * s.padding },
        stride: { min: 1, max: Math.max(1, n) },
        padding: { min: 0, max: Math.floor(s.size / 2) },
      },
    };
  },
};
