// The notebook in the page: <nb-cell> (one per runnable cell, nb-cell.ts) and <nb-bar> (Run all, Stop,
// Restart, status) wired to the page's one notebook (notebook-controller.ts).
import { notebook, type StatusBar } from './notebook-controller';
import { NbCell } from './nb-cell';

/** For the workshop's views: "Resume training" runs the cell of a saved run, resuming it. */
export function resumeCell(label: string): void {
  notebook.resume(label);
}

class NbBar extends HTMLElement implements StatusBar {
  private statusEl!: HTMLElement;
  connectedCallback() {
    this.statusEl = this.querySelector('[data-nb-status]')!;
    notebook.bars.add(this);
    notebook.ensureSession(); // the bar hears of a restart from any Stop (an exercise's too); no worker starts yet
    this.querySelector('[data-nb-run-all]')?.addEventListener('click', () => notebook.runAll());
    this.querySelector('[data-nb-stop]')?.addEventListener('click', () => void notebook.stop());
    this.querySelector('[data-nb-restart]')?.addEventListener('click', () => notebook.restart());
    this.hidden = false;
    const help = this.previousElementSibling;
    if (help instanceof HTMLElement && help.hasAttribute('data-nb-help')) help.hidden = false;
  }
  disconnectedCallback() {
    notebook.bars.delete(this);
  }
  setStatus(text: string, error: boolean) {
    this.statusEl.textContent = text;
    this.statusEl.classList.toggle('nb-status-error', error);
  }
}

customElements.define('nb-bar', NbBar);
customElements.define('nb-cell', NbCell);
