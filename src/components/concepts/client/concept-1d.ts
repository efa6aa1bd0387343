// <concept-1d>: makes a server-rendered 1D concept widget live. It only wires DOM events to src/lib:
// the concept module computes the view, scene-svg draws it, tf-tasks checks it with TensorFlow.js.
import type { ConceptDef, ConceptState, ControlSpec, View } from '../../../lib/concepts/concept-types';
import { fmt, parseRows, parseVector } from '../../../lib/concepts/format';
import { conceptById } from '../../../lib/concepts/registry';
import { sceneSvg } from '../../../lib/concepts/scene-svg';
import { resultText, stepText } from '../../../lib/concepts/widget-text';
import { morph } from './morph';
import { copyCode } from './copy-code';
import { loadFailureMessage } from '../../../lib/site/load-failure';

const STEP_MS = 1100;
const reducedMotion = () => matchMedia('(prefers-reduced-motion: reduce)').matches;

/** Reads a control's value; throws a RangeError with a message for the page. */
function readControl(c: ControlSpec, el: HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement): unknown {
  switch (c.kind) {
    case 'vector':
      return parseVector(el.value, c.label);
    case 'rows':
      return parseRows(el.value, c.label);
    case 'int':
    case 'number': {
      const v = Number(el.value);
      const whole = c.kind === 'int';
      if (el.value.trim() === '' || !Number.isFinite(v) || (whole && !Number.isInteger(v)) || v < c.min || v > c.max) {
        throw new RangeError(`${c.label} must be ${whole ? 'a whole number' : 'a number'} from ${c.min} to ${c.max}, got "${el.value}"`);
      }
      return v;
    }
    case 'select':
      return el.value;
    case 'toggle':
      return (el as HTMLInputElement).checked;
  }
}

class Concept1dElement extends HTMLElement {
  private def!: ConceptDef;
  private state!: ConceptState;
  private view!: View;
  private uid = '';
  private t = 0;
  private timer: number | null = null;
  private autoPlaying = false;
  private userTookOver = false;
  private tf: typeof import('@tensorflow/tfjs-core') | null = null;
  private tfLoading: Promise<void> | null = null;
  private tfRun = 0;
  private observer: IntersectionObserver | null = null;

  connectedCallback(): void {
    if (this.def) return;
    this.def = conceptById(this.dataset.concept ?? '');
    this.state = JSON.parse(this.dataset.state ?? '{}');
    this.view = this.def.build(this.state);
    this.uid = this.dataset.uid ?? this.def.id;
    this.querySelector('fieldset')?.removeAttribute('disabled');
    for (const el of this.querySelectorAll<HTMLButtonElement | HTMLInputElement>('.c1d-transport [disabled], [data-act="copy"]')) el.disabled = false;

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
  }

  disconnectedCallback(): void {
    this.pause();
    this.observer?.disconnect();
  }

  private get last(): number {
    return this.view.steps.length - 1;
  }

  // ——— input ———
  private onInput(e: Event): void {
    const el = e.target as HTMLInputElement;
    if (el.matches('[data-scrub]')) {
      this.select(Number(el.value));
      return;
    }
    const key = el.dataset.key;
    const control = key ? this.def.controls.find((c) => c.key === key) : undefined;
    if (!control) return;
    const started = performance.now();
    const twins = this.querySelectorAll<HTMLInputElement>(`[data-key="${key}"]`);
    try {
      const value = readControl(control, el);
      for (const twin of twins) if (twin !== el && twin.type !== 'checkbox') twin.value = el.value;
      // The edit is kept even when the settings do not work together yet (e.g. x has a new channel and
      // w not yet): the next edit builds on it. The drawing stays at the last valid view meanwhile.
      this.state = { ...this.state, [control.key]: value };
      const view = this.def.build(this.state);
      this.view = view;
      this.t = Math.min(this.t, this.last);
      for (const twin of twins) twin.removeAttribute('aria-invalid');
      this.showError(null);
      this.renderAll();
      this.scheduleTf();
    } catch (err) {
      el.setAttribute('aria-invalid', 'true');
      this.showError(err instanceof Error ? err.message : String(err));
    }
    this.dataset.renderMs = (performance.now() - started).toFixed(2);
  }

