// The <conv2d-animation> element, loaded when it first comes into view (or is focused, or a link names it):
// its code is not part of the lecture's first script. Wired in Conv2dAnimation.astro.
import { stepCount, type Conv2dSettings } from '../../../lib/concepts/conv2d-geometry';
import { stepSentence } from '../../../lib/concepts/conv2d-text';
import { linkedSettings, linkSearch } from '../../../lib/concepts/url-state';
import { copyLink, pageLink, scrollIfLinked } from './copy-code';
import { WIDGET_WANTED } from '../../when-visible';
import { GridView, autoplayWhenVisible, resizeControls, wireCopy, wirePlayer } from '../Conv2dView';

class Conv2dAnimation extends HTMLElement {
  private started = false;

  connectedCallback() {
    if (this.started) return;
    this.started = true;
    const q = <T extends Element>(sel: string) => this.querySelector<T>(sel)!;
    const s = JSON.parse(this.dataset.settings!) as Conv2dSettings;
    const view = new GridView({ input: q('[data-input]'), output: q('[data-output]') });
    view.draw(s, { inputCell: Number(this.dataset.cell), outputCell: Number(this.dataset.outCell) }, 0);
    const controls = {
      play: q<HTMLButtonElement>('[data-play]'), prev: q<HTMLButtonElement>('[data-prev]'), next: q<HTMLButtonElement>('[data-next]'),
      scrub: q<HTMLInputElement>('[data-scrub]'), live: q<HTMLElement>('[data-live]'), output: q<HTMLElement>('[data-output]'),
    };
    const player = wirePlayer(controls, stepCount(s), (k) => view.show(k), (k) => stepSentence(s, k));
    resizeControls(controls, s);
    // A link to this figure (?{id}.step=…) sets the window's step; the figure then holds still there.
    const linked = this.id ? linkedSettings(location.search, this.id) : [];
    if (linked.length) {
      // The link reader loads only when a link names this figure.
      void import('../../../lib/concepts/conv2d-link').then(({ animationStepFromLink }) => {
        const fromLink = animationStepFromLink(linked, stepCount(s));
        if (fromLink.ok) player.seek(fromLink.step);
        else Object.assign(q<HTMLElement>('[data-error]'), { textContent: fromLink.message, hidden: false });
        scrollIfLinked(this.id, this);
      });
    }
    autoplayWhenVisible(this, player, linked.length > 0);
    this.querySelector<HTMLButtonElement>('[data-copy-link]')?.addEventListener('click', () => {
      const url = pageLink(linkSearch(this.id, [['step', String(player.step + 1)]]));
      this.dataset.link = url;
      void copyLink(url, q('[data-link-status]'), q<HTMLInputElement>('[data-link-field]'));
    });
    wireCopy(q('[data-copy]'), q('[data-call]'), q('[data-copy-status]'));
    this.querySelector<HTMLButtonElement>('[data-explore]')?.addEventListener('click', async () => {
      const target = document.getElementById(this.dataset.explorer!);
      if (!target) return;
      player.pause();
      // The explorer's code may not be loaded yet (it loads when first seen): ask for it, then hand over.
      target.dispatchEvent(new Event(WIDGET_WANTED));
      await customElements.whenDefined('conv2d-explorer');
      target.dispatchEvent(new CustomEvent('conv2d-load', { detail: s }));
      target.scrollIntoView({ block: 'start', behavior: 'auto' });
      target.querySelector<HTMLElement>('[data-focus-on-load]')?.focus({ preventScroll: true });
    });
  }
}
export function define(): void {
  if (!customElements.get('conv2d-animation')) customElements.define('conv2d-animation', Conv2dAnimation);
}
