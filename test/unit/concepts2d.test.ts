import { describe, expect, it } from 'vitest';
import { reference } from './conv-reference';
import { conv2d, outputSize } from '../../src/lib/conv';
import {
  assertSettings, cellStep, makeSettings, outputShape, paddedShape, receptiveField, settingsProblem,
  stepCell, stepCount, unreadCells, windowBounds,
} from '../../src/lib/concepts/conv2d-geometry';
import { CONV2D_TABLE, KERNEL_PRESETS, animationFromProps, patternGrid, patternKernel, resizeGrid } from '../../src/lib/concepts/conv2d-presets';
import { fmt } from '../../src/lib/concepts/format';
import { gridToText, parseGrid, settingsCaption, sizeFormula, stepSentence, valueSentence } from '../../src/lib/concepts/conv2d-text';
import { compute, withKernel, withNumbers, withPreset, withSetting, withSource } from '../../src/lib/concepts/conv2d-explorer';
import { explorerStateFromProps } from '../../src/lib/concepts/conv2d-explorer-props';
import { inputSvg, kernelSvg, outputSvg, windowOffset } from '../../src/lib/concepts/conv2d-svg';
import { DIGIT_SIZE, MNIST_DIGITS } from '../../src/lib/concepts/conv2d-digits';

const ref2d = reference.cases.filter((c) => c.op === 'conv2d');

describe('the table of eight configurations', () => {
  it('has the seed captions, with the input size added', () => {
    expect(CONV2D_TABLE).toHaveLength(8);
    expect(CONV2D_TABLE.map((p) => p.caption.slice(0, 4).join(' / '))).toEqual([
      'kernel size=3 / padding=0 / stride=1 / dilation=1',
      'kernel size=4 / padding=2 / stride=1 / dilation=1',
      'kernel size=3 / padding=1 / stride=1 / dilation=1',
      'kernel size=3 / padding=2 / stride=1 / dilation=1',
      'kernel size=3 / padding=0 / stride=2 / dilation=1',
      'kernel size=3 / padding=1 / stride=2 / dilation=1',
      'kernel size=3 / padding=1 / stride=2 / dilation=1',
      'kernel size=3 / padding=0 / stride=1 / dilation=2',
    ]);
    expect(CONV2D_TABLE[2].caption).toContain('(Half padding)');
    expect(CONV2D_TABLE[3].caption).toContain('(Full padding)');
    // The two identical seed captions differ by their input size.
    expect(CONV2D_TABLE[5].caption.at(-1)).toBe('input=5×5');
    expect(CONV2D_TABLE[6].caption.at(-1)).toBe('input=6×6');
  });

  it('matches the reference cases (same geometry as the PyTorch runs) and their output sizes', () => {
    CONV2D_TABLE.forEach((p, i) => {
      const ref = ref2d[i];
      expect(p.settings.input).toEqual([ref.x[0].length, ref.x[0][0].length]);
      expect(p.settings.kernel[0]).toBe(ref.w[0][0].length);
      expect([p.settings.padding[0], p.settings.stride[0], p.settings.dilation[0]]).toEqual([ref.padding, ref.stride, ref.dilation]);
      expect(outputShape(p.settings)).toEqual([ref.y[0].length, ref.y[0][0].length]);
      expect(stepCount(p.settings)).toBe(ref.y[0].length * ref.y[0][0].length);
    });
  });
});

describe('animation props', () => {
  it('takes a preset, overrides, or explicit sizes', () => {
    expect(animationFromProps({ preset: 'dilation' })).toEqual({ settings: CONV2D_TABLE[7].settings, caption: CONV2D_TABLE[7].caption });
    const wide = animationFromProps({ input: [5, 7], kernel: 3, padding: [1, 0], stride: 2 });
    expect(wide.settings).toEqual({ input: [5, 7], kernel: [3, 3], padding: [1, 0], stride: [2, 2], dilation: [1, 1] });
    expect(wide.caption).toEqual(['kernel size=3', 'padding=1×0', 'stride=2', 'dilation=1', 'input=5×7']);
    expect(animationFromProps({ preset: 'dilation', input: 9 }).caption.at(-1)).toBe('input=9×9');
    expect(animationFromProps({ preset: 'dilation', caption: 'Mine' }).caption).toEqual(['Mine']);
  });

  it('rejects bad props at build time, naming the component and the prop', () => {
    expect(() => animationFromProps({ preset: 'gif' })).toThrow('<Conv2dAnimation> prop "preset": unknown preset "gif"');
    expect(() => animationFromProps({ kernel: 3 })).toThrow('<Conv2dAnimation> prop "input": is required unless "preset" is given');
    expect(() => animationFromProps({ input: 5, kernel: [3, 3, 3] })).toThrow('<Conv2dAnimation> prop "kernel": must be a number or [rows, cols]');
    expect(() => animationFromProps({ input: 3, kernel: 3, dilation: 2 })).toThrow(/prop "input\/kernel\/padding\/stride\/dilation": No output along the rows/);
    expect(() => animationFromProps({ preset: 'dilation', caption: 3 as unknown as string })).toThrow('prop "caption"');
  });

  it('offers 3×3 filters for the digits', () => {
    expect(KERNEL_PRESETS.every((k) => k.grid.length === 3 && k.grid.every((r) => r.length === 3))).toBe(true);
  });
});

