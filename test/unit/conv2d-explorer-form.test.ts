// The 2D explorer's fields (conv2d-explorer-form.ts): what each does to the state, the cell sizes and
// the sentence drawn, held against values worked out by hand.
import { describe, expect, it } from 'vitest';
import type { ExplorerState } from '../../src/lib/concepts/conv2d-explorer';
import {
  explorerCells, explorerSentence, explorerStaleNote, sameOnBothAxes, sourceOption,
  withAxisSetting, withBiasText, withGridText, withKernelPreset, withSourceOption,
} from '../../src/lib/concepts/conv2d-explorer-form';

const x = [[1, 2, 0], [0, 1, 3], [2, 2, 1]];
const w = [[1, 0], [0, -1]];
const base: ExplorerState = {
  settings: { input: [3, 3], kernel: [2, 2], padding: [0, 0], stride: [1, 1], dilation: [1, 1] },
  source: 'numbers', numbers: x, digit: 0, kernel: w, bias: 0,
};

describe('the explorer’s fields', () => {
  it('switches the input between the typed numbers and an MNIST digit (28×28)', () => {
    expect(sourceOption(base)).toBe('numbers');
    const digit = withSourceOption(base, 'digit-2');
    expect(digit.source).toBe('digit');
    expect(digit.digit).toBe(2);
    expect(digit.settings.input).toEqual([28, 28]);
    expect(sourceOption(digit)).toBe('digit-2');
    const back = withSourceOption(digit, 'numbers');
    expect(back.source).toBe('numbers');
    expect(back.settings.input).toEqual([3, 3]);
  });

  it('loads a named kernel as a copy, its size 3×3; the placeholder changes nothing', () => {
    const sharpen = withKernelPreset(base, 'sharpen')!;
    expect(sharpen.kernel).toEqual([[0, -1, 0], [-1, 5, -1], [0, -1, 0]]);
    expect(sharpen.settings.kernel).toEqual([3, 3]);
    sharpen.kernel[1][1] = 9;
    expect(withKernelPreset(base, 'sharpen')!.kernel[1][1]).toBe(5);
    expect(withKernelPreset(base, '')).toBeNull();
  });

  it('reads the bias as a plain decimal, or says why not', () => {
    expect(withBiasText(base, '−0.5')).toEqual({ ok: true, state: { ...base, bias: -0.5 } });
    expect(withBiasText(base, 'two')).toEqual({ ok: false, message: 'The bias b: "two" is not a number (write numbers like 2, −0.5 or 1e3).' });
  });

  it('sets one axis, or both while "same for rows and columns" is ticked', () => {
    expect(withAxisSetting(base, 'stride', 0, 2, false).settings.stride).toEqual([2, 1]);
    expect(withAxisSetting(base, 'stride', 1, 2, true).settings.stride).toEqual([2, 2]);
    expect(sameOnBothAxes(base.settings)).toBe(true);
    expect(sameOnBothAxes({ ...base.settings, padding: [1, 0] })).toBe(false);
  });

  it('takes a typed grid’s size as the input or kernel size', () => {
    const typed = withGridText(base, 'input', '1 2\n3 4');
    expect(typed).toEqual({ ok: true, state: { ...base, numbers: [[1, 2], [3, 4]], settings: { ...base.settings, input: [2, 2] } } });
    const kernel = withGridText(base, 'kernel', '1, 2, 3');
    expect(kernel.ok && kernel.state.settings.kernel).toEqual([1, 3]);
    expect(withGridText(base, 'kernel', '1\n2\n3\n4\n5\n6\n7\n8')).toEqual({ ok: false, message: 'The kernel has 8 rows; at most 7 fit.' });
  });
});

describe('what the explorer draws', () => {
  it('sizes numbered cells to read (16–34 units) and a digit’s pixels small (6–12)', () => {
    // 3×3 padded by 1 is 5 wide: 260/5 = 52, capped at 34; its 3×3 output: 240/3 = 80, capped at 34.
    expect(explorerCells({ ...base.settings, padding: [1, 1] }, true)).toEqual({ inputCell: 34, outputCell: 34, kernelCell: 30 });
    // 20 wide: 260/20 = 13, raised to 16; output 18 wide: 240/18 = 13.3, raised to 16.
    expect(explorerCells({ ...base.settings, input: [20, 20], kernel: [3, 3] }, true)).toEqual({ inputCell: 16, outputCell: 16, kernelCell: 30 });
    // A 28×28 digit: 300/28 = 10.7 → 10; a 3×3 kernel leaves 26: 300/26 = 11.5 → 11.
    expect(explorerCells({ ...base.settings, input: [28, 28], kernel: [3, 3] }, false)).toEqual({ inputCell: 10, outputCell: 11, kernelCell: 30 });
  });

  it('reads out the sum of products at a step', () => {
    // y[0,1] = 2·1 + 0·0 + 1·0 + 3·(−1) = −1; the output is 2×2, so 4 steps.
    const y = [[0, -1], [-2, 2]];
    const sentence = explorerSentence(base, 1, x, y);
    expect(sentence.startsWith('Step 2 of 4: y[0,1] = ')).toBe(true);
    expect(sentence.endsWith(' = −1.')).toBe(true);
    expect(explorerSentence(base, 9, x, y)).toBe('');
  });

  it('says when a copy holds the settings last drawn', () => {
    expect(explorerStaleNote(false)).toBe('');
    expect(explorerStaleNote(true)).toBe(' (the settings last drawn, not the edit with a problem)');
  });
});
