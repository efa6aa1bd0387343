// The 2D convolution explorer's MDX props (and a link's settings): checked and turned into its first
// state; a wrong one throws PropError, naming the component and the prop.
import { gridProblem } from './conv2d-text';
import { LIMITS, makeSettings, settingsProblem, toPair, type Conv2dSettings } from './conv2d-geometry';
import { DIGIT_SIZE, MNIST_DIGITS } from './conv2d-digits';
import { findPreset, patternGrid, patternKernel, CONV2D_TABLE, type Conv2dSettingsProps } from './conv2d-presets';
import { biasProblem, type ExplorerState } from './conv2d-explorer';

export interface ExplorerProps extends Conv2dSettingsProps {
  values?: number[][];
  weights?: number[][];
  bias?: number;
  digit?: number;
}

/** A prop (or a link's setting) the explorer cannot use: which one, and why in the course's words. */
export class PropError extends Error {
  constructor(readonly component: string, readonly prop: string, readonly why: string) {
    super(`<${component}> prop "${prop}": ${why}`);
  }
}

function fail(component: string, prop: string, why: string): never {
  throw new PropError(component, prop, why);
}

function checkGrid(component: string, prop: string, g: unknown, what: string, max: number): number[][] {
  const problem = gridProblem(g, what, max);
  if (problem) fail(component, prop, problem);
  return g as number[][];
}

/** Builds the initial state from MDX props; a wrong prop throws at build time, naming the component and prop. */
export function explorerStateFromProps(p: ExplorerProps, component = 'Conv2dExplorer'): ExplorerState {
  const base = p.preset !== undefined ? findPreset(p.preset) : CONV2D_TABLE[0];
  if (!base) fail(component, 'preset', `unknown preset "${p.preset}"; use one of ${CONV2D_TABLE.map((t) => t.id).join(', ')}`);
  const values = p.values !== undefined ? checkGrid(component, 'values', p.values, 'input', LIMITS.input.max) : undefined;
  const weights = p.weights !== undefined ? checkGrid(component, 'weights', p.weights, 'kernel', LIMITS.kernel.max) : undefined;
  if (p.digit !== undefined && !(Number.isInteger(p.digit) && p.digit >= 0 && p.digit < MNIST_DIGITS.length)) {
    fail(component, 'digit', `The digit must be a whole number from 0 to ${MNIST_DIGITS.length - 1}, got ${JSON.stringify(p.digit)}.`);
  }
  if (p.digit !== undefined && values) fail(component, 'digit', 'cannot be combined with "values"');
  const bias = p.bias !== undefined ? biasProblem(p.bias) : null;
  if (bias) fail(component, 'bias', bias);
  let settings: Conv2dSettings;
  try {
    settings = makeSettings({
      input: p.digit !== undefined ? DIGIT_SIZE : values ? [values.length, values[0].length] : (p.input ?? base.settings.input),
      kernel: weights ? [weights.length, weights[0].length] : (p.kernel ?? base.settings.kernel),
      padding: p.padding ?? base.settings.padding,
      stride: p.stride ?? base.settings.stride,
      dilation: p.dilation ?? base.settings.dilation,
    });
  } catch {
    fail(component, 'input/kernel/padding/stride/dilation', 'Each size must be a number or a [rows, cols] pair.');
  }
  for (const [name, given] of [['input', p.input], ['kernel', p.kernel]] as const) {
    if (given !== undefined && (values || weights || p.digit !== undefined)) {
      const pair = toPair(given);
      if (pair[0] !== settings[name][0] || pair[1] !== settings[name][1]) fail(component, name, `says ${pair.join('×')} but the given grid is ${settings[name].join('×')}`);
    }
  }
  const problem = settingsProblem(settings);
  if (problem) fail(component, 'input/kernel/padding/stride/dilation', problem);
  return {
    settings,
    source: p.digit !== undefined ? 'digit' : 'numbers',
    numbers: values ?? patternGrid(p.digit !== undefined ? 5 : settings.input[0], p.digit !== undefined ? 5 : settings.input[1]),
    digit: p.digit ?? 0,
    kernel: weights ?? patternKernel(settings.kernel[0], settings.kernel[1]),
    bias: p.bias ?? 0,
  };
}