describe('geometry', () => {
  const s = makeSettings({ input: 5, kernel: 3, padding: 1, stride: 2 });

  it('uses the math core for sizes', () => {
    expect(outputShape(s)).toEqual([outputSize(5, 3, { padding: 1, stride: 2 }), outputSize(5, 3, { padding: 1, stride: 2 })]);
    expect(paddedShape(s)).toEqual([7, 7]);
    expect(outputShape(makeSettings({ input: [6, 9], kernel: [3, 2], padding: [0, 1], stride: [1, 3], dilation: [2, 1] }))).toEqual([2, 4]);
  });

  it('walks the output row by row', () => {
    expect(stepCell(s, 0)).toEqual([0, 0]);
    expect(stepCell(s, 4)).toEqual([1, 1]);
    expect(stepCell(s, 8)).toEqual([2, 2]);
    expect(cellStep(s, [2, 1])).toBe(7);
  });

  it('finds receptive fields with padding and dilation', () => {
    const rf = receptiveField(s, [0, 0]);
    expect(rf).toHaveLength(9);
    expect(rf.filter((t) => t.input === null)).toHaveLength(5); // the top row and left column are padding
    expect(rf[4]).toEqual({ kernel: [1, 1], padded: [1, 1], input: [0, 0] });
    const d = makeSettings({ input: 7, kernel: 3, dilation: 2 });
    expect(receptiveField(d, [2, 1]).map((t) => t.input)).toEqual([
      [2, 1], [2, 3], [2, 5], [4, 1], [4, 3], [4, 5], [6, 1], [6, 3], [6, 5],
    ]);
    expect(windowBounds(d, [2, 1])).toEqual({ top: 2, left: 1, bottom: 6, right: 5 });
  });

  it('marks the cells a stride skips in the odd case', () => {
    const odd = CONV2D_TABLE[6].settings; // 6×6, k3, p1, s2: the last padded row and column are never read
    expect(unreadCells(odd)).toHaveLength(8 + 7);
    expect(unreadCells(CONV2D_TABLE[5].settings)).toHaveLength(0);
  });

  it('explains invalid settings instead of drawing them', () => {
    expect(settingsProblem(makeSettings({ input: 4, kernel: 5 }))).toMatch(/No output along the rows: the dilated kernel spans 5 cells/);
    expect(settingsProblem(makeSettings({ input: 5, kernel: 3, dilation: [1, 3] }))).toMatch(/along the cols/);
    expect(settingsProblem(makeSettings({ input: 5, kernel: 3, stride: 0 }))).toBe('Stride (rows) must be a whole number from 1 to 4, got 0.');
    expect(settingsProblem(makeSettings({ input: 5, kernel: 2.5 }))).toMatch(/whole number/);
    expect(() => assertSettings(makeSettings({ input: 3, kernel: 3, dilation: 2 }))).toThrow(RangeError);
    for (const p of CONV2D_TABLE) expect(settingsProblem(p.settings)).toBeNull();
  });
});

