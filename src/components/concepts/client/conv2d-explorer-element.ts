// The <conv2d-explorer> element, loaded when it first comes into view (or is focused, or a link names it):
// its code is not part of the lecture's first script. Wired in Conv2dExplorer.astro.
import { checkTfOutput, compute, convOptions, withKernel, withNumbers, withPreset, withSetting, withSource, type ExplorerState } from '../../../lib/concepts/conv2d-explorer';
import { outputShape, paddedShape, SETTING_NAMES, stepCell, stepCount, type Conv2dSettings, type SettingName } from '../../../lib/concepts/conv2d-geometry';
import { findPreset, KERNEL_PRESETS } from '../../../lib/concepts/conv2d-presets';
import { cellSizeFor } from '../../../lib/concepts/conv2d-svg';
import { gridToText, parseGrid, sizeFormula, valueSentence } from '../../../lib/concepts/conv2d-text';
import { parseNumber } from '../../../lib/concepts/numbers';
import { linkedSettings, linkSearch } from '../../../lib/concepts/url-state';
import { conv2dCall } from '../../../lib/conv/tf-call';
import { tfConv2d } from '../../../lib/conv/tf';
import type { TF } from '../../../lib/tfjs/tf';
import { copyLink, copyText, pageLink, scrollIfLinked } from './copy-code';
import { explorerMdx } from '../../../lib/authoring/explorer-mdx';
import { GridView, resizeControls, wireCopy, wirePlayer } from '../Conv2dView';
import { loadFailureMessage } from '../../../lib/site/load-failure';

type TfModule = { tf: TF; tfConv2d: typeof tfConv2d };

class Conv2dExplorer extends HTMLElement {
  private state!: ExplorerState;
  /** The settings drawn: the last that worked. Links are made from these. */
  private good!: ExplorerState;
  private view!: GridView;
  private player!: ReturnType<typeof wirePlayer>;
  private controls!: Parameters<typeof resizeControls>[0];
  private x: number[][] = [];
  private y: number[][] = [];
  private tf: TfModule | null = null;
  private tfLoading = false;
  private started = false;
  /** A rejected link's message: it stays, over the starting settings, until the student changes something. */
  private linkProblem: string | null = null;

