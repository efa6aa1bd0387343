// The URL codec: every concept widget's settings (and animation step) round-trip exactly through a link
// keyed by the widget's id; a link's values are checked like typed values.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ExplorerState } from '../../src/lib/concepts/conv2d-explorer';
import { explorerStateFromProps } from '../../src/lib/concepts/conv2d-explorer-props';
import { stepCount } from '../../src/lib/concepts/conv2d-geometry';
import { tryBuild } from '../../src/lib/concepts/fields';
import { concepts1d, conceptById } from '../../src/lib/concepts/registry';
import { conceptLinkSettings, conceptStateFromLink, linkedSettings, linkSearch } from '../../src/lib/concepts/url-state';
import { animationStepFromLink, explorerLinkSettings, explorerStateFromLink } from '../../src/lib/concepts/conv2d-link';
import { anyNumber, stateOf } from './concepts-arbitrary';

/** What a browser does with a copied link: the query part, as location.search. */
const searchOf = (link: string) => new URL(link, 'https://example.org/cnn-course/lectures/10-cnn/').search;
const hashOf = (link: string) => new URL(link, 'https://example.org/').hash;

describe('link format', () => {
  it('keys each setting by widget id, keeps lists readable and names the widget in the hash', () => {
    const link = linkSearch('fig-stride', [['stride', '3'], ['x', '1,-2.5,3'], ['w', '1,2;3,4']]);
    expect(link).toBe('?fig-stride.stride=3&fig-stride.x=1,-2.5,3&fig-stride.w=1,2;3,4#fig-stride');
    expect(hashOf(link)).toBe('#fig-stride');
    expect(linkedSettings(searchOf(link), 'fig-stride')).toEqual([['stride', '3'], ['x', '1,-2.5,3'], ['w', '1,2;3,4']]);
    // Other widgets' settings in the same URL are theirs.
    expect(linkedSettings('?fig-stride.stride=3&fig-padding.padding=2&other=1', 'fig-padding')).toEqual([['padding', '2']]);
    expect(linkedSettings('?a.b.stride=2', 'a.b')).toEqual([['stride', '2']]);
  });
});

describe.each(Object.values(concepts1d).map((d) => [d.id, d] as const))('%s: a link restores the widget exactly', (_, def) => {
  it('settings and step round-trip through the URL', () => {
    fc.assert(
      fc.property(stateOf(def), fc.nat(), (state, n) => {
        const built = tryBuild(def, state);
        if (!built.ok) throw new Error(built.message);
        const step = n % built.value.steps.length;
        const link = linkSearch('fig-x', conceptLinkSettings(def, state, step));
        const back = conceptStateFromLink(def, def.defaults(), linkedSettings(searchOf(link), 'fig-x'));
        expect(back).toMatchObject({ ok: true, state, step });
      }),
      { numRuns: 40 },
    );
  });
});

describe('a link’s values are checked like typed values', () => {
  const stride = conceptById('stride');
  it.each([
    [[['stride', '17']], 'Stride s must be a whole number from 1 to 8, got 17'],
    [[['x', '0x10, 1']], 'Input x, entry 1: "0x10" is not a number (write numbers like 2, −0.5 or 1e3)'],
    [[['x', '1,,2']], 'Input x: entry 2 is empty (two commas in a row?)'],
    [[['w', '1,2,3,4,5,6,7,8,9,10']], 'Kernel w may have at most 8 numbers, got 10'],
    [[['x', '1,2,3'], ['w', '1,2,3,4']], 'The kernel does not fit in the input: it has K = 4 weights, but the input has only N = 3'],
    [[['step', '9']], 'Window step must be a whole number from 1 to 4, got 9'],
    [[['kernelSize', '3']], 'it sets "kernelSize", which this widget does not have (it has x, w, padding, stride, dilation, step)'],
  ])('%j', (settings, message) => {
    const r = conceptStateFromLink(stride, stride.defaults(), settings as [string, string][]);
    expect(r).toEqual({ ok: false, message: `This link’s settings were not applied: ${message}. The widget shows its starting settings.` });
  });
  it('applies all of a link or none of it', () => {
    expect(conceptStateFromLink(stride, stride.defaults(), [['padding', '2'], ['stride', 'x']]).ok).toBe(false);
    expect(conceptStateFromLink(stride, stride.defaults(), [['padding', '2']])).toMatchObject({ ok: true, state: { ...stride.defaults(), padding: 2 }, step: 0 });
  });
  it('reads channels separated by ";"', () => {
    const multi = conceptById('multi-in');
    expect(conceptStateFromLink(multi, multi.defaults(), [['x', '1,2,3;4,5,6'], ['w', '1;-1'], ['b', '0.5']])).toMatchObject({
      ok: true,
      state: { x: [[1, 2, 3], [4, 5, 6]], w: [[1], [-1]], b: 0.5 },
    });
  });
});

