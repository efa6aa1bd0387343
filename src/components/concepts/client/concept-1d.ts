// <concept-1d>: makes a server-rendered 1D concept widget live. It only wires DOM events to src/lib:
// fields.ts reads and checks every edit (the props' limits), the concept module computes the view,
// scene-svg draws it, tf-tasks checks it with TensorFlow.js, url-state makes and reads its links.
import type { ConceptDef, ConceptState, View } from '../../../lib/concepts/concept-types';
import { controlRange, readField, tryBuild } from '../../../lib/concepts/fields';
import { conceptById } from '../../../lib/concepts/registry';
import { StepPlayer } from '../../../lib/concepts/step-player';
import { sceneSvg } from '../../../lib/concepts/scene-svg';
import { comparisonText } from '../../../lib/concepts/tf-compare';
import { conceptLinkSettings, conceptStateFromLink, linkedSettings, linkSearch } from '../../../lib/concepts/url-state';
import { controlText, resultText, stepText } from '../../../lib/concepts/widget-text';
import { morph } from './morph';
import { copyCode, copyLink, copyText, pageLink, scrollIfLinked } from './copy-code';
import { conceptMdx } from '../../../lib/authoring/mdx-snippet';
import { loadFailureMessage } from '../../../lib/site/load-failure';
import { Coalescer } from '../../../lib/site/coalesce';
import type { TF } from '../../../lib/tfjs/tf';

const STEP_MS = 1100;
const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;

class Concept1dElement extends HTMLElement {
  private def!: ConceptDef;
  /** The settings as edited (may not work together yet: the next edit builds on them). */
  private state!: ConceptState;
  /** The settings of the view drawn: the last that worked. Links are made from these. */
  private good!: ConceptState;
  private view!: View;
  private uid = '';
  private player!: StepPlayer;
  /** The player runs because the widget came into view (it stops when the widget leaves), not because the student pressed Play. */
  private autoPlaying = false;
  private userTookOver = false;
  private tf: TF | null = null;
  private tfLoading: Promise<void> | null = null;
  /** After the redraw has painted, so tfjs never delays the picture; many edits, one tfjs run. */
  private tfLater = new Coalescer(() => void this.runTf(), { timing: 'after-paint' });
  private observer: IntersectionObserver | null = null;

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
    if (linked.length) {
      const r = conceptStateFromLink(this.def, this.state, linked);
      if (r.ok) {
        this.state = this.good = r.state;
        this.view = r.view!;
        step = r.step;
        this.userTookOver = true; // the link's step stays put
      } else linkProblem = r.message;
    }
    this.player = new StepPlayer(this.view.steps.length, () => this.renderFrame(), STEP_MS);
    this.player.step = step; // not through seek, which draws: renderAll below draws everything once
    this.querySelector('fieldset')?.removeAttribute('disabled');
    for (const el of this.querySelectorAll<HTMLButtonElement | HTMLInputElement>('.c1d-transport [disabled], [data-act="copy"], [data-act="link"], [data-act="mdx"]')) el.disabled = false;

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
    for (const type of ['pointerdown', 'focusin', 'keydown'] as const) this.addEventListener(type, () => this.ensureTf(), { once: true });