describe('words', () => {
  it('formats numbers with a true minus sign', () => {
    expect(fmt(3, 2)).toBe('3');
    expect(fmt(-2.5, 2)).toBe('−2.5');
    expect(fmt(0.123456, 2)).toBe('0.12');
    expect(fmt(-0.0001, 2)).toBe('0');
  });

  it('fills in the size formula', () => {
    expect(sizeFormula(CONV2D_TABLE[5].settings, 0)).toBe('H_out = ⌊(n + 2p − d·(k−1) − 1) / s⌋ + 1 = ⌊(5 + 2·1 − 1·(3−1) − 1) / 2⌋ + 1 = 3');
    expect(sizeFormula(CONV2D_TABLE[7].settings, 1)).toMatch(/^W_out = .* = ⌊\(7 \+ 2·0 − 2·\(3−1\) − 1\) \/ 1⌋ \+ 1 = 3$/);
    expect(settingsCaption(CONV2D_TABLE[1].settings)).toBe('kernel size=4, padding=2, stride=1, dilation=1, input=5×5');
  });

  it('says what each step reads', () => {
    const s = CONV2D_TABLE[5].settings;
    expect(stepSentence(s, 0)).toBe('Step 1 of 9: output cell (0, 0) — the 3×3 kernel covers padded rows 0–2, columns 0–2; 5 of 9 taps fall on padding.');
    expect(stepSentence(CONV2D_TABLE[7].settings, 8)).toBe('Step 9 of 9: output cell (2, 2) — the 3×3 kernel, dilated by 2, covers padded rows 2–6, columns 2–6; all taps read the input.');
  });

  it('writes the sum of products that gives an output value', () => {
    const s = makeSettings({ input: 3, kernel: 2, padding: 1 });
    const x = [[1, 2, 3], [4, 5, 6], [7, 8, 9]];
    const w = [[1, -1], [0.5, 2]];
    const y = conv2d([x], [[w]], [1], { padding: 1 })[0];
    expect(valueSentence(s, [1, 1], x, w, 1, y[1][1])).toBe('y[1,1] = 1·1 + 2·(−1) + 4·0.5 + 5·2 + 1 = 12.');
    expect(valueSentence(s, [0, 0], x, w, 1, y[0][0])).toBe('y[0,0] = 1·2 + 1 = 3 (padding adds 0).');
    const big = makeSettings({ input: 5, kernel: 5 });
    expect(valueSentence(big, [0, 0], patternGrid(5, 5), patternKernel(5, 5), 0, 7)).toBe('y[0,0] = sum of 25 products x·w = 7.');
  });

  it('reads and writes grids as text, with clear messages', () => {
    expect(parseGrid('1 2 3\n4,5,6\n', 'input', 8)).toEqual({ ok: true, grid: [[1, 2, 3], [4, 5, 6]] });
    expect(parseGrid(gridToText([[1, -2.5]]), 'kernel', 7)).toEqual({ ok: true, grid: [[1, -2.5]] });
    expect(parseGrid('1 2\n3', 'input', 8)).toEqual({ ok: false, message: 'The input is ragged: row 2 has 1 numbers but row 1 has 2.' });
    expect(parseGrid('1 x', 'kernel', 7)).toEqual({ ok: false, message: 'The kernel, row 1, entry 2: "x" is not a number (write numbers like 2, −0.5 or 1e3).' });
    // Plain decimals only: no hexadecimal, no empty entries, nothing float32 cannot hold.
    expect(parseGrid('0x10 1', 'input', 8)).toEqual({ ok: false, message: expect.stringContaining('"0x10" is not a number') });
    expect(parseGrid('1,,2', 'input', 8)).toEqual({ ok: false, message: 'The input, row 1: entry 2 is empty (two commas in a row?).' });
    expect(parseGrid('1 1e39', 'input', 8)).toEqual({ ok: false, message: expect.stringContaining('too large: TensorFlow.js computes in 32-bit floats') });
    expect(parseGrid(Array.from({ length: 100 }, () => '1 2').join('\n'), 'input', 28)).toEqual({ ok: false, message: 'The input has 100 rows; at most 28 fit.' });
    expect(parseGrid('  ', 'input', 8).ok).toBe(false);
    expect(parseGrid('1 2 3', 'kernel', 2).ok).toBe(false);
  });
});