  private q<T extends Element = HTMLElement>(sel: string): T {
    return this.querySelector<T>(sel)!;
  }

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    this.state = this.good = JSON.parse(this.dataset.state!) as ExplorerState;
    this.view = new GridView({ input: this.q('[data-input]'), output: this.q('[data-output]'), kernel: this.q('[data-kernel]') });
    this.controls = {
      play: this.q('[data-play]'), prev: this.q('[data-prev]'), next: this.q('[data-next]'),
      scrub: this.q('[data-scrub]'), live: this.q('[data-live]'), output: this.q('[data-output]'),
    };
    this.player = wirePlayer(this.controls, stepCount(this.state.settings), (k) => this.view.show(k), (k) => this.sentence(k));
    for (const input of this.querySelectorAll<HTMLInputElement>('input[data-name]')) {
      input.addEventListener('input', () => this.onSetting(input));
    }
    this.q<HTMLInputElement>('[data-bias]').addEventListener('input', (e) => {
      const input = e.target as HTMLInputElement;
      try {
        this.state = { ...this.state, bias: parseNumber(input.value, 'The bias b') };
      } catch (err) {
        return this.showProblem(`${(err as Error).message}.`);
      }
      this.update({ editing: input, user: true });
    });
    this.q<HTMLTextAreaElement>('[data-x]').addEventListener('input', (e) => this.onGridText(e.target as HTMLTextAreaElement, 'input'));
    this.q<HTMLTextAreaElement>('[data-w]').addEventListener('input', (e) => this.onGridText(e.target as HTMLTextAreaElement, 'kernel'));
    this.q<HTMLSelectElement>('[data-source]').addEventListener('change', (e) => {
      const v = (e.target as HTMLSelectElement).value;
      this.state = v === 'numbers' ? withSource(this.state, 'numbers') : withSource(this.state, 'digit', Number(v.slice('digit-'.length)));
      this.update({ user: true });
    });
    this.q<HTMLSelectElement>('[data-preset]').addEventListener('change', (e) => {
      const p = findPreset((e.target as HTMLSelectElement).value);
      if (p) this.load(p.settings);
    });
    this.q<HTMLSelectElement>('[data-kernel-preset]').addEventListener('change', (e) => {
      const k = KERNEL_PRESETS.find((p) => p.id === (e.target as HTMLSelectElement).value);
      if (!k) return;
      this.state = withKernel(this.state, k.grid.map((row) => [...row]));
      this.update({ user: true });
    });
    this.addEventListener('conv2d-load', (e) => this.load((e as CustomEvent<Conv2dSettings>).detail));
    wireCopy(this.q('[data-copy]'), this.q('[data-call]'), this.q('[data-copy-status]'));
    this.q('[data-copy-link]').addEventListener('click', () => void this.copyLink());
    this.q('[data-copy-mdx]').addEventListener('click', () => void this.copyMdx());
    // tfjs comes with the first look or the first touch, whichever is sooner.
    this.addEventListener('focusin', () => this.ensureTf(), { once: true });
    if ('IntersectionObserver' in window) {
      const io = new IntersectionObserver((entries) => {
        if (entries.some((en) => en.isIntersecting)) { io.disconnect(); this.ensureTf(); }
      });
      io.observe(this);
    } else this.ensureTf();
    this.update();
    // A link to this explorer (?{id}.{setting}=…) replaces the props' settings, checked like the props.
    // Its reader loads only when a link names this explorer (it is not part of the page's first script).
    const linked = linkedSettings(location.search, this.id);
    if (linked.length) void this.openLink(linked);
  }

  private async openLink(linked: ReturnType<typeof linkedSettings>) {
    const { explorerStateFromLink } = await import('../../../lib/concepts/conv2d-link');
    const fromLink = explorerStateFromLink(this.state, linked);
    if (fromLink.ok) {
      this.state = fromLink.state;
      this.update();
      this.q<HTMLInputElement>('[data-link]').checked = SETTING_NAMES.every((n) => this.state.settings[n][0] === this.state.settings[n][1]);
      this.player.seek(fromLink.step);
    } else {
      this.linkProblem = fromLink.message;
      this.showProblem(fromLink.message, true);
    }
    scrollIfLinked(this.id, this);
  }

  /** A link that reproduces the drawing: its settings and window step, keyed by this explorer's id. */
  private async copyLink() {
    const { explorerLinkSettings } = await import('../../../lib/concepts/conv2d-link');
    const url = pageLink(linkSearch(this.id, explorerLinkSettings(this.good, this.player.step)));
    this.dataset.link = url;
    const stale = this.dataset.valid === 'false' ? ' (the settings last drawn, not the edit with a problem)' : '';
    await copyLink(url, this.q('[data-link-status]'), this.q<HTMLInputElement>('[data-link-field]'), stale);
  }

  /** "Copy as MDX": <Conv2dExplorer> with the grids and settings drawn, to paste into a lecture. */
  private async copyMdx() {
    const mdx = explorerMdx(this.good);
    this.dataset.mdx = mdx;
    const stale = this.dataset.valid === 'false' ? ' (the settings last drawn, not the edit with a problem)' : '';
    await copyText(mdx, this.q('[data-mdx-status]'), this.q<HTMLTextAreaElement>('[data-mdx-field]'), 'MDX', stale);
  }

  private load(settings: Conv2dSettings) {
    this.state = withPreset(this.state, settings);
    this.player.pause();
    this.player.step = 0;
    this.update({ user: true });
  }

  private onSetting(input: HTMLInputElement) {
    const name = input.dataset.name as SettingName;
    const axis = Number(input.dataset.axis) as 0 | 1;
    const value = input.valueAsNumber;
    this.state = withSetting(this.state, name, axis, value);
    if (this.q<HTMLInputElement>('[data-link]').checked) this.state = withSetting(this.state, name, axis === 0 ? 1 : 0, value);
    this.update({ editing: input, user: true });
  }

  private onGridText(area: HTMLTextAreaElement, which: 'input' | 'kernel') {
    const parsed = parseGrid(area.value, which === 'input' ? 'input' : 'kernel', which === 'input' ? 28 : 7);
    if (!parsed.ok) return this.showProblem(parsed.message);
    if (!this.tf) void this.ensureTf();
    this.state = which === 'input' ? withNumbers(this.state, parsed.grid) : withKernel(this.state, parsed.grid);
    this.update({ editing: area, user: true });
  }

  private async ensureTf() {
    if (this.tf || this.tfLoading) return;
    this.tfLoading = true;
    const status = this.q('[data-tf-status]');
    status.textContent = 'Loading TensorFlow.js…';
    try {
      const { loadTf, WIDGET_TF } = await import('../../../lib/tfjs/load-tf');
      this.tf = { tf: await loadTf(WIDGET_TF), tfConv2d };
      this.update();
    } catch (e) {
      status.textContent = `${loadFailureMessage(e, 'TensorFlow.js')} The output shown is the math core's; it retries on your next change.`;
    } finally {
      this.tfLoading = false;
    }
  }

  /** Puts the state into the form controls, except the one being typed into. */
  private syncControls(editing?: Element) {
    const s = this.state.settings;
    for (const input of this.querySelectorAll<HTMLInputElement>('input[data-name]')) {
      if (input === editing) continue;
      const v = s[input.dataset.name as SettingName][Number(input.dataset.axis)];
      if (input.valueAsNumber !== v) input.value = String(v);
      input.disabled = input.dataset.name === 'input' && this.state.source === 'digit';
    }
    const xArea = this.q<HTMLTextAreaElement>('[data-x]');
    if (xArea !== editing) xArea.value = gridToText(this.state.numbers);
    xArea.disabled = this.state.source === 'digit';
    const wArea = this.q<HTMLTextAreaElement>('[data-w]');
    if (wArea !== editing) wArea.value = gridToText(this.state.kernel);
    const bias = this.q<HTMLInputElement>('[data-bias]');
    if (bias !== editing && bias.valueAsNumber !== this.state.bias) bias.value = String(this.state.bias);
    this.q<HTMLSelectElement>('[data-source]').value = this.state.source === 'digit' ? `digit-${this.state.digit}` : 'numbers';
  }

  /** Says what is wrong; the drawing goes (its settings cannot be drawn) unless `keepDrawing` (a link's problem). */
  private showProblem(message: string, keepDrawing = false) {
    const err = this.q('[data-error]');
    err.textContent = message;
    err.hidden = false;
    if (keepDrawing) return;
    this.q('[data-body]').hidden = true;
    this.player.pause();
    this.dataset.valid = 'false';
  }

  /** Redraws from the state; `user` marks a student's change, which also fetches tfjs if needed. */
  private update(o: { editing?: Element; user?: boolean } = {}) {
    const t0 = performance.now();
    if (o.user && !this.tf) void this.ensureTf();
    this.syncControls(o.editing);
    const st = this.state;
    const out = compute(st);
    if (!out.ok) return this.showProblem(out.message);
    if (o.user) this.linkProblem = null;
    // A redraw of its own (tfjs arrived) keeps a rejected link's message.
    if (this.linkProblem === null) this.q('[data-error]').hidden = true;
    this.q('[data-body]').hidden = false;
    this.dataset.valid = 'true';
    this.good = st;
    const s = st.settings;
    const opts = convOptions(s);
    let y = out.y;
    const status = this.q('[data-tf-status]');
    if (this.tf) {
      try {
        const checked = checkTfOutput(st, out.x, out.y, this.tf.tfConv2d(this.tf.tf, [out.x], [[st.kernel]], [st.bias], opts)[0], this.tf.tf.getBackend());
        y = checked.y;
        status.textContent = checked.text;
        status.classList.toggle('is-error', !checked.comparison.matches && !checked.comparison.overflow);
        this.dataset.source = checked.comparison.matches ? 'tfjs' : 'core';
        this.dataset.tfMatch = checked.comparison.overflow ? 'overflow' : String(checked.comparison.matches);
      } catch (e) {
        y = out.y;
        status.textContent = `tf.conv2d failed (${e instanceof Error ? e.message : String(e)}); showing the math core's output.`;
        this.dataset.source = 'core';
      }
    } else this.dataset.source = 'core';
    this.x = out.x;
    this.y = y;
    const numbers = st.source === 'numbers';
    const [pr, pc] = paddedShape(s);
    const [or, oc] = outputShape(s);
    const step = Math.min(this.player.step, stepCount(s) - 1);
    this.view.draw(s, {
      inputCell: numbers ? cellSizeFor(Math.max(pr, pc), 260, 16, 34) : cellSizeFor(Math.max(pr, pc), 300, 6, 12),
      outputCell: numbers ? cellSizeFor(Math.max(or, oc), 240, 16, 34) : cellSizeFor(Math.max(or, oc), 300, 6, 12),
      kernelCell: 30, x: out.x, y, w: st.kernel, numbers,
    }, step);
    resizeControls(this.controls, s);
    this.player.resize(stepCount(s));
    const formula = this.q('[data-formula]');
    formula.textContent = '';
    formula.append(sizeFormula(s, 0), document.createElement('br'), sizeFormula(s, 1));
    this.q('[data-call]').textContent = conv2dCall([out.x], [[st.kernel]], [st.bias], opts);
    this.dataset.updateMs = (performance.now() - t0).toFixed(2);
  }

  private sentence(step: number): string {
    const s = this.state.settings;
    const cell = stepCell(s, step);
    const v = this.y[cell[0]]?.[cell[1]];
    if (v === undefined) return '';
    return `Step ${step + 1} of ${stepCount(s)}: ${valueSentence(s, cell, this.x, this.state.kernel, this.state.bias, v)}`;
  }
}
export function define(): void {
  if (!customElements.get('conv2d-explorer')) customElements.define('conv2d-explorer', Conv2dExplorer);
}
