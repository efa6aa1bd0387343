// "Copy as MDX" of the 2D explorer: <Conv2dExplorer> with the grids and settings drawn. Read back by
// explorerStateFromProps, it gives the same settings, grids (or digit) and bias.
import { CONV2D_TABLE } from '../concepts/conv2d-presets';
import type { ExplorerState } from '../concepts/conv2d-explorer';
import { SETTING_NAMES, type Pair } from '../concepts/conv2d-geometry';
import { jsxElement } from './mdx-snippet';

/** A size as an author writes it: one number when rows and columns agree, else [rows, cols]. */
const size = (p: Pair): number | number[] => (p[0] === p[1] ? p[0] : [p[0], p[1]]);

export function explorerMdx(state: ExplorerState, shell: Record<string, unknown> = {}): string {
  // Without a preset the explorer starts from the table's first configuration: settings equal to it are left out.
  const base = CONV2D_TABLE[0].settings;
  const props: [string, unknown][] = state.source === 'digit' ? [['digit', state.digit]] : [['values', state.numbers]];
  props.push(['weights', state.kernel]);
  for (const name of SETTING_NAMES) {
    if (name === 'input' || name === 'kernel') continue; // the grids (or the digit) set them
    const v = state.settings[name];
    if (v[0] !== base[name][0] || v[1] !== base[name][1]) props.push([name, size(v)]);
  }
  if (state.bias !== 0) props.push(['bias', state.bias]);
  for (const [k, v] of Object.entries(shell)) props.push([k, v]);
  return jsxElement('Conv2dExplorer', props);
}