describe('the 2D explorer', () => {
  const grid = (rows: number, cols: number) => fc.array(fc.array(anyNumber(), { minLength: cols, maxLength: cols }), { minLength: rows, maxLength: rows });
  const pair = (min: number, max: number) => fc.tuple(fc.integer({ min, max }), fc.integer({ min, max }));
  const explorerState = fc
    .record({
      size: pair(1, 28), ksize: pair(1, 7), padding: pair(0, 6), stride: pair(1, 4), dilation: pair(1, 4),
      bias: anyNumber(), digit: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
    })
    .chain((r) => fc.tuple(fc.constant(r), grid(r.size[0], r.size[1]), grid(r.ksize[0], r.ksize[1])))
    .map(([r, values, weights]) => {
      try {
        return explorerStateFromProps({ ...(r.digit === undefined ? { values } : { digit: r.digit }), weights, padding: r.padding, stride: r.stride, dilation: r.dilation, bias: r.bias });
      } catch {
        return null; // settings that do not fit: not a state the explorer can be in
      }
    })
    .filter((s): s is ExplorerState => s !== null);

  it('settings, grids, bias, digit and step round-trip through the URL', () => {
    fc.assert(
      fc.property(explorerState, fc.nat(), (state, n) => {
        const step = n % stepCount(state.settings);
        const link = linkSearch('fig-explorer', explorerLinkSettings(state, step));
        const base = explorerStateFromProps({});
        const back = explorerStateFromLink(base, linkedSettings(searchOf(link), 'fig-explorer'));
        if (!back.ok) throw new Error(back.message);
        expect(back.step).toBe(step);
        expect(back.state.settings).toEqual(state.settings);
        expect(back.state.kernel).toEqual(state.kernel);
        expect(back.state.bias).toBe(state.bias);
        expect(back.state.source).toBe(state.source);
        if (state.source === 'digit') expect(back.state.digit).toBe(state.digit);
        else expect(back.state.numbers).toEqual(state.numbers);
      }),
      { numRuns: 60 },
    );
  });

  it('checks a link like the props and typed grids, with the same words', () => {
    const base = explorerStateFromProps({});
    const refused = (m: string) => ({ ok: false, message: `This link’s settings were not applied: ${m}. The widget shows its starting settings.` });
    expect(explorerStateFromLink(base, [['values', Array(100).fill('1,2').join(';')]])).toEqual(refused('The input has 100 rows; at most 28 fit'));
    expect(explorerStateFromLink(base, [['stride', '5']])).toEqual(refused('Stride (rows) must be a whole number from 1 to 4, got 5'));
    expect(explorerStateFromLink(base, [['bias', '1e39']])).toEqual(refused('The bias b (1e+39) is too large: TensorFlow.js computes in 32-bit floats, which hold numbers up to about ±3.4·10³⁸'));
    expect(explorerStateFromLink(base, [['digit', '7']])).toEqual(refused('The digit must be a whole number from 0 to 4, got 7'));
    expect(explorerStateFromLink(base, [['weights', '1,2;3']])).toEqual(refused('The kernel is ragged: row 2 has 1 numbers but row 1 has 2'));
    expect(explorerStateFromLink(base, [['step', '0']])).toEqual(refused('Window step must be a whole number from 1 to 4, got 0'));
    expect(explorerStateFromLink(base, [['padding', '1,2'], ['stride', '2,1']])).toMatchObject({ ok: true, state: { settings: { padding: [1, 2], stride: [2, 1] } } });
  });
});

describe('a 2D animation', () => {
  it('keeps its step in the link', () => {
    expect(animationStepFromLink([['step', '5']], 9)).toEqual({ ok: true, step: 4 });
    expect(animationStepFromLink([], 9)).toEqual({ ok: true, step: 0 });
    expect(animationStepFromLink([['step', '10']], 9).ok).toBe(false);
    expect(animationStepFromLink([['padding', '1']], 9)).toEqual({
      ok: false,
      message: 'This link’s settings were not applied: it sets "padding", which this animation does not have (it has step). The widget shows its starting settings.',
    });
  });
});
