// Links to the 2D widgets (format: url-state.ts): the explorer's grids, sizes per axis, bias and step, read
// through the same checks as its props; an animation's step.
import { compute, type ExplorerState } from './conv2d-explorer';
import { explorerStateFromProps, PropError, type ExplorerProps } from './conv2d-explorer-props';
import { LIMITS, SETTING_LABELS, stepCount, type Pair } from './conv2d-geometry';
import { parseGrid } from './conv2d-text';
import { parseList, parseNumber } from './numbers';
import { gridText, readStep, refused, type FromLink, type LinkSettings } from './url-state';

const pairText = (p: Pair) => (p[0] === p[1] ? String(p[0]) : `${p[0]},${p[1]}`);

/** The explorer's state as link settings: the input (typed grid or digit), kernel, sizes, bias, step. */
export function explorerLinkSettings(state: ExplorerState, step: number): LinkSettings {
  const s = state.settings;
  return [
    state.source === 'digit' ? ['digit', String(state.digit)] : ['values', gridText(state.numbers)],
    ['weights', gridText(state.kernel)],
    ['padding', pairText(s.padding)],
    ['stride', pairText(s.stride)],
    ['dilation', pairText(s.dilation)],
    ['bias', String(state.bias)],
    ['step', String(step + 1)],
  ];
}

/** The explorer's props that give `state` (so a link can change some and keep the rest). */
function propsOf(state: ExplorerState): ExplorerProps {
  const s = state.settings;
  return {
    ...(state.source === 'digit' ? { digit: state.digit } : { values: state.numbers }),
    weights: state.kernel,
    padding: [...s.padding],
    stride: [...s.stride],
    dilation: [...s.dilation],
    bias: state.bias,
  };
}

/** Applies a link's settings to the explorer, through the same checks as its props; all, or none with the reason. */
export function explorerStateFromLink(base: ExplorerState, settings: LinkSettings, component = 'Conv2dExplorer'): FromLink<ExplorerState> {
  const props = propsOf(base);
  let stepText: string | undefined;
  try {
    for (const [key, text] of settings) {
      if (key === 'values' || key === 'weights') {
        const input = key === 'values';
        const grid = parseGrid(text.replace(/;/g, '\n'), input ? 'input' : 'kernel', input ? LIMITS.input.max : LIMITS.kernel.max);
        if (!grid.ok) return refused(grid.message);
        props[key] = grid.grid;
        if (input) delete props.digit;
      } else if (key === 'digit') {
        props.digit = parseNumber(text, 'The digit');
        delete props.values;
      } else if (key === 'padding' || key === 'stride' || key === 'dilation') {
        const v = parseList(text, `${SETTING_LABELS[key]} (rows, cols)`, 2);
        props[key] = v.length === 1 ? v[0] : v;
      } else if (key === 'bias') props.bias = parseNumber(text, 'The bias b');
      else if (key === 'step') stepText = text;
      else return refused(`it sets "${key}", which the explorer does not have (it has values or digit, weights, padding, stride, dilation, bias, step)`);
    }
    const state = explorerStateFromProps(props, component);
    const out = compute(state);
    if (!out.ok) return refused(out.message);
    if (stepText === undefined) return { ok: true, state, step: 0 };
    const step = readStep(stepText, stepCount(state.settings), 'Window');
    return step.ok ? { ok: true, state, step: step.step } : refused(step.message);
  } catch (e) {
    return refused(e instanceof PropError ? e.why : (e as Error).message);
  }
}


export function animationStepFromLink(settings: LinkSettings, count: number, noun = 'Window'): { ok: true; step: number } | { ok: false; message: string } {
  let step = 0;
  for (const [key, text] of settings) {
    if (key !== 'step') return refused(`it sets "${key}", which this animation does not have (it has step)`);
    const read = readStep(text, count, noun);
    if (!read.ok) return refused(read.message);
    step = read.step;
  }
  return { ok: true, step };
}
