// The 1D concept modules: views agree with the math core, sentences read right, props are checked,
// the SVG has what the page needs, and every tfjs task matches.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv1d, convParamCount, outputSize } from '../../src/lib/conv';
import { concepts1d, conceptById } from '../../src/lib/concepts/registry';
import { stateFromProps } from '../../src/lib/concepts/props';
import { sceneSvg } from '../../src/lib/concepts/scene-svg';
import { runTfTasks } from '../../src/lib/concepts/tf-tasks';
import { fmt } from '../../src/lib/concepts/format';
import { parseLines, parseList } from '../../src/lib/concepts/numbers';
import { hyperLimits, type HyperState } from '../../src/lib/concepts/hyper1d';
import { multiOutValues, type MultiOutState } from '../../src/lib/concepts/multi-out';
import { activationSentence } from '../../src/lib/concepts/bias-activation';
import { maxAbsDiff, reference } from './conv-reference';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const ids = ['cross-correlation', 'fc-vs-conv', 'bias-activation', 'activation-function', 'multi-in', 'multi-out', 'padding', 'stride', 'dilation', 'max-pool'];

describe('registry', () => {
  it('has the ten 1D concept views', () => {
    expect(Object.keys(concepts1d).sort()).toEqual([...ids].sort());
  });
});

describe.each(ids)('%s', (id) => {
  const def = conceptById(id);
  const view = def.build(def.defaults());
  it('has one step per output value and a sentence for each', () => {
    const outputs = view.results[0].values.flat().length;
    expect(view.steps.length).toBe(id === 'fc-vs-conv' || id === 'activation-function' ? view.results[0].values[0].length : outputs);
    for (const s of view.steps) expect(s.sentence).toMatch(/=/);
  });
  it('draws every scene at every step as SVG', () => {
    for (let t = 0; t < view.steps.length; t++) {
      for (const scene of view.scenes) {
        const svg = sceneSvg(scene, view.steps, t, 'k', view.ariaLabel);
        expect(svg.startsWith('<svg')).toBe(true);
        expect(svg.endsWith('</svg>')).toBe(true);
        expect(svg.match(/tabindex="0"/g)?.length).toBe(1); // one focusable cell per scene: roving tabindex
        expect(svg).toContain(`data-step="${t}"`);
      }
    }
  });
  it('runs every tfjs task it shows, each giving numbers', () => {
    const outcomes = runTfTasks(tf, tfl, view.tfTasks);
    expect(outcomes.map((o) => o.key)).toEqual(view.tfTasks.map((t) => t.key));
    for (const o of outcomes) expect(o.values.flat().every(Number.isFinite), o.key).toBe(true);
  });
  it('shows the tfjs code', () => {
    expect(view.code).toMatch(/tf\./);
  });
});

// The oracle is PyTorch (shared/reference), not the math core these modules compare tfjs with.
describe('what a widget computes with TensorFlow.js equals PyTorch', () => {
  const tfValues = (id: string, state: Record<string, unknown>, length: number) => {
    const def = conceptById(id);
    const outcomes = runTfTasks(tf, tfl, def.build({ ...def.defaults(), ...state }).tfTasks);
    // The task computing the output itself: the one whose result has the output's length.
    return outcomes.find((o) => o.values.length === 1 && o.values[0].length === length)?.values;
  };
  const conv = reference.cases.filter((c) => c.op === 'conv1d' && c.x.length === 1 && c.w.length === 1);
  const pools = reference.cases.filter((c) => c.op === 'maxPool1d');
  it('the reference has single-channel conv1d and max-pool cases', () => {
    expect(conv.length).toBeGreaterThanOrEqual(4);
    expect(pools.length).toBeGreaterThanOrEqual(3);
  });
  it.each(conv.map((c, i) => [i, c] as const))('conv1d case %i, through the padding, stride and dilation widgets', (_, c) => {
    const y = [c.y[0].map((v: number) => v - c.b![0])]; // these widgets have no bias
    for (const id of ['padding', 'stride', 'dilation']) {
      const got = tfValues(id, { x: c.x[0], w: c.w[0][0], padding: c.padding, stride: c.stride, dilation: c.dilation }, y[0].length);
      expect(maxAbsDiff(got, y), id).toBeLessThan(1e-3); // the reference has 4 decimals
    }
  });
  it.each(conv.filter((c) => c.padding === 0 && c.stride === 1 && c.dilation === 1).map((c, i) => [i, c] as const))('conv1d case %i with its bias, through the cross-correlation widget', (_, c) => {
    expect(maxAbsDiff(tfValues('cross-correlation', { x: c.x[0], w: c.w[0][0], b: c.b![0] }, c.y[0].length), c.y)).toBeLessThan(1e-3);
  });
  it.each(pools.map((c, i) => [i, c] as const))('maxPool1d case %i, each channel through the max-pool widget', (_, c) => {
    c.x.forEach((row: number[], ch: number) => {
      expect(maxAbsDiff(tfValues('max-pool', { x: row, size: c.size, stride: c.stride, padding: c.padding }, c.y[ch].length), [c.y[ch]]), `channel ${ch}`).toBeLessThan(1e-6);
    });
  });
});

