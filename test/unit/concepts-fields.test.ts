// The one validation path of the concept widgets: props, typed text, sliders and links meet the same
// limits with the same messages, in the course's words; parsing is strict; no reachable slider value
// is refused silently; tfjs is held to float32 rounding, not to a fixed 1e-4.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import * as tfl from '@tensorflow/tfjs-layers';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { controlRange, fieldProblem, readField, tryBuild } from '../../src/lib/concepts/fields';
import { stateFromProps } from '../../src/lib/concepts/props';
import { concepts1d, conceptById } from '../../src/lib/concepts/registry';
import { runTfTasks, summarize } from '../../src/lib/concepts/tf-tasks';
import { compareFloat32, comparisonText } from '../../src/lib/concepts/tf-compare';
import { conceptStateFromLink } from '../../src/lib/concepts/url-state';
import { parseList, parseNumber } from '../../src/lib/concepts/numbers';
import type { ConceptDef } from '../../src/lib/concepts/concept-types';
import { stateOf } from './concepts-arbitrary';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const defs = Object.values(concepts1d);
/** Argument names of the math core and the modules: never in a message a student reads. */
const CODE_NAMES = /\b(conv1d|maxPool1d|outputSize|planConv1d|kernelSize|inChannels|outChannels|showConvolution|RangeError)\b|^\w+: /;

/** The message a setting gets as a prop, typed into its field, and in a link: they must be one. */
function threeWays(def: ConceptDef, key: string, typed: string, prop: unknown): [string | null, string | null, string | null] {
  let asProp: string | null = null;
  try {
    stateFromProps(def, { [key]: prop });
  } catch (e) {
    asProp = (e as Error).message.replace(`<${def.component}>: prop "${key}": `, '');
  }
  const read = readField(def, key, typed);
  const link = conceptStateFromLink(def, def.defaults(), [[key, def.props[key].type === 'rows' ? typed.replace(/\n/g, ';') : typed]]);
  const asLink = link.ok ? null : link.message.replace(/^This link’s settings were not applied: /, '').replace(/\. The widget shows its starting settings\.$/, '');
  return [asProp, read.ok ? null : read.message, asLink];
}

/** The concept widgets with no number controls (only lists and switches). */
const WITHOUT_SLIDERS = ['activation-function'];

describe('one validation path: props, typed values and links', () => {
  const cases: [string, string, string, unknown][] = [
    ['stride', 'stride', '17', 17],
    ['stride', 'stride', '0', 0],
    ['stride', 'stride', '1.5', 1.5],
    ['dilation', 'padding', '9', 9],
    ['cross-correlation', 'b', '11', 11],
    ['cross-correlation', 'b', '-10.5', -10.5],
    ['cross-correlation', 'x', Array(17).fill(1).join(', '), Array(17).fill(1)],
    ['cross-correlation', 'w', Array(10_000).fill(2).join(', '), Array(10_000).fill(2)],
    ['activation-function', 'z', '1, 60', [1, 60]],
    ['multi-in', 'x', Array(5).fill('1, 2').join('\n'), Array(5).fill([1, 2])],
    ['multi-in', 'x', '1, 2\n3', [[1, 2], [3]]],
    ['multi-out', 'kernelSize', '7', 7],
    ['max-pool', 'size', '17', 17],
    ['fc-vs-conv', 'inputs', '1', 1],
  ];
  it.each(cases)('%s.%s = %s: the same message three ways', (id, key, typed, prop) => {
    const def = conceptById(id);
    const [asProp, asTyped, asLink] = threeWays(def, key, typed, prop);
    expect(asTyped).not.toBeNull();
    expect(asProp).toBe(asTyped);
    expect(asLink).toBe(asTyped);
    expect(asTyped).not.toMatch(CODE_NAMES);
  });

  it('says what is wrong in the course’s words', () => {
    const stride = conceptById('stride');
    expect(readField(stride, 'stride', '17')).toEqual({ ok: false, message: 'Stride s must be a whole number from 1 to 8, got 17' });
    expect(readField(stride, 'stride', '')).toEqual({ ok: false, message: 'Stride s must be a whole number from 1 to 8, got nothing' });
    expect(readField(stride, 'x', Array(10_000).fill('1').join(','))).toEqual({ ok: false, message: 'Input x may have at most 16 numbers, got 10,000' });
    const tooFar = { x: [1, 2, 3], w: [1, 2, 3, 4], padding: 0, stride: 1, dilation: 1 };
    expect(tryBuild(stride, tooFar)).toEqual({ ok: false, message: 'The kernel does not fit in the input: it has K = 4 weights, but the input has only N = 3.' });
    const pool = conceptById('max-pool');
    expect(tryBuild(pool, { x: [1, 2, 3, 4], size: 2, stride: 2, padding: 2 })).toEqual({
      ok: false,
      message: 'Padding p may be at most half the pool size (⌊2/2⌋ = 1), got 2: more would let a window hold nothing but padding.',
    });
    expect(fieldProblem(stride, 'nope', 1)).toBe('Stride has no setting "nope" (it has x, w, padding, stride, dilation)');
  });
});

