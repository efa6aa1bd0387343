// What each field of the 2D convolution explorer (<conv2d-explorer>) does to its state, and what the
// explorer draws for a state: the grids' cell sizes, the sentence at a step, the note on a stale copy.
// DOM-free; the state transitions themselves are conv2d-explorer.ts's.
import { withKernel, withNumbers, withSetting, withSource, type ExplorerState } from './conv2d-explorer';
import { LIMITS, outputShape, paddedShape, SETTING_NAMES, stepCell, stepCount, type Conv2dSettings, type SettingName } from './conv2d-geometry';
import { KERNEL_PRESETS } from './conv2d-presets';
import { cellSizeFor } from './conv2d-svg';
import { parseGrid, valueSentence } from './conv2d-text';
import { parseNumber } from './numbers';

export type FieldEdit = { ok: true; state: ExplorerState } | { ok: false; message: string };

/** The Input select's option for this state: "numbers" or "digit-{index}". */
export const sourceOption = (state: ExplorerState): string => (state.source === 'digit' ? `digit-${state.digit}` : 'numbers');

/** The Input select changed to `option` (see sourceOption). */
export function withSourceOption(state: ExplorerState, option: string): ExplorerState {
  return option === 'numbers' ? withSource(state, 'numbers') : withSource(state, 'digit', Number(option.slice('digit-'.length)));
}

/** The Kernel select picked a named 3×3 filter (a copy of its grid); null for the select's first, empty option ("— a 3×3 filter —"). */
export function withKernelPreset(state: ExplorerState, id: string): ExplorerState | null {
  const k = KERNEL_PRESETS.find((p) => p.id === id);
  return k ? withKernel(state, k.grid.map((row) => [...row])) : null;
}

/** The bias field's text, read as a plain decimal. */
export function withBiasText(state: ExplorerState, text: string): FieldEdit {
  try {
    return { ok: true, state: { ...state, bias: parseNumber(text, 'The bias b') } };
  } catch (err) {
    return { ok: false, message: `${(err as Error).message}.` };
  }
}

/** A size field: its own axis, and the other one too while "same for rows and columns" is ticked (`bothAxes`). */
export function withAxisSetting(state: ExplorerState, name: SettingName, axis: 0 | 1, value: number, bothAxes: boolean): ExplorerState {
  const next = withSetting(state, name, axis, value);
  return bothAxes ? withSetting(next, name, axis === 0 ? 1 : 0, value) : next;
}

/** Whether every setting is the same for rows and columns (the box "same for rows and columns"). */
export const sameOnBothAxes = (s: Conv2dSettings): boolean => SETTING_NAMES.every((n) => s[n][0] === s[n][1]);

/** A grid typed into the input's or the kernel's text area; the input or kernel size follows what was typed. */
export function withGridText(state: ExplorerState, which: 'input' | 'kernel', text: string): FieldEdit {
  const parsed = parseGrid(text, which, LIMITS[which].max);
  if (!parsed.ok) return parsed;
  return { ok: true, state: which === 'input' ? withNumbers(state, parsed.grid) : withKernel(state, parsed.grid) };
}

/** The grids' cell sizes (SVG units): numbered cells large enough to read, a digit's shaded pixels small. */
export function explorerCells(s: Conv2dSettings, numbers: boolean): { inputCell: number; outputCell: number; kernelCell: number } {
  const [pr, pc] = paddedShape(s);
  const [or, oc] = outputShape(s);
  return {
    inputCell: numbers ? cellSizeFor(Math.max(pr, pc), 260, 16, 34) : cellSizeFor(Math.max(pr, pc), 300, 6, 12),
    outputCell: numbers ? cellSizeFor(Math.max(or, oc), 240, 16, 34) : cellSizeFor(Math.max(or, oc), 300, 6, 12),
    kernelCell: 30,
  };
}

/** The sentence read out at a step: "Step 2 of 9: y[0,1] = … = 5."; empty where the output has no such cell. */
export function explorerSentence(state: ExplorerState, step: number, x: number[][], y: number[][]): string {
  const s = state.settings;
  const cell = stepCell(s, step);
  const v = y[cell[0]]?.[cell[1]];
  if (v === undefined) return '';
  return `Step ${step + 1} of ${stepCount(s)}: ${valueSentence(s, cell, x, state.kernel, state.bias, v)}`;
}

/** Said after "Link copied" / "MDX copied" when the edit on screen has a problem: the copy holds the settings drawn. */
export const explorerStaleNote = (stale: boolean): string => (stale ? ' (the settings last drawn, not the edit with a problem)' : '');