describe('cross-correlation', () => {
  const def = conceptById('cross-correlation');
  it('reads each output as a filled-in formula', () => {
    const view = def.build({ x: [0, 0, 1, 3, 2], w: [0.5, -1, 0.25], b: 0, showConvolution: false });
    expect(view.steps[2].sentence).toBe('y[2] = 1·0.5 + 3·(−1) + 2·0.25 = −2');
    expect(view.results[0].values).toEqual([[0.25, -0.25, -2]]); // worked by hand, not by the math core the view calls
  });
  it('adds the bias as the last term and shows true convolution on request', () => {
    const view = def.build({ x: [1, 3, 2, 0], w: [0.5, -1, 0.25], b: 1, showConvolution: true });
    expect(view.scenes.length).toBe(2);
    expect(view.steps[0].sentence).toBe('y[0] = 1·0.5 + 3·(−1) + 2·0.25 + 1 = −1; convolution: y′[0] = 1·0.25 + 3·(−1) + 2·0.5 + 1 = −0.75');
    expect(view.results[1].values).toEqual([[-0.75, -0.25]]); // the flipped kernel 0.25, −1, 0.5 plus 1, by hand
  });
  it('equals the PyTorch reference case 0', () => {
    const view = def.build({ x: [-0.15, 0.79, 0.95, -1.11, 1.69, -0.89, -0.36, 1.23], w: [0.14, -1.68, 0.32], b: 0.13, showConvolution: false });
    const ref = [-0.9142, -1.7106, 2.6686, -3.1494, 1.7466, 1.0038];
    view.results[0].values[0].forEach((v, i) => expect(v).toBeCloseTo(ref[i], 4));
  });
});