describe('typed numbers are plain decimals', () => {
  it.each([
    ['0x10', 'Input x, entry 1: "0x10" is not a number (write numbers like 2, −0.5 or 1e3)'],
    ['1,,2', 'Input x: entry 2 is empty (two commas in a row?)'],
    [', 1', 'Input x: entry 1 is empty (two commas in a row?)'],
    ['Infinity', 'Input x, entry 1: "Infinity" is not a number (write numbers like 2, −0.5 or 1e3)'],
    ['1, NaN', 'Input x, entry 2: "NaN" is not a number (write numbers like 2, −0.5 or 1e3)'],
    ['1e308', 'Input x, entry 1 (1e+308) is too large: TensorFlow.js computes in 32-bit floats, which hold numbers up to about ±3.4·10³⁸'],
    ['1e999', 'Input x, entry 1 (∞) is too large: TensorFlow.js computes in 32-bit floats, which hold numbers up to about ±3.4·10³⁸'],
    ['1, 1e-45', 'Input x, entry 2 (1e-45) is too small: TensorFlow.js computes in 32-bit floats, which hold numbers down to about 1.2·10⁻³⁸ (write 0 instead)'],
    ['', 'Input x needs at least one number'],
  ])('%j is refused', (text, message) => {
    expect(() => parseList(text, 'Input x')).toThrow(message);
  });
  it('accepts what students write', () => {
    expect(parseList('1, 3 −1;2, ', 'x')).toEqual([1, 3, -1, 2]); // a trailing comma while typing the next
    expect(parseList('.5 -2. +3 1e3 2E-2 −0', 'x')).toEqual([0.5, -2, 3, 1000, 0.02, 0]);
    expect(Object.is(parseNumber('-0', 'x'), 0)).toBe(true);
    expect(parseNumber(' 3.4e38 ', 'x')).toBe(3.4e38);
  });
  it('never throws anything but a message, whatever is typed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...defs), fc.string({ maxLength: 40 }), (def, text) => {
        for (const key of Object.keys(def.props)) {
          const r = readField(def, key, text);
          if (!r.ok) expect(r.message).not.toMatch(CODE_NAMES);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('sliders stay within the props’ limits, and every value they reach works or says why', () => {
  it('the Dilation widget at d = 4, p = 8 offers strides up to 8, not 17', () => {
    const def = conceptById('dilation');
    const state = { x: [1, 3, 2, 0, -1, 2, 1, -2, 0], w: [0.5, -1, 0.25], padding: 8, stride: 1, dilation: 4 };
    const built = tryBuild(def, state);
    if (!built.ok) throw new Error(built.message);
    expect(built.value.limits.stride.max).toBe(17); // the useful range …
    expect(controlRange(def, built.value, state, 'stride')).toEqual({ min: 1, max: 8 }); // … within the prop's
  });
  it('a slider includes the current value, so it never shows another', () => {
    const def = conceptById('stride');
    const state = { x: [1, 2, 3, 4, 5, 6, 7, 8, 9], w: [1, 2, 3], padding: 0, stride: 8, dilation: 1 };
    const built = tryBuild(def, state);
    if (!built.ok) throw new Error(built.message);
    expect(built.value.limits.stride.max).toBe(7);
    expect(controlRange(def, built.value, state, 'stride')).toEqual({ min: 1, max: 8 });
  });
  const numericControls = (def: (typeof defs)[number]) => def.controls.filter((c) => c.kind === 'int' || c.kind === 'number');
  const withSliders = defs.filter((d) => numericControls(d).length > 0);
  it('every widget but those listed has number controls', () => {
    expect(defs.filter((d) => !withSliders.includes(d)).map((d) => d.id).sort()).toEqual(WITHOUT_SLIDERS);
  });
  it.each(withSliders.map((d) => [d.id, d] as const))('%s: every slider position, from any valid state', (_, def) => {
    const numeric = numericControls(def);
    fc.assert(
      fc.property(stateOf(def), (state) => {
        const built = tryBuild(def, state);
        if (!built.ok) throw new Error(built.message);
        for (const c of numeric) {
          const t = def.props[c.key] as { min: number; max: number };
          const { min, max } = controlRange(def, built.value, state, c.key);
          expect(min).toBeGreaterThanOrEqual(t.min);
          expect(max).toBeLessThanOrEqual(t.max);
          const step = c.kind === 'number' ? c.step : 1;
          for (const v of [min, max, Math.round((min + max) / 2 / step) * step]) {
            const read = readField(def, c.key, String(v));
            expect(read.ok, `${c.key} = ${v}`).toBe(true);
            const next = tryBuild(def, { ...state, [c.key]: v });
            if (!next.ok) expect(next.message).not.toMatch(CODE_NAMES);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('tfjs against the math core: float32 rounding allowed, nothing more', () => {
  const run = (id: string, state: Record<string, unknown>) => {
    const def = conceptById(id);
    const built = tryBuild(def, { ...def.defaults(), ...state });
    if (!built.ok) throw new Error(built.message);
    return summarize(runTfTasks(tf, tfl, built.value.tfTasks));
  };
  it('kernel 1e9, −1, 0.25 is no disagreement (float32 rounds 1e9 − 2.5 to 1e9)', () => {
    const c = run('cross-correlation', { w: [1e9, -1, 0.25] });
    expect(c.maxDiff).toBe(2.5);
    expect(c.matches).toBe(true);
    expect(comparisonText(c)).toMatch(/^equal to the math core within 32-bit float rounding \(largest difference 2\.5, allowed /);
  });
  it('values float32 cannot hold are refused before tfjs sees them', () => {
    expect(readField(conceptById('cross-correlation'), 'w', '1e308, -1')).toEqual({
      ok: false,
      message: 'Kernel w, entry 1 (1e+308) is too large: TensorFlow.js computes in 32-bit floats, which hold numbers up to about ±3.4·10³⁸',
    });
  });
  it('results beyond float32 say so, and are not called a disagreement', () => {
    const c = run('cross-correlation', { x: [1e30, 1e30, 1], w: [1e30, 1] });
    expect(c.overflow).toBe(true);
    expect(c.matches).toBe(false);
    expect(comparisonText(c)).toMatch(/larger than 32-bit floats hold/);
    expect(comparisonText(c)).not.toMatch(/NaN|disagrees/);
  });
  it('still catches a real disagreement', () => {
    const expected = [[1, -2, 3.5]];
    const scale = [[3, 4, 5]];
    expect(compareFloat32([[1, -2, 3.5]], expected, scale, 4).matches).toBe(true);
    expect(compareFloat32([[1, -2, 3.5 + 1e-3]], expected, scale, 4).matches).toBe(false);
    expect(compareFloat32([[1, -2]], expected, scale, 4).matches).toBe(false);
    expect(compareFloat32([[1, -2, Number.NaN]], expected, scale, 4)).toMatchObject({ matches: false, maxDiff: Infinity });
    expect(comparisonText(compareFloat32([[1, -2, 3.6]], expected, scale, 4))).toMatch(/^TensorFlow\.js disagrees with the math core \(largest difference 0\.1, more than the /);
  });
  it('every concept agrees with tfjs on random settings, large values included', () => {
    fc.assert(
      fc.property(fc.constantFrom(...defs).chain((def) => stateOf(def).map((s) => [def, s] as const)), ([def, state]) => {
        const built = tryBuild(def, state);
        if (!built.ok) throw new Error(built.message);
        const c = summarize(runTfTasks(tf, tfl, built.value.tfTasks));
        expect(c.matches || c.overflow, `${def.id} ${JSON.stringify(state)}: ${comparisonText(c)}`).toBe(true);
      }),
      { numRuns: 80 },
    );
  });
});
