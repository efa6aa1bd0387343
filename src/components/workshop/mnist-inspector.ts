// <mnist-inspector>: wires the Load/Stop/Retry buttons to src/lib/mnist and draws what it returns.
import {
  MnistLoadError, imageRgba, inspectionFacts, isMnistCached, loadMnist, progressText, readyText,
  type LoadedMnist, type MnistProgress,
} from '../../lib/mnist';

const GRID = 20; // the notebook shows the first 20 training images, 4 rows × 5 columns

type State = 'idle' | 'loading' | 'ready' | 'error';

class MnistInspector extends HTMLElement {
  private ctrl?: AbortController;
  private q = <T extends HTMLElement>(sel: string) => this.querySelector<T>(sel)!;

  connectedCallback() {
    this.q('[data-load]').addEventListener('click', () => void this.start());
    this.q('[data-retry]').addEventListener('click', () => void this.start());
    this.q('[data-stop]').addEventListener('click', () => this.ctrl?.abort());
    // A returning visitor has the files cached: show them at once, no click needed.
    isMnistCached().then(
      (cached) => {
        if (cached && this.state === 'idle') void this.start();
      },
      () => {},
    );
  }

  disconnectedCallback() {
    this.ctrl?.abort();
  }

  private get state(): State {
    return (this.dataset.state as State) || 'idle';
  }

  private set state(s: State) {
    this.dataset.state = s;
    this.setAttribute('aria-busy', String(s === 'loading'));
  }

  private async start(): Promise<void> {
    if (this.state === 'loading' || this.state === 'ready') return;
    const hadFocus = this.contains(document.activeElement);
    this.state = 'loading';
    this.q('[data-error]').hidden = true;
    this.q('[data-load]').hidden = true;
    const stop = this.q<HTMLButtonElement>('[data-stop]');
    stop.hidden = false;
    if (hadFocus) stop.focus();
    const bar = this.q<HTMLProgressElement>('[data-progress]');
    bar.hidden = false;
    bar.removeAttribute('value'); // indeterminate until the manifest gives the total
    this.status('Looking up the MNIST files…');
    const ctrl = new AbortController();
    this.ctrl = ctrl;
    try {
      const mnist = await loadMnist({ signal: ctrl.signal, onProgress: (p) => this.progress(p) });
      await this.render(mnist);
    } catch (e) {
      if (this.ctrl === ctrl) this.fail(e, hadFocus || this.contains(document.activeElement));
    } finally {
      stop.hidden = true;
      bar.hidden = this.state !== 'loading';
    }
  }

  private progress(p: MnistProgress): void {
    const bar = this.q<HTMLProgressElement>('[data-progress]');
    if (p.totalBytes > 0) {
      bar.max = p.totalBytes;
      bar.value = p.loadedBytes;
    }
    this.status(progressText(p));
  }

  private fail(e: unknown, refocus: boolean): void {
    if (e instanceof MnistLoadError && e.kind === 'aborted') {
      this.state = 'idle';
      const load = this.q<HTMLButtonElement>('[data-load]');
      load.hidden = false;
      if (refocus) load.focus();
      this.status('Stopped. Nothing was kept from the unfinished download; Load MNIST starts again.');
      return;
    }
    this.state = 'error';
    const message = e instanceof Error ? e.message : String(e);
    this.q('[data-error-text]').textContent = `MNIST could not be loaded. ${message}`;
    this.q('[data-error]').hidden = false;
    this.status('');
    if (refocus) this.q<HTMLButtonElement>('[data-retry]').focus();
  }

  private async render(mnist: LoadedMnist): Promise<void> {
    const grid = this.q<HTMLOListElement>('[data-grid]');
    const items: HTMLLIElement[] = [];
    for (let i = 0; i < Math.min(GRID, mnist.train.count); i++) {
      const label = mnist.train.labels[i];
      const li = document.createElement('li');
      const title = document.createElement('span');
      title.className = 'mi-title';
      title.textContent = `Label: ${label}`;
      const canvas = document.createElement('canvas');
      canvas.width = mnist.train.cols;
      canvas.height = mnist.train.rows;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Training image ${i + 1}: a handwritten ${label}`);
      canvas.dataset.label = String(label);
      canvas.getContext('2d')?.putImageData(new ImageData(imageRgba(mnist.train, i), mnist.train.cols, mnist.train.rows), 0, 0);
      li.append(title, canvas);
      items.push(li);
    }
    grid.replaceChildren(...items);
    this.q('[data-figure]').hidden = false;
    await this.renderFacts(mnist);
    this.state = 'ready';
    this.status(readyText(mnist, mnist.info));
    performance.mark('mnist-data-ready');
    this.dataset.readyMs = String(Math.round(performance.now()));
    this.dispatchEvent(new CustomEvent('mnist-ready', { bubbles: true, detail: mnist.info }));
  }

  private async renderFacts(mnist: LoadedMnist): Promise<void> {
    const facts = inspectionFacts(mnist);
    // KaTeX is loaded only now, as its own chunk; without it the facts read as plain text.
    const katex = await import('katex').then((m) => m.default, () => null);
    const list = this.q<HTMLUListElement>('[data-facts]');
    list.replaceChildren(
      ...facts.map((f) => {
        const li = document.createElement('li');
        const value = document.createElement('span');
        value.className = 'mi-value';
        value.dataset.text = f.text;
        if (katex) value.innerHTML = katex.renderToString(f.tex, { throwOnError: false, output: 'htmlAndMathml' });
        else value.textContent = f.text;
        li.append(f.label, value);
        return li;
      }),
    );
    list.hidden = false;
  }

  private status(text: string): void {
    this.q('[data-status]').textContent = text;
  }
}

export function defineMnistInspector(): void {
  if (!customElements.get('mnist-inspector')) customElements.define('mnist-inspector', MnistInspector);
}