describe('the other concepts', () => {
  it('fc-vs-conv counts N_in·N_out and K', () => {
    const view = conceptById('fc-vs-conv').build({ inputs: 8, kernelSize: 3 });
    expect(view.results[1].values).toEqual([[48, 3]]);
    expect(view.facts.find((f) => f.key === 'fc')!.text).toContain('8·6 = 48');
    expect(() => conceptById('fc-vs-conv').build({ inputs: 3, kernelSize: 5 })).toThrow('The kernel does not fit in the input: it has K = 5 weights, but the input has only N = 3.');
  });
  it('bias-activation applies φ to z', () => {
    const view = conceptById('bias-activation').build({ x: [1, 3, 2, 0], w: [0.5, -1, 0.25], b: 0.5, activation: 'relu' });
    expect(view.results[0].values).toEqual([[-1.5, 0]]);
    expect(view.results[1].values).toEqual([[0, 0]]);
    expect(view.steps[0].sentence).toBe('z[0] = 1·0.5 + 3·(−1) + 2·0.25 + 0.5 = −1.5; a[0] = ReLU(−1.5) = max(−1.5, 0) = 0');
    expect(activationSentence('leakyRelu', -2)).toBe('Leaky ReLU(−2) = max(−2, 0.1·(−2)) = −0.2');
    expect(activationSentence('sigmoid', 0)).toBe('Sigmoid(0) = 1 / (1 + e^(−0)) = 0.5');
  });
  it('bias-activation without an activation (fig-conv-layer) says so, never "None(0.75)"', () => {
    const view = conceptById('bias-activation').build({ x: [1, 3, 2, 0, -1, 2, 1], w: [0.5, -1, 0.25], b: 0, activation: 'linear' });
    expect(view.steps[2].sentence).toBe('z[2] = 2·0.5 + 0·(−1) + (−1)·0.25 + 0 = 0.75; a[2] = 0.75 (no activation: a = z)');
    expect(view.results[1].label).toBe('a = z (no activation)');
    expect(JSON.stringify(view)).not.toContain('None');
  });
  it('multi-in sums one parenthesised group per channel', () => {
    const view = conceptById('multi-in').build({ x: [[1, 2], [3, 4]], w: [[1], [2]], b: 0.5 });
    expect(view.steps[1].sentence).toBe('y[1] = (2·1) + (4·2) + 0.5 = 10.5');
    expect(() => conceptById('multi-in').build({ x: [[1, 2], [3, 4]], w: [[1]], b: 0 })).toThrow(/channel mismatch/); // the math core's contract
    expect(conceptById('multi-in').check!({ x: [[1, 2], [3, 4]], w: [[1]], b: 0 })).toBe('Give one kernel line per input channel: x has 2 channels but w has 1 line.');
  });
  it('multi-out counts C_in·C_out·K + C_out and computes every output row', () => {
    const s: MultiOutState = { inChannels: 3, outChannels: 4, kernelSize: 5, length: 9 };
    const view = conceptById('multi-out').build(s);
    expect(view.results[1].values).toEqual([[convParamCount({ inChannels: 3, outChannels: 4, kernelSize: 5 })]]);
    expect(view.results[1].values).toEqual([[64]]);
    const { x, w, b } = multiOutValues(s);
    expect(view.results[0].values).toEqual(conv1d(x, w, b));
    expect(view.steps.length).toBe(4 * 5);
  });
  it('padding, stride and dilation fill in the size formula and clamp their ranges', () => {
    const s: HyperState = { x: [1, 2, 3, 4, 5, 6], w: [1, 0, -1], padding: 1, stride: 2, dilation: 2 };
    const view = conceptById('stride').build(s);
    expect(view.facts[0].text).toBe('N_out = ⌊(N + 2p − d(K−1) − 1)/s⌋ + 1 = ⌊(6 + 2·1 − 2·(3−1) − 1)/2⌋ + 1 = 2');
    expect(view.results[0].values).toEqual([[0 - 4, 2 - 6]]); // by hand: padded 0 1 2 3 4 5 6 0; windows at 0 and 2 read taps 0, 2, 4 and 2, 4, 6 with w = 1, 0, −1
    expect(view.results[0].values[0].length).toBe(outputSize(6, 3, s));
    expect(hyperLimits(s)).toEqual({ padding: { min: 0, max: 4 }, stride: { min: 1, max: 4 }, dilation: { min: 1, max: 3 } });
    expect(() => conceptById('dilation').build({ ...s, dilation: 5 })).toThrow(/conv1d: w does not fit: it spans 11 samples/); // the math core's contract
    expect(conceptById('dilation').check!({ ...s, dilation: 5 })).toBe(
      'The kernel does not fit in the padded input: its K = 3 weights at dilation d = 5 span d(K−1)+1 = 5·(3−1)+1 = 11 samples, but the padded input has only N + 2p = 6 + 2·1 = 8.',
    );
    expect(conceptById('padding').controls[0].key).toBe('padding');
    expect(conceptById('dilation').controls[0].key).toBe('dilation');
  });
  it('max-pool marks the maximum of each window', () => {
    const view = conceptById('max-pool').build({ x: [1, 3, 2, 0, -1, 2, 5, 4], size: 2, stride: 2, padding: 0 });
    expect(view.results[0].values).toEqual([[3, 2, 2, 5]]); // by hand
    expect(view.steps[0].sentence).toBe('y[0] = max(1, 3) = 3');
    const svg = sceneSvg(view.scenes[0], view.steps, 3, 'k', '');
    expect(svg.match(/is-win/g)?.length).toBe(1);
    expect(svg).toMatch(/c1d-in is-tap is-win" data-q="6"/);
    const padded = conceptById('max-pool').build({ x: [-1, -5, -2], size: 2, stride: 2, padding: 1 });
    expect(padded.steps[0].sentence).toBe('y[0] = max(−∞, −1) = −1');
  });
});

describe('props are checked at build time', () => {
  const cc = conceptById('cross-correlation');
  it('accepts good props and keeps defaults for the rest', () => {
    expect(stateFromProps(cc, { x: [1, 2, 3], caption: 'c', alt: 'a', id: 'fig', autoplay: false })).toMatchObject({ x: [1, 2, 3], w: [0.5, -1, 0.25] });
  });
  it.each([
    [{ x: 'oops' }, '<CrossCorrelation>: prop "x": Input x must be a list of numbers, got "oops"'],
    [{ w: [] }, '<CrossCorrelation>: prop "w": Kernel w needs at least 1 number, got 0'],
    [{ b: '1' }, '<CrossCorrelation>: prop "b": Bias b must be a number from −10 to 10, got "1"'],
    [{ x: Array(17).fill(1) }, '<CrossCorrelation>: prop "x": Input x may have at most 16 numbers, got 17'],
    [{ w: [1, Number.NaN] }, '<CrossCorrelation>: prop "w": Kernel w, entry 2 must be a number, got NaN'],
    [{ kernel: [1] }, /<CrossCorrelation>: unknown prop "kernel"/],
    [{ caption: 3 }, /<CrossCorrelation>: prop "caption" must be a string/],
    [{ alt: false }, /<CrossCorrelation>: prop "alt" must be a string/],
    [{ autoplay: 'no' }, /<CrossCorrelation>: prop "autoplay" must be a boolean/],
    [{ x: [1, 2], w: [1, 2, 3] }, '<CrossCorrelation>: these props do not work together: The kernel does not fit in the input: it has K = 3 weights, but the input has only N = 2.'],
  ])('rejects %j', (props, message) => {
    expect(() => stateFromProps(cc, props)).toThrow(message);
  });
  it('names the component of each concept', () => {
    expect(() => stateFromProps(conceptById('multi-out'), { inChannels: 9 })).toThrow('<MultiChannelOutput>: prop "inChannels": Input channels C_in must be a whole number from 1 to 4, got 9');
    expect(() => stateFromProps(conceptById('max-pool'), { size: 1.5 })).toThrow('<MaxPool>: prop "size": Pool size must be a whole number from 1 to 16, got 1.5');
    expect(() => stateFromProps(conceptById('bias-activation'), { activation: 'swish' })).toThrow(/<BiasActivation>: prop "activation": Activation φ must be one of relu, /);
    expect(() => stateFromProps(conceptById('multi-in'), { x: [[1, 2], [3]] })).toThrow('<MultiChannelInput>: prop "x": Input x: every line needs the same number of values (got 2, 1)');
    expect(() => stateFromProps(conceptById('activation-function'), { z: [1, 60] })).toThrow('<ActivationFunction>: prop "z": Inputs z, entry 2 must be from −50 to 50, got 60');
  });
});

describe('typed values', () => {
  it('parses vectors and rows, with a message for bad entries', () => {
    expect(parseList('1, 3 −1;2', 'x')).toEqual([1, 3, -1, 2]);
    expect(parseLines('1 2\n\n3 4\n', 'x')).toEqual([[1, 2], [3, 4]]);
    expect(() => parseList('1, a', 'Input x')).toThrow('Input x, entry 2: "a" is not a number (write numbers like 2, −0.5 or 1e3)');
    expect(() => parseList('  ', 'Input x')).toThrow('Input x needs at least one number');
    expect(fmt(-0.000001)).toBe('0');
    expect(fmt(-2.5)).toBe('−2.5');
  });
});

describe('the code each widget shows runs as written and gives the shown numbers', () => {
  // The page's code assumes the full @tensorflow/tfjs namespace: core ops plus tf.layers and tf.sequential.
  const tfAll = () => ({ ...tf, layers: tfl.layers, sequential: tfl.sequential });
  const cases: [string, Record<string, unknown>, string, string][] = [
    ['cross-correlation', { x: [1, 3, 2, 0, 4], w: [0.5, -1, 0.25], b: 0.5, showConvolution: true }, 'yConv', 'yConv'],
    ['cross-correlation', { x: [1, 3, 2, 0, 4], w: [0.5, -1, 0.25], b: 0.5, showConvolution: true }, 'y', 'y'],
    ['fc-vs-conv', { inputs: 7, kernelSize: 2 }, 'y', 'y'],
    ['bias-activation', { x: [1, 3, 2, 0], w: [0.5, -1], b: -0.5, activation: 'sigmoid' }, 'a', 'a'],
    ['activation-function', { z: [-1, 0, 2], activation: 'leakyRelu' }, 'a', 'a'],
    ['multi-in', { x: [[1, 2, 3], [0, 1, 0]], w: [[1, -1], [2, 0]], b: 0.25 }, 'y', 'y'],
    ['multi-out', { inChannels: 2, outChannels: 3, kernelSize: 2, length: 5 }, 'y', 'y'],
    ['padding', { x: [1, 3, 2, 0, -1, 2], w: [0.5, -1, 0.25], padding: 2, stride: 1, dilation: 1 }, 'y', 'y'],
    ['stride', { x: [1, 3, 2, 0, -1, 2, 5], w: [0.5, -1, 0.25], padding: 1, stride: 3, dilation: 2 }, 'y', 'y'],
    ['max-pool', { x: [1, 3, 2, 0, -1, 2, 5], size: 3, stride: 2, padding: 1 }, 'y', 'y'],
  ];
  it.each(cases)('%s → %s', (id, state, variable, resultKey) => {
    const def = conceptById(id);
    const view = def.build({ ...def.defaults(), ...state });
    const out = new Function('tf', `${view.code}\nreturn ${variable};`)(tfAll()) as tf.Tensor;
    const rank = out.rank;
    // Back to channels first: [1, N, C] → [C][N]; pooling's [1, 1, N, C] likewise; a 1D activation stays one row.
    const rows = tf.tidy(() => (rank === 1 ? tf.expandDims(out, 0) : tf.transpose(tf.reshape(out, [out.shape[rank - 2]!, out.shape[rank - 1]!]))).arraySync()) as number[][];
    const expected = view.results.find((r) => r.key === resultKey)!.values;
    const diff = Math.max(...rows.flat().map((v, i) => Math.abs(v - expected.flat()[i])));
    expect(rows.flat().length).toBe(expected.flat().length);
    expect(diff).toBeLessThan(1e-5);
    out.dispose();
  });
});