describe('explorer state', () => {
  it('computes with the math core, and reproduces the reference 2D cases', () => {
    ref2d.slice(0, 8).forEach((ref) => {
      const state = explorerStateFromProps({
        values: ref.x[0], weights: ref.w[0][0], bias: ref.b![0], padding: ref.padding, stride: ref.stride, dilation: ref.dilation,
      });
      const out = compute(state);
      if (!out.ok) throw new Error(out.message);
      out.y.forEach((row, i) => row.forEach((v, j) => expect(v).toBeCloseTo(ref.y[0][i][j], 4)));
    });
  });

  it('resizes grids with the settings and keeps typed values', () => {
    let st = explorerStateFromProps({ values: [[1, 2], [3, 4]], weights: [[1]] });
    st = withSetting(st, 'input', 1, 3);
    expect(st.numbers).toEqual([[1, 2, 0], [3, 4, 0]]);
    st = withSetting(st, 'kernel', 0, 2);
    expect(st.kernel.length).toBe(2);
    expect(st.kernel[0][0]).toBe(1);
    expect(compute(st).ok).toBe(true);
    expect(compute(withSetting(st, 'kernel', 0, 5))).toEqual({ ok: false, message: expect.stringMatching(/No output along the rows/) });
    const bad = withSetting(st, 'stride', 0, 0);
    expect(compute(bad)).toEqual({ ok: false, message: expect.stringMatching(/Stride \(rows\) must be a whole number from 1 to 4/) });
    expect(bad.numbers).toEqual(st.numbers);
  });

  it('lets typed grids set the sizes', () => {
    let st = explorerStateFromProps({});
    st = withNumbers(st, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]);
    st = withKernel(st, [[1, 0], [0, -1]]);
    expect(st.settings.input).toEqual([3, 3]);
    expect(st.settings.kernel).toEqual([2, 2]);
    const out = compute(st);
    expect(out.ok && out.y).toEqual([[-4, -4], [-4, -4]]);
  });

  it('switches to a real MNIST digit', () => {
    expect(MNIST_DIGITS.map((d) => d.label)).toEqual([7, 2, 1, 0, 4]);
    expect(MNIST_DIGITS.every((d) => d.pixels.length === DIGIT_SIZE * DIGIT_SIZE)).toBe(true);
    const st = withSource(explorerStateFromProps({ preset: 'same-padding-no-strides' }), 'digit', 2);
    expect(st.settings.input).toEqual([28, 28]);
    const out = compute(st);
    expect(out.ok && out.shape).toEqual([28, 28]);
    const back = withSource(st, 'numbers');
    expect(back.settings.input).toEqual([5, 5]);
  });

  it('loads a table preset', () => {
    const st = withPreset(explorerStateFromProps({ digit: 1 }), CONV2D_TABLE[7].settings);
    expect(st.source).toBe('numbers');
    expect(st.numbers).toEqual(patternGrid(7, 7));
    expect(compute(st).ok && outputShape(st.settings)).toEqual([3, 3]);
  });

  it('rejects bad props at build time, naming the component and the prop', () => {
    expect(() => explorerStateFromProps({ preset: 'nope' })).toThrow('<Conv2dExplorer> prop "preset": unknown preset "nope"');
    expect(() => explorerStateFromProps({ values: [[1, 2], [3]] })).toThrow('<Conv2dExplorer> prop "values": The input is ragged: row 2 has 1 numbers but row 1 has 2.');
    // The same words as a typed grid gets (one set of checks for props, typing and links).
    expect(() => explorerStateFromProps({ values: Array.from({ length: 30 }, () => [1]) })).toThrow('The input has 30 rows; at most 28 fit.');
    expect(parseGrid(Array(30).fill('1').join('\n'), 'input', 28)).toEqual({ ok: false, message: 'The input has 30 rows; at most 28 fit.' });
    expect(() => explorerStateFromProps({ bias: 1e39 })).toThrow('The bias b (1e+39) is too large');
    expect(() => explorerStateFromProps({ weights: [] })).toThrow('prop "weights"');
    expect(() => explorerStateFromProps({ digit: 9 })).toThrow('prop "digit"');
    expect(() => explorerStateFromProps({ input: 3, kernel: 5 })).toThrow(/<Conv2dExplorer> prop "input\/kernel\/padding\/stride\/dilation": No output/);
    expect(() => explorerStateFromProps({ input: 4, values: [[1, 2]] })).toThrow('prop "input": says 4×4 but the given grid is 1×2');
    expect(() => explorerStateFromProps({ stride: 1.5 }, 'Conv2dTable')).toThrow('<Conv2dTable> prop');
    expect(() => explorerStateFromProps({ bias: Number.NaN })).toThrow('prop "bias"');
  });

  it('keeps the pattern grids small integers', () => {
    expect(patternKernel(3, 3)).toEqual([[0, 1, 2], [2, 2, 0], [0, 1, 2]]);
    expect(patternGrid(4, 4).flat().every((v) => Number.isInteger(v) && v >= 0 && v <= 4)).toBe(true);
    expect(resizeGrid([[1, 2]], 2, 1)).toEqual([[1], [0]]);
  });
});

describe('svg', () => {
  const s = CONV2D_TABLE[6].settings;

  it('draws the padded input, the window and the output grid', () => {
    const input = inputSvg(s, { cell: 20, step: 4 });
    expect(input.match(/class="c2d-cell c2d-in/g)).toHaveLength(36);
    expect(input.match(/class="c2d-cell c2d-pad/g)).toHaveLength(64 - 36);
    expect(input.match(/c2d-rf/g)).toHaveLength(9);
    expect(input.match(/c2d-unread/g)).toHaveLength(15);
    expect(input).toContain(`transform="translate(${windowOffset(s, 4, 20).join(' ')})"`);
    expect(windowOffset(s, 4, 20)).toEqual([40, 40]);
    const output = outputSvg(s, { cell: 20, step: 4, values: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], numbers: true });
    expect(output.match(/c2d-out /g)).toHaveLength(9);
    expect(output.match(/c2d-done/g)).toHaveLength(4);
    expect(output.match(/c2d-current/g)).toHaveLength(1);
    expect(output).toContain('data-i="1" data-j="1" data-value="5"');
  });

  it('marks the kernel taps that fall on padding', () => {
    const k = kernelSvg(s, patternKernel(3, 3), { cell: 20, step: 0 });
    expect(k.match(/c2d-on-pad/g)).toHaveLength(5);
    expect(k.match(/c2d-w c2d-rf/g)).toHaveLength(4);
  });
});
