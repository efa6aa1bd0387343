// The <conv2d-explorer> element, loaded when it first comes into view (or is focused, or a link names it):
// its code is not part of the lecture's first script. Wired in Conv2dExplorer.astro. Its fields are
// conv2d-explorer-fields.ts, its tfjs conv2d-explorer-tf.ts; what they compute is src/lib's.
import { compute, convOptions, withPreset, type ExplorerState } from '../../../lib/concepts/conv2d-explorer';
import { explorerCells, explorerSentence, explorerStaleNote, sameOnBothAxes } from '../../../lib/concepts/conv2d-explorer-form';
import { stepCount, type Conv2dSettings } from '../../../lib/concepts/conv2d-geometry';
import { sizeFormula } from '../../../lib/concepts/conv2d-text';
import { linkedSettings, linkSearch } from '../../../lib/concepts/url-state';
import { conv2dCall } from '../../../lib/conv/tf-call';
import { copyWidgetLink, copyWidgetMdx, pageLink, scrollIfLinked } from './copy-code';
import { explorerMdx } from '../../../lib/authoring/explorer-mdx';
import { GridView, resizeControls, wireCopy, wirePlayer } from '../Conv2dView';
import { syncFields, wireFields } from './conv2d-explorer-fields';
import { ExplorerTf } from './conv2d-explorer-tf';

class Conv2dExplorer extends HTMLElement {
  private state!: ExplorerState;
  /** The settings drawn: the last that worked. Links are made from these. */
  private good!: ExplorerState;
  private view!: GridView;
  private player!: ReturnType<typeof wirePlayer>;
  private controls!: Parameters<typeof resizeControls>[0];
  private x: number[][] = [];
  private y: number[][] = [];
  private tf = new ExplorerTf(this, () => this.update());
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
    this.player = wirePlayer(this.controls, stepCount(this.state.settings), (k) => this.view.show(k), (k) => explorerSentence(this.state, k, this.x, this.y));
    wireFields(this, {
      state: () => this.state,
      edit: (state, editing) => {
        this.state = state;
        this.update({ editing, user: true });
      },
      problem: (message) => this.showProblem(message),
      load: (settings) => this.load(settings),
      typed: () => void this.tf.ensure(),
    });
    this.addEventListener('conv2d-load', (e) => this.load((e as CustomEvent<Conv2dSettings>).detail));
    wireCopy(this.q('[data-copy]'), this.q('[data-call]'), this.q('[data-copy-status]'));
    // A link that reproduces the drawing: its settings and window step, keyed by this explorer's id.
    this.q('[data-copy-link]').addEventListener('click', async () => {
      const { explorerLinkSettings } = await import('../../../lib/concepts/conv2d-link');
      await copyWidgetLink(this, pageLink(linkSearch(this.id, explorerLinkSettings(this.good, this.player.step))), explorerStaleNote(this.dataset.valid === 'false'));
    });
    // "Copy as MDX": <Conv2dExplorer> with the grids and settings drawn, to paste into a lecture.
    this.q('[data-copy-mdx]').addEventListener('click', () => void copyWidgetMdx(this, explorerMdx(this.good), explorerStaleNote(this.dataset.valid === 'false')));
    // tfjs comes with the first look or the first touch, whichever is sooner.
    this.addEventListener('focusin', () => void this.tf.ensure(), { once: true });
    if ('IntersectionObserver' in window) {
      const io = new IntersectionObserver((entries) => {
        if (entries.some((en) => en.isIntersecting)) { io.disconnect(); void this.tf.ensure(); }
      });
      io.observe(this);
    } else void this.tf.ensure();
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
      this.q<HTMLInputElement>('[data-link]').checked = sameOnBothAxes(this.state.settings);
      this.player.seek(fromLink.step);
    } else {
      this.linkProblem = fromLink.message;
      this.showProblem(fromLink.message, true);
    }
    scrollIfLinked(this.id, this);
  }

  private load(settings: Conv2dSettings) {
    this.state = withPreset(this.state, settings);
    this.player.pause();
    this.player.step = 0;
    this.update({ user: true });
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
    if (o.user && !this.tf.loaded) void this.tf.ensure();
    syncFields(this, this.state, o.editing);
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
    const y = this.tf.output(st, out.x, out.y);
    this.x = out.x;
    this.y = y;
    const numbers = st.source === 'numbers';
    const step = Math.min(this.player.step, stepCount(s) - 1);
    this.view.draw(s, { ...explorerCells(s, numbers), x: out.x, y, w: st.kernel, numbers }, step);
    resizeControls(this.controls, s);
    this.player.resize(stepCount(s));
    const formula = this.q('[data-formula]');
    formula.textContent = '';
    formula.append(sizeFormula(s, 0), document.createElement('br'), sizeFormula(s, 1));
    this.q('[data-call]').textContent = conv2dCall([out.x], [[st.kernel]], [st.bias], convOptions(s));
    this.dataset.updateMs = (performance.now() - t0).toFixed(2);
  }
}
export function define(): void {
  if (!customElements.get('conv2d-explorer')) customElements.define('conv2d-explorer', Conv2dExplorer);
}
