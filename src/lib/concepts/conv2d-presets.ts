// The lecture's table of eight 2D convolutions (after Dumoulin & Visin's conv_arithmetic figures),
// and the small integer grids the widgets start from.
import { makeSettings, settingsProblem, type Conv2dSettings } from './conv2d-geometry';

export interface Conv2dPreset {
  /** Stable id, also the name of the conv_arithmetic animation it redraws. */
  id: string;
  settings: Conv2dSettings;
  /** The seed's caption lines ("kernel size=3", …) plus the input size, which the seed leaves implicit. */
  caption: string[];
}

function preset(id: string, input: number, kernel: number, padding: number, stride: number, dilation: number, note?: string): Conv2dPreset {
  const caption = [`kernel size=${kernel}`, `padding=${padding}`, `stride=${stride}`, `dilation=${dilation}`];
  if (note) caption.push(`(${note})`);
  caption.push(`input=${input}×${input}`);
  return { id, settings: makeSettings({ input, kernel, padding, stride, dilation }), caption };
}

export const CONV2D_TABLE: readonly Conv2dPreset[] = [
  preset('no-padding-no-strides', 4, 3, 0, 1, 1),
  preset('arbitrary-padding-no-strides', 5, 4, 2, 1, 1),
  preset('same-padding-no-strides', 5, 3, 1, 1, 1, 'Half padding'),
  preset('full-padding-no-strides', 5, 3, 2, 1, 1, 'Full padding'),
  preset('no-padding-strides', 5, 3, 0, 2, 1),
  preset('padding-strides', 5, 3, 1, 2, 1),
  preset('padding-strides-odd', 6, 3, 1, 2, 1),
  preset('dilation', 7, 3, 0, 1, 2),
];

export function findPreset(id: string): Conv2dPreset | undefined {
  return CONV2D_TABLE.find((p) => p.id === id);
}

/** A deterministic grid of small integers 0…4, so hand-checking a sum is easy. */
export function patternGrid(rows: number, cols: number): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => (r * 3 + c * 2 + ((r * c) % 3)) % 5));
}

/** A default kernel of 0, 1, 2 (the conv_arithmetic numerical example's 3×3 kernel when k = 3). */
export function patternKernel(rows: number, cols: number): number[][] {
  const example = [
    [0, 1, 2],
    [2, 2, 0],
    [0, 1, 2],
  ];
  return Array.from({ length: rows }, (_, r) =>
    Array.from({ length: cols }, (_, c) => (r < 3 && c < 3 ? example[r][c] : (r + 2 * c) % 3)),
  );
}

/** Crops or zero-extends a grid to a new size, keeping what the student typed where it still fits. */
export function resizeGrid(grid: readonly (readonly number[])[], rows: number, cols: number, fill = 0): number[][] {
  return Array.from({ length: rows }, (_, r) => Array.from({ length: cols }, (_, c) => grid[r]?.[c] ?? fill));
}

/** Hyper-parameter props shared by the 2D animation and the explorer (a number, or [rows, cols]). */
export interface Conv2dSettingsProps {
  preset?: string;
  input?: number | number[];
  kernel?: number | number[];
  padding?: number | number[];
  stride?: number | number[];
  dilation?: number | number[];
}

export interface AnimationProps extends Conv2dSettingsProps {
  caption?: string | string[];
}

/**
 * Settings and caption lines for one animated figure: a preset, optionally overridden, or explicit
 * sizes. A wrong prop throws at build time, naming the component and the prop.
 */
export function animationFromProps(p: AnimationProps, component = 'Conv2dAnimation'): { settings: Conv2dSettings; caption: string[] } {
  const fail = (prop: string, why: string): never => {
    throw new Error(`<${component}> prop "${prop}": ${why}`);
  };
  const base = p.preset !== undefined ? findPreset(p.preset) : undefined;
  if (p.preset !== undefined && !base) fail('preset', `unknown preset "${p.preset}"; use one of ${CONV2D_TABLE.map((t) => t.id).join(', ')}`);
  if (!base && (p.input === undefined || p.kernel === undefined)) fail(p.input === undefined ? 'input' : 'kernel', 'is required unless "preset" is given');
  let settings: Conv2dSettings = base?.settings as Conv2dSettings;
  for (const name of ['input', 'kernel', 'padding', 'stride', 'dilation'] as const) {
    const v = p[name];
    if (v === undefined) continue;
    const ok = typeof v === 'number' || (Array.isArray(v) && v.length === 2 && v.every((n) => typeof n === 'number'));
    if (!ok) fail(name, `must be a number or [rows, cols], got ${JSON.stringify(v)}`);
  }
  settings = makeSettings({
    input: p.input ?? settings.input,
    kernel: p.kernel ?? settings.kernel,
    padding: p.padding ?? settings?.padding ?? 0,
    stride: p.stride ?? settings?.stride ?? 1,
    dilation: p.dilation ?? settings?.dilation ?? 1,
  });
  const problem = settingsProblem(settings);
  if (problem) fail('input/kernel/padding/stride/dilation', problem);
  const overridden = ['input', 'kernel', 'padding', 'stride', 'dilation'].some((n) => p[n as keyof AnimationProps] !== undefined);
  let caption: string[];
  if (p.caption !== undefined) {
    if (!(typeof p.caption === 'string' || (Array.isArray(p.caption) && p.caption.every((l) => typeof l === 'string')))) fail('caption', 'must be a string or an array of strings');
    caption = typeof p.caption === 'string' ? [p.caption] : p.caption;
  } else if (base && !overridden) caption = base.caption;
  else caption = settingsCaptionLines(settings);
  return { settings, caption };
}

function settingsCaptionLines(s: Conv2dSettings): string[] {
  const t = (v: readonly [number, number]) => (v[0] === v[1] ? `${v[0]}` : `${v[0]}×${v[1]}`);
  return [`kernel size=${t(s.kernel)}`, `padding=${t(s.padding)}`, `stride=${t(s.stride)}`, `dilation=${t(s.dilation)}`, `input=${s.input[0]}×${s.input[1]}`];
}

/** Classic 3×3 kernels to try on a digit (image-processing filters are cross-correlations too). */
export const KERNEL_PRESETS: readonly { id: string; label: string; grid: number[][] }[] = [
  { id: 'example', label: 'conv_arithmetic example', grid: [[0, 1, 2], [2, 2, 0], [0, 1, 2]] },
  { id: 'edge-top', label: 'horizontal edges', grid: [[-1, -1, -1], [0, 0, 0], [1, 1, 1]] },
  { id: 'edge-left', label: 'vertical edges', grid: [[-1, 0, 1], [-1, 0, 1], [-1, 0, 1]] },
  { id: 'box', label: 'box sum (blur)', grid: [[1, 1, 1], [1, 1, 1], [1, 1, 1]] },
  { id: 'sharpen', label: 'sharpen', grid: [[0, -1, 0], [-1, 5, -1], [0, -1, 0]] },
  { id: 'laplacian', label: 'Laplacian (outline)', grid: [[0, 1, 0], [1, -4, 1], [0, 1, 0]] },
];
