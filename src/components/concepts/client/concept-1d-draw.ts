// Drawing a 1D concept widget (<concept-1d>) from its view: the scenes, the step's sentence and transport,
// the panels (facts, results, code, the controls' limits), the fields and the error line. The view and
// the text come from src/lib; this file only puts them into the server-rendered markup.
import type { ConceptDef, ConceptState, View } from '../../../lib/concepts/concept-types';
import { controlRange } from '../../../lib/concepts/fields';
import { sceneSvg } from '../../../lib/concepts/scene-svg';
import { controlText, resultText, stepText } from '../../../lib/concepts/widget-text';
import { morph } from './morph';

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

/** Turns on what the server rendered disabled (it needs this script): the settings, transport and copy buttons. */
export function enableControls(root: HTMLElement): void {
  root.querySelector('fieldset')?.removeAttribute('disabled');
  for (const el of root.querySelectorAll<HTMLButtonElement | HTMLInputElement>('.c1d-transport [disabled], [data-act="copy"], [data-act="link"], [data-act="mdx"]')) el.disabled = false;
}

/** Puts the settings into every control but the one being edited, so no control contradicts another. */
export function syncControls(root: HTMLElement, def: ConceptDef, state: ConceptState, editing: Element | null): void {
  for (const c of def.controls) {
    for (const el of root.querySelectorAll<Field>(`[data-key="${c.key}"]`)) {
      el.removeAttribute('aria-invalid');
      if (el === editing) continue;
      const v = state[c.key];
      if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = v === true;
      else if (el instanceof HTMLInputElement && el.type === 'range' && typeof v === 'number') {
        // widen first: a range input would silently clamp a value outside [min, max]
        if (v < Number(el.min)) el.min = String(v);
        if (v > Number(el.max)) el.max = String(v);
        el.value = String(v);
      }
      else {
        const text = controlText(c, state);
        if (el.value !== text) el.value = text;
      }
    }
  }
}

/** What changes with the settings only: facts, results, code, the controls' limits, the scrubber's range. */
export function renderPanels(root: HTMLElement, def: ConceptDef, view: View, state: ConceptState, t: number): void {
  const facts = root.querySelector('[data-facts]')!;
  facts.replaceChildren(...view.facts.map((f) => pair(f.label, f.text, 'data-fact', f.key, true)));
  const results = root.querySelector('[data-results]')!;
  results.replaceChildren(...view.results.map((r) => pair(r.label, resultText(r), 'data-result', r.key)));
  root.querySelector('[data-code]')!.textContent = view.code;
  for (const c of def.controls) {
    if (c.kind !== 'int' && c.kind !== 'number') continue;
    const lim = controlRange(def, view, state, c.key);
    for (const el of root.querySelectorAll<HTMLInputElement>(`[data-key="${c.key}"]`)) {
      el.min = String(lim.min);
      el.max = String(lim.max);
      if (el.type === 'range') el.value = String(state[c.key]);
    }
  }
  const scrub = root.querySelector<HTMLInputElement>('[data-scrub]')!;
  scrub.max = String(view.steps.length - 1);
  scrub.value = String(t);
}

/** A dt/dd pair wrapped in a div; the attribute goes on the div (facts) or on the dd (results). */
export function pair(label: string, text: string, attr: string, key: string, onWrapper = false): HTMLElement {
  const div = document.createElement('div');
  const dt = document.createElement('dt');
  const dd = document.createElement('dd');
  dt.textContent = label;
  dd.textContent = text;
  (onWrapper ? div : dd).setAttribute(attr, key);
  div.append(dt, dd);
  return div;
}

/** The scenes at step `t`, patched in place (morph) so the window slides. */
export function renderScenes(root: HTMLElement, view: View, t: number, uid: string): void {
  const stage = root.querySelector<HTMLElement>('[data-stage]')!;
  const { scenes, steps, ariaLabel } = view;
  if (stage.children.length !== scenes.length) {
    stage.replaceChildren(
      ...scenes.map((_, i) => {
        const div = document.createElement('div');
        div.className = 'c1d-scene';
        div.dataset.scene = String(i);
        div.innerHTML = '<svg></svg>';
        return div;
      }),
    );
  }
  scenes.forEach((scene, i) => {
    const div = stage.children[i] as HTMLElement;
    const title = scene.kind === 'slide' ? scene.title : undefined;
    let p = div.querySelector('.c1d-scene-title');
    if (title) {
      if (!p) {
        p = document.createElement('p');
        p.className = 'c1d-scene-title';
        div.prepend(p);
      }
      p.textContent = title;
    } else p?.remove();
    morph(div.querySelector('svg')!, sceneSvg(scene, steps, t, `${uid}-${i}`, ariaLabel));
  });
}

/** What changes with the step but the scenes: the sentence, the position, the scrubber, Play/Pause. */
export function renderStep(root: HTMLElement, view: View, t: number, playing: boolean): void {
  const steps = view.steps;
  root.querySelector('[data-sentence]')!.textContent = steps[t].sentence;
  root.querySelector('[data-pos]')!.textContent = stepText(t, steps.length, view.stepNoun);
  root.querySelector<HTMLInputElement>('[data-scrub]')!.value = String(t);
  const play = root.querySelector<HTMLButtonElement>('[data-act="play"]')!;
  play.textContent = playing ? 'Pause' : 'Play';
  play.setAttribute('aria-pressed', String(playing));
}

/** Shows a problem above the kept, dimmed drawing; null clears it. */
export function showError(root: HTMLElement, message: string | null): void {
  const box = root.querySelector<HTMLElement>('[data-error]')!;
  box.hidden = message === null;
  box.textContent = message ?? '';
  root.querySelector('.c1d')!.classList.toggle('is-stale', message !== null);
}

/** Whether the error line shows a problem (the edit on screen is not the drawing). */
export const hasError = (root: HTMLElement): boolean => !root.querySelector<HTMLElement>('[data-error]')!.hidden;
