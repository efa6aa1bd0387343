// Padding, stride and dilation share one widget: x, w and all three sliders, the output-size formula
// filled in live. Each concept (padding.ts, stride.ts, dilation.ts) sets its defaults and puts its own
// slider first.
import { outputSize, receptiveSpan } from '../conv';
import { conv1dCall } from '../conv/tf-call';
import type { ConceptDef, ConceptState, ControlSpec, Fact, View } from './concept-types';
import { kernelFitProblem } from './fit';
import { convSlide } from './slide';

export type HyperKey = 'padding' | 'stride' | 'dilation';

export interface HyperState extends ConceptState {
  x: number[];
  w: number[];
  padding: number;
  stride: number;
  dilation: number;
}

const SLIDERS: Record<HyperKey, ControlSpec> = {
  padding: { kind: 'int', key: 'padding', label: 'Padding p' },
  stride: { kind: 'int', key: 'stride', label: 'Stride s' },
  dilation: { kind: 'int', key: 'dilation', label: 'Dilation d' },
};

/**
 * Slider ranges that keep the drawing meaningful: the kernel fits, and each step changes something. They can
 * exceed the props' limits (stride up to 17 at d = 4, p = 8); controlRange keeps the sliders within them.
 */
export function hyperLimits(s: HyperState): View['limits'] {
  const n = s.x.length;
  const k = s.w.length;
  const span = receptiveSpan(k, s.dilation);
  return {
    padding: { min: 0, max: Math.max(0, span - 1) },
    stride: { min: 1, max: Math.max(1, n + 2 * s.padding - span + 1) },
    dilation: { min: 1, max: k > 1 ? Math.max(1, Math.floor((n + 2 * s.padding - 1) / (k - 1))) : 1 },
  };
}

export function sizeFormulaFact(s: HyperState): Fact {
  const n = s.x.length;
  const k = s.w.length;
  const out = outputSize(n, k, s);
  return {
    key: 'size',
    label: 'Output size',
    text: `N_out = ⌊(N + 2p − d(K−1) − 1)/s⌋ + 1 = ⌊(${n} + 2·${s.padding} − ${s.dilation}·(${k}−1) − 1)/${s.stride}⌋ + 1 = ${out}`,
  };
}

export function hyperConcept(id: string, component: string, focus: HyperKey, defaults: () => HyperState, explain: (s: HyperState) => Fact): ConceptDef {
  const order: HyperKey[] = [focus, ...(['padding', 'stride', 'dilation'] as HyperKey[]).filter((k) => k !== focus)];
  return {
    id,
    component,
    props: {
      x: { type: 'vector', minLength: 1, maxLength: 16, doc: 'the input x, one number per position' },
      w: { type: 'vector', minLength: 1, maxLength: 8, doc: 'the kernel w, one weight per tap' },
      padding: { type: 'int', min: 0, max: 8, doc: 'zeros added at each end of the input (p)' },
      stride: { type: 'int', min: 1, max: 8, doc: 'how far the window moves per output (s)' },
      dilation: { type: 'int', min: 1, max: 8, doc: 'the spacing of the kernel taps (d; 1 is no gap)' },
    },
    controls: [...order.map((k) => SLIDERS[k]), { kind: 'vector', key: 'x', label: 'Input x' }, { kind: 'vector', key: 'w', label: 'Kernel w' }],
    defaults,
    check(state) {
      const s = state as HyperState;
      return kernelFitProblem(s.x.length, s.w.length, s.padding, s.dilation);
    },
    build(state): View {
      const s = state as HyperState;
      const opts = { padding: s.padding, stride: s.stride, dilation: s.dilation };
      const { scene, steps, y } = convSlide({ x: [s.x], w: [[s.w]], b: null, ...opts });
      return {
        ariaLabel: `Convolution of ${s.x.length} inputs with a kernel of ${s.w.length}, padding ${s.padding}, stride ${s.stride}, dilation ${s.dilation}: ${y[0].length} outputs`,
        scenes: [scene],
        steps,
        facts: [sizeFormulaFact(s), explain(s)],
        results: [{ key: 'y', label: 'y', values: y }],
        tfTasks: [{ key: 'y', label: 'y', op: 'conv1d', x: [s.x], w: [[s.w]], b: null, ...opts, expected: y }],
        code: conv1dCall([s.x], [[s.w]], null, opts),
        limits: hyperLimits(s),
      };
    },
  };
}