    this.observer = new IntersectionObserver(
      (entries) => {
        const visible = entries.some((en) => en.isIntersecting);
        if (visible) {
          this.ensureTf();
          if (!this.userTookOver && this.dataset.autoplay !== 'false' && !reducedMotion()) this.play(true);
        } else if (this.autoPlaying) this.pause();
      },
      { threshold: 0.25 },
    );
    this.observer.observe(this);
    matchMedia('(prefers-reduced-motion: reduce)').addEventListener('change', (e) => {
      if (e.matches && this.autoPlaying) this.pause();
    });
    this.renderAll();
    this.syncControls(null);
    if (linkProblem) this.showError(linkProblem);
    scrollIfLinked(this.uid, this.querySelector('figure')!);
  }

  disconnectedCallback(): void {
    this.pause();
    this.observer?.disconnect();
  }

  private get last(): number {
    return this.view.steps.length - 1;
  }

  /** The step drawn (the player's). */
  private get t(): number {
    return this.player.step;
  }

  // ——— input ———
  private onInput(e: Event): void {
    const el = e.target as HTMLInputElement;
    if (el.matches('[data-scrub]')) {
      this.select(Number(el.value));
      return;
    }
    const key = el.dataset.key;
    if (!key || !this.def.controls.some((c) => c.key === key)) return;
    const started = performance.now();
    const read = readField(this.def, key, el.type === 'checkbox' ? el.checked : el.value);
    if (!read.ok) {
      el.setAttribute('aria-invalid', 'true');
      this.showError(read.message);
    } else {
      // The edit is kept even when the settings do not work together yet (e.g. x has a new channel and
      // w not yet): the next edit builds on it. The drawing stays at the last valid view meanwhile.
      this.state = { ...this.state, [key]: read.value };
      this.syncControls(el);
      const built = tryBuild(this.def, this.state);
      if (built.ok) {
        this.view = built.value;
        this.good = this.state;
        this.showError(null);
        this.player.resize(this.view.steps.length); // draws the scenes and the step once, at the step kept
        this.renderPanels();
        this.scheduleTf();
      } else this.showError(built.message);
    }
    this.dataset.renderMs = (performance.now() - started).toFixed(2);
  }

  /** Puts the settings into every control but the one being edited, so no control contradicts another. */
  private syncControls(editing: Element | null): void {
    for (const c of this.def.controls) {
      for (const el of this.querySelectorAll<Field>(`[data-key="${c.key}"]`)) {
        el.removeAttribute('aria-invalid');
        if (el === editing) continue;
        const v = this.state[c.key];
        if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = v === true;
        else if (el instanceof HTMLInputElement && el.type === 'range' && typeof v === 'number') {
          // widen first: a range input would silently clamp a value outside [min, max]
          if (v < Number(el.min)) el.min = String(v);
          if (v > Number(el.max)) el.max = String(v);
          el.value = String(v);
        }
        else {
          const text = controlText(c, this.state);
          if (el.value !== text) el.value = text;
        }
      }
    }
  }

  private onClick(e: Event): void {
    const act = (e.target as Element).closest<HTMLElement>('[data-act]')?.dataset.act;
    if (!act) return;
    if (act === 'copy') return void this.copy();
    if (act === 'link') return void this.copyLink();
    if (act === 'mdx') return void this.copyMdx();
    if (act === 'play') return this.player.playing ? this.takeOver() : this.play(false);
    const to = act === 'first' ? 0 : act === 'prev' ? this.t - 1 : this.t + 1;
    this.select(Math.max(0, Math.min(this.last, to)));
  }

  /** Arrow keys on an output cell move to the neighbouring window and keep focus on its cell. */
  private onKey(e: KeyboardEvent): void {
    const cell = (e.target as Element).closest?.<SVGElement>('[data-step]');
    if (!cell) return;
    const perRow = this.view.steps.filter((s) => s.o === this.view.steps[0].o).length;
    const moves: Record<string, number> = { ArrowLeft: -1, ArrowRight: 1, ArrowUp: -perRow, ArrowDown: perRow };
    let to: number;
    if (e.key in moves) to = this.t + moves[e.key];
    else if (e.key === 'Home') to = 0;
    else if (e.key === 'End') to = this.last;
    else return;
    e.preventDefault();
    const scene = cell.closest('.c1d-scene');
    this.select(Math.max(0, Math.min(this.last, to)));
    scene?.querySelector<SVGElement>(`[data-step="${this.t}"][tabindex]`)?.focus();
  }

  // ——— steps and playback ———
  private select(t: number): void {
    this.takeOver();
    this.setStep(t);
  }

  private takeOver(): void {
    this.userTookOver = true;
    this.pause();
  }

  private setStep(t: number): void {
    if (!Number.isFinite(t)) return;
    this.player.seek(Math.max(0, Math.min(this.last, t))); // clamped: stepping by hand stops at the ends
  }

  private play(auto: boolean): void {
    if (this.player.playing || (auto && reducedMotion())) return;
    this.autoPlaying = auto;
    this.player.play(!auto);
  }

  private pause(): void {
    this.autoPlaying = false;
    this.player?.pause();
  }

  // ——— drawing ———
  private renderAll(): void {
    this.renderFrame();
    this.renderPanels();
  }

  /** What changes with the step: the scenes, the sentence, the position, the transport. */
  private renderFrame(): void {
    this.renderScenes();
    this.renderStep();
  }

  /** What changes with the settings only: facts, results, code, the controls' limits, the scrubber's range. */
  private renderPanels(): void {
    const facts = this.querySelector('[data-facts]')!;
    facts.replaceChildren(...this.view.facts.map((f) => this.pair(f.label, f.text, 'data-fact', f.key, true)));
    const results = this.querySelector('[data-results]')!;
    results.replaceChildren(...this.view.results.map((r) => this.pair(r.label, resultText(r), 'data-result', r.key)));
    this.querySelector('[data-code]')!.textContent = this.view.code;
    for (const c of this.def.controls) {
      if (c.kind !== 'int' && c.kind !== 'number') continue;
      const lim = controlRange(this.def, this.view, this.state, c.key);
      for (const el of this.querySelectorAll<HTMLInputElement>(`[data-key="${c.key}"]`)) {
        el.min = String(lim.min);
        el.max = String(lim.max);
        if (el.type === 'range') el.value = String(this.state[c.key]);
      }
    }
    const scrub = this.querySelector<HTMLInputElement>('[data-scrub]')!;
    scrub.max = String(this.last);
    scrub.value = String(this.t);
  }

  /** A dt/dd pair wrapped in a div; the attribute goes on the div (facts) or on the dd (results). */
  private pair(label: string, text: string, attr: string, key: string, onWrapper = false): HTMLElement {
    const div = document.createElement('div');
    const dt = document.createElement('dt');
    const dd = document.createElement('dd');
    dt.textContent = label;
    dd.textContent = text;
    (onWrapper ? div : dd).setAttribute(attr, key);
    div.append(dt, dd);
    return div;
  }

  private renderScenes(): void {
    const stage = this.querySelector<HTMLElement>('[data-stage]')!;
    const { scenes, steps, ariaLabel } = this.view;
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
      morph(div.querySelector('svg')!, sceneSvg(scene, steps, this.t, `${this.uid}-${i}`, ariaLabel));
    });
  }

  private renderStep(): void {
    const steps = this.view.steps;
    this.querySelector('[data-sentence]')!.textContent = steps[this.t].sentence;
    this.querySelector('[data-pos]')!.textContent = stepText(this.t, steps.length, this.view.stepNoun);
    this.querySelector<HTMLInputElement>('[data-scrub]')!.value = String(this.t);
    const play = this.querySelector<HTMLButtonElement>('[data-act="play"]')!;
    const playing = this.player.playing;
    play.textContent = playing ? 'Pause' : 'Play';
    play.setAttribute('aria-pressed', String(playing));
  }

  private showError(message: string | null): void {
    const box = this.querySelector<HTMLElement>('[data-error]')!;
    box.hidden = message === null;
    box.textContent = message ?? '';
    this.querySelector('.c1d')!.classList.toggle('is-stale', message !== null);
  }

  private async copy(): Promise<void> {
    await copyCode(this.view.code, this.querySelector('[data-code]')!, this.querySelector('[data-copy-status]')!);
  }

  /** A link that reproduces the drawing: its settings and step, keyed by this widget's id. */
  private async copyLink(): Promise<void> {
    const url = pageLink(linkSearch(this.uid, conceptLinkSettings(this.def, this.good, this.t)));
    this.dataset.link = url;
    const stale = this.querySelector<HTMLElement>('[data-error]')!.hidden ? '' : ' (the settings drawn, not the edit with a problem)';
    await copyLink(url, this.querySelector('[data-link-status]')!, this.querySelector<HTMLInputElement>('[data-link-field]')!, stale);
  }

  /** "Copy as MDX": the component with the settings drawn, to paste into a lecture. */
  private async copyMdx(): Promise<void> {
    const mdx = conceptMdx(this.def, this.good);
    this.dataset.mdx = mdx;
    const stale = this.querySelector<HTMLElement>('[data-error]')!.hidden ? '' : ' (the settings drawn, not the edit with a problem)';
    await copyText(mdx, this.querySelector('[data-mdx-status]')!, this.querySelector<HTMLTextAreaElement>('[data-mdx-field]')!, 'MDX', stale);
  }

  // ——— TensorFlow.js, loaded on first use ———
  private ensureTf(): void {
    if (this.tfLoading) return;
    const status = this.querySelector('[data-tf-status]')!;
    status.textContent = 'Loading TensorFlow.js…';
    this.tfLoading = (async () => {
      try {
        const { loadTf, WIDGET_TF } = await import('../../../lib/tfjs/load-tf');
        this.tf = await loadTf(WIDGET_TF);
        await this.runTf();
      } catch (err) {
        this.tfLoading = null; // the next interaction retries
        status.classList.add('is-error');
        status.textContent = `${loadFailureMessage(err, 'TensorFlow.js')} The numbers above come from the math core.`;
      }
    })();
  }

  private scheduleTf(): void {
    if (!this.tf) return;
    this.tfLater.request();
  }

  private async runTf(): Promise<void> {
    const tf = this.tf;
    if (!tf) return;
    const status = this.querySelector('[data-tf-status]')!;
    const list = this.querySelector('[data-tf-results]')!;
    try {
      const [{ runTfTasks, summarize, tasksNeedLayers }, loader] = await Promise.all([import('../../../lib/concepts/tf-tasks'), import('../../../lib/tfjs/load-tf')]);
      const view = this.view;
      const tfl = tasksNeedLayers(view.tfTasks) ? await loader.loadTfLayers(loader.WIDGET_TF) : null;
      if (view !== this.view) return; // settings changed meanwhile; the newer run shows its result
      const outcomes = runTfTasks(tf, tfl, view.tfTasks);
      list.replaceChildren(...outcomes.map((o) => this.pair(`tfjs ${o.label}`, resultText({ key: o.key, label: o.label, values: o.values }), 'data-tf-result', o.key)));
      const c = summarize(outcomes);
      status.classList.toggle('is-error', !c.matches && !c.overflow);
      const by = `TensorFlow.js ${tf.version_core} (${tf.getBackend()} backend)`;
      status.textContent = c.matches ? `Computed live by ${by}: ${comparisonText(c)}.` : c.overflow ? `${by}: ${comparisonText(c)}.` : `${comparisonText(c)}.`;
      this.dataset.tfMatch = c.overflow ? 'overflow' : String(c.matches);
      this.dataset.tfState = JSON.stringify(this.state);
    } catch (err) {
      status.classList.add('is-error');
      status.textContent = `TensorFlow.js could not compute this: ${err instanceof Error ? err.message : String(err)}`;
      this.dataset.tfMatch = 'error';
    }
  }
}

if (!customElements.get('concept-1d')) customElements.define('concept-1d', Concept1dElement);
