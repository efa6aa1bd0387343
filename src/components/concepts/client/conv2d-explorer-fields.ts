// The 2D explorer's form: puts its state into the fields (all but the one being typed into) and turns
// each field's event into a new state (conv2d-explorer-form.ts) for the explorer to draw.
import type { ExplorerState } from '../../../lib/concepts/conv2d-explorer';
import { sourceOption, withAxisSetting, withBiasText, withGridText, withKernelPreset, withSourceOption, type FieldEdit } from '../../../lib/concepts/conv2d-explorer-form';
import type { Conv2dSettings, SettingName } from '../../../lib/concepts/conv2d-geometry';
import { findPreset } from '../../../lib/concepts/conv2d-presets';
import { gridToText } from '../../../lib/concepts/conv2d-text';

export interface FieldHandlers {
  state(): ExplorerState;
  /** A new state from a field; `editing`: the field typed into (left as typed). */
  edit(state: ExplorerState, editing?: Element): void;
  /** A field's text that cannot be read. */
  problem(message: string): void;
  /** A configuration of the table was picked. */
  load(settings: Conv2dSettings): void;
  /** A grid was typed: tfjs is wanted soon. */
  typed(): void;
}

export function wireFields(root: HTMLElement, on: FieldHandlers): void {
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const apply = (edit: FieldEdit, editing: Element) => (edit.ok ? on.edit(edit.state, editing) : on.problem(edit.message));
  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-name]')) {
    input.addEventListener('input', () => {
      const both = q<HTMLInputElement>('[data-link]').checked;
      on.edit(withAxisSetting(on.state(), input.dataset.name as SettingName, Number(input.dataset.axis) as 0 | 1, input.valueAsNumber, both), input);
    });
  }
  q<HTMLInputElement>('[data-bias]').addEventListener('input', (e) => apply(withBiasText(on.state(), (e.target as HTMLInputElement).value), e.target as HTMLInputElement));
  for (const [sel, which] of [['[data-x]', 'input'], ['[data-w]', 'kernel']] as const) {
    q<HTMLTextAreaElement>(sel).addEventListener('input', (e) => {
      const area = e.target as HTMLTextAreaElement;
      const edit = withGridText(on.state(), which, area.value);
      if (edit.ok) on.typed();
      apply(edit, area);
    });
  }
  q<HTMLSelectElement>('[data-source]').addEventListener('change', (e) => on.edit(withSourceOption(on.state(), (e.target as HTMLSelectElement).value)));
  q<HTMLSelectElement>('[data-preset]').addEventListener('change', (e) => {
    const p = findPreset((e.target as HTMLSelectElement).value);
    if (p) on.load(p.settings);
  });
  q<HTMLSelectElement>('[data-kernel-preset]').addEventListener('change', (e) => {
    const next = withKernelPreset(on.state(), (e.target as HTMLSelectElement).value);
    if (next) on.edit(next);
  });
}

/** Puts the state into the form controls, except the one being typed into. */
export function syncFields(root: HTMLElement, state: ExplorerState, editing?: Element): void {
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  const s = state.settings;
  for (const input of root.querySelectorAll<HTMLInputElement>('input[data-name]')) {
    if (input === editing) continue;
    const v = s[input.dataset.name as SettingName][Number(input.dataset.axis)];
    if (input.valueAsNumber !== v) input.value = String(v);
    input.disabled = input.dataset.name === 'input' && state.source === 'digit';
  }
  const xArea = q<HTMLTextAreaElement>('[data-x]');
  if (xArea !== editing) xArea.value = gridToText(state.numbers);
  xArea.disabled = state.source === 'digit';
  const wArea = q<HTMLTextAreaElement>('[data-w]');
  if (wArea !== editing) wArea.value = gridToText(state.kernel);
  const bias = q<HTMLInputElement>('[data-bias]');
  if (bias !== editing && bias.valueAsNumber !== state.bias) bias.value = String(state.bias);
  q<HTMLSelectElement>('[data-source]').value = sourceOption(state);
}
