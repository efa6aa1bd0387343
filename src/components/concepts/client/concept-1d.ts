// <concept-1d>: makes a server-rendered 1D concept widget live. It only wires DOM events to src/lib:
// fields.ts reads and checks every edit (the props' limits, through concept-1d-edit.ts), the concept module
// computes the view, concept-1d-draw.ts puts it on the page, concept-1d-playback.ts animates it,
// concept-1d-tf.ts checks it with TensorFlow.js, url-state makes and reads its links.
import type { ConceptDef, ConceptState, View } from '../../../lib/concepts/concept-types';
import { editSetting, isSetting, stepForButton, stepForKey } from '../../../lib/concepts/concept-1d-edit';
import { conceptById } from '../../../lib/concepts/registry';
import { conceptLinkSettings, conceptStateFromLink, linkedSettings, linkSearch } from '../../../lib/concepts/url-state';
import { staleNote } from '../../../lib/concepts/widget-text';
import { conceptMdx } from '../../../lib/authoring/mdx-snippet';
import { copyCode, copyWidgetLink, copyWidgetMdx, pageLink, scrollIfLinked } from './copy-code';
import { enableControls, hasError, renderPanels, renderScenes, renderStep, showError, syncControls } from './concept-1d-draw';
import { Concept1dPlayback } from './concept-1d-playback';
import { Concept1dTfCheck } from './concept-1d-tf';

class Concept1dElement extends HTMLElement {
  private def!: ConceptDef;
  /** The settings as edited (may not work together yet: the next edit builds on them). */
  private state!: ConceptState;
  /** The settings of the view drawn: the last that worked. Links are made from these. */
  private good!: ConceptState;
  private view!: View;
  private uid = '';
  private playback!: Concept1dPlayback;
  private tf = new Concept1dTfCheck(this, () => ({ view: this.view, state: this.state }));

  connectedCallback(): void {
    if (this.def) return;
    this.def = conceptById(this.dataset.concept ?? '');
    this.state = this.good = JSON.parse(this.dataset.state ?? '{}');
    this.view = this.def.build(this.state);
    this.uid = this.dataset.uid ?? this.def.id;
    // A link to this widget (?{id}.{setting}=…) replaces the props' settings, checked like typed values.
    const linked = linkedSettings(location.search, this.uid);
    let linkProblem: string | null = null;
    let step = 0;
    let held = false;
    if (linked.length) {
      const r = conceptStateFromLink(this.def, this.state, linked);
      if (r.ok) {
        this.state = this.good = r.state;
        this.view = r.view!;
        step = r.step;
        held = true; // the link's step stays put
      } else linkProblem = r.message;
    }
    this.playback = new Concept1dPlayback(this.view.steps.length, step, held, () => this.renderFrame());
    enableControls(this);

    this.addEventListener('input', (e) => this.onInput(e));
    this.addEventListener('click', (e) => this.onClick(e));
    this.addEventListener('keydown', (e) => this.onKey(e));
    const stage = this.querySelector('[data-stage]')!;
    stage.addEventListener('pointerover', (e) => {
      const cell = (e.target as Element).closest<SVGElement>('[data-step]');
      if (cell && (e as PointerEvent).pointerType === 'mouse') this.select(Number(cell.dataset.step));
    });
    stage.addEventListener('focusin', (e) => {
      const cell = (e.target as Element).closest<SVGElement>('[data-step]');
      if (cell) this.select(Number(cell.dataset.step));
    });
    for (const type of ['pointerdown', 'focusin', 'keydown'] as const) this.addEventListener(type, () => this.tf.ensure(), { once: true });
    this.playback.watch(this, () => this.tf.ensure());
    this.renderFrame();
    renderPanels(this, this.def, this.view, this.state, this.t);
    syncControls(this, this.def, this.state, null);
    if (linkProblem) showError(this, linkProblem);
    scrollIfLinked(this.uid, this.querySelector('figure')!);
  }

  disconnectedCallback(): void {
    this.playback?.stop();
  }

  /** The step drawn (the player's). */
  private get t(): number {
    return this.playback.step;
  }

  private select(t: number): void {
    this.playback.select(t, this.view.steps.length - 1);
  }

  private onInput(e: Event): void {
    const el = e.target as HTMLInputElement;
    if (el.matches('[data-scrub]')) {
      this.select(Number(el.value));
      return;
    }
    const key = el.dataset.key;
    if (!isSetting(this.def, key)) return;
    const started = performance.now();
    const edit = editSetting(this.def, this.state, key, el.type === 'checkbox' ? el.checked : el.value);
    if (!edit.ok) {
      el.setAttribute('aria-invalid', 'true');
      showError(this, edit.message);
    } else {
      // The edit is kept even when the settings do not work together yet (e.g. x has a new channel and
      // w not yet): the next edit builds on it. The drawing stays at the last valid view meanwhile.
      this.state = edit.state;
      syncControls(this, this.def, this.state, el);
      if (edit.built.ok) {
        this.view = edit.built.value;
        this.good = this.state;
        showError(this, null);
        this.playback.player.resize(this.view.steps.length); // draws the scenes and the step once, at the step kept
        renderPanels(this, this.def, this.view, this.state, this.t);
        this.tf.schedule();
      } else showError(this, edit.built.message);
    }
    this.dataset.renderMs = (performance.now() - started).toFixed(2);
  }

  private onClick(e: Event): void {
    const act = (e.target as Element).closest<HTMLElement>('[data-act]')?.dataset.act;
    if (!act) return;
    if (act === 'copy') return void copyCode(this.view.code, this.querySelector('[data-code]')!, this.querySelector('[data-copy-status]')!);
    // A link that reproduces the drawing: its settings and step, keyed by this widget's id.
    if (act === 'link') return void copyWidgetLink(this, pageLink(linkSearch(this.uid, conceptLinkSettings(this.def, this.good, this.t))), staleNote(hasError(this)));
    // "Copy as MDX": the component with the settings drawn, to paste into a lecture.
    if (act === 'mdx') return void copyWidgetMdx(this, conceptMdx(this.def, this.good), staleNote(hasError(this)));
    if (act === 'play') return this.playback.toggle();
    this.select(stepForButton(act, this.t, this.view.steps.length - 1));
  }

  /** Arrow keys on an output cell move to the neighbouring window and keep focus on its cell. */
  private onKey(e: KeyboardEvent): void {
    const cell = (e.target as Element).closest?.<SVGElement>('[data-step]');
    if (!cell) return;
    const to = stepForKey(e.key, this.t, this.view.steps);
    if (to === null) return;
    e.preventDefault();
    const scene = cell.closest('.c1d-scene');
    this.select(to);
    scene?.querySelector<SVGElement>(`[data-step="${this.t}"][tabindex]`)?.focus();
  }

  /** What changes with the step: the scenes, the sentence, the position, the transport. */
  private renderFrame(): void {
    renderScenes(this, this.view, this.t, this.uid);
    renderStep(this, this.view, this.t, this.playback.player.playing);
  }
}

if (!customElements.get('concept-1d')) customElements.define('concept-1d', Concept1dElement);