  private onClick(e: Event): void {
    const act = (e.target as Element).closest<HTMLElement>('[data-act]')?.dataset.act;
    if (!act) return;
    if (act === 'copy') return void this.copy();
    if (act === 'play') return this.timer !== null ? this.takeOver() : this.play(false);
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
    this.t = Math.max(0, Math.min(this.last, t));
    this.renderScenes();
    this.renderStep();
  }

  private play(auto: boolean): void {
    if (this.timer !== null || (auto && reducedMotion())) return;
    this.autoPlaying = auto;
    if (!auto && this.t >= this.last) this.setStep(0);
    this.timer = window.setInterval(() => this.setStep(this.t >= this.last ? 0 : this.t + 1), STEP_MS);
    this.renderStep();
  }

  private pause(): void {
    if (this.timer !== null) window.clearInterval(this.timer);
    this.timer = null;
    this.autoPlaying = false;
    if (this.view) this.renderStep();
  }

  // ——— drawing ———
  private renderAll(): void {
    this.renderScenes();
    this.renderStep();
    const facts = this.querySelector('[data-facts]')!;
    facts.replaceChildren(...this.view.facts.map((f) => this.pair(f.label, f.text, 'data-fact', f.key, true)));
    const results = this.querySelector('[data-results]')!;
    results.replaceChildren(...this.view.results.map((r) => this.pair(r.label, resultText(r), 'data-result', r.key)));
    this.querySelector('[data-code]')!.textContent = this.view.code;
    for (const c of this.def.controls) {
      if (c.kind !== 'int' && c.kind !== 'number') continue;
      const lim = this.view.limits[c.key] ?? { min: c.min, max: c.max };
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
    const playing = this.timer !== null;
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

  // ——— TensorFlow.js, loaded on first use ———
  private ensureTf(): void {
    if (this.tfLoading) return;
    const status = this.querySelector('[data-tf-status]')!;
    status.textContent = 'Loading TensorFlow.js…';
    this.tfLoading = (async () => {
      try {
        const { loadTf } = await import('../../../lib/conv/tf-loader');
        this.tf = await loadTf();
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
    const run = ++this.tfRun;
    // After the redraw has painted, so tfjs never delays the picture.
    requestAnimationFrame(() => setTimeout(() => run === this.tfRun && void this.runTf(), 0));
  }

  private async runTf(): Promise<void> {
    const tf = this.tf;
    if (!tf) return;
    const status = this.querySelector('[data-tf-status]')!;
    const list = this.querySelector('[data-tf-results]')!;
    try {
      const [{ runTfTasks, tasksNeedLayers }, loader] = await Promise.all([import('../../../lib/concepts/tf-tasks'), import('../../../lib/conv/tf-loader')]);
      const view = this.view;
      const tfl = tasksNeedLayers(view.tfTasks) ? await loader.loadTfLayers() : null;
      if (view !== this.view) return; // settings changed meanwhile; the newer run shows its result
      const outcomes = runTfTasks(tf, tfl, view.tfTasks);
      list.replaceChildren(...outcomes.map((o) => this.pair(`tfjs ${o.label}`, resultText({ key: o.key, label: o.label, values: o.values }), 'data-tf-result', o.key)));
      const ok = outcomes.every((o) => o.matches);
      const worst = Math.max(...outcomes.map((o) => o.maxDiff));
      status.classList.toggle('is-error', !ok);
      status.textContent = ok
        ? `Computed live by TensorFlow.js ${tf.version_core} (${tf.getBackend()} backend): equal to the math core (largest difference ${worst === 0 ? '0' : fmt(worst, 10)}).`
        : `TensorFlow.js disagrees with the math core (largest difference ${fmt(worst, 10)}).`;
      this.dataset.tfMatch = String(ok);
      this.dataset.tfState = JSON.stringify(this.state);
    } catch (err) {
      status.classList.add('is-error');
      status.textContent = `TensorFlow.js could not compute this: ${err instanceof Error ? err.message : String(err)}`;
      this.dataset.tfMatch = 'error';
    }
  }
}

if (!customElements.get('concept-1d')) customElements.define('concept-1d', Concept1dElement);
