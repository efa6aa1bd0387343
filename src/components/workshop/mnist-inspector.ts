// <mnist-inspector>: wires the Load/Stop/Retry buttons to src/lib/mnist and draws what it returns.
// The loading runs in a worker of its own, so the page's thread never decompresses, hashes or scans
// the 55 MB (that took tasks of 60–250 ms here); the page receives only the preview it draws.
import {
  MnistLoadError, imageRgba, isMnistCached, loadMnist, mnistBaseUrl, mnistPreview, previewFacts, progressText, readyText,
  type MnistLoadInfo, type MnistPreview, type MnistPreviewReply, type MnistPreviewRequest, type MnistProgress,
} from '../../lib/mnist';

const GRID = 20; // the notebook shows the first 20 training images, 4 rows × 5 columns

interface Loaded {
  preview: MnistPreview;
  info: MnistLoadInfo;
  /** Where the data was loaded: the inspector's worker, or the page where no worker could start. */
  loader: 'worker' | 'page';
}

const stopped = () => new MnistLoadError('Loading MNIST was stopped.', 'aborted');

/** The worker could not start (no Worker, or its script failed to load): load in the page instead. */
class NoWorker extends Error {}

/**
 * Loads MNIST in a new worker and resolves with the preview. The worker is ended once it has
 * answered (freeing its copy of the data) or when `signal` stops the load.
 */
function loadInWorker(signal: AbortSignal, onProgress: (p: MnistProgress) => void): Promise<Loaded> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(stopped());
    let worker: Worker;
    try {
      worker = new Worker(new URL('./mnist-inspector.worker.ts', import.meta.url), { type: 'module', name: 'mnist-inspector' });
    } catch {
      return reject(new NoWorker());
    }
    let heard = false;
    const end = () => {
      worker.terminate();
      signal.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      end();
      reject(stopped());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    worker.onmessage = (e: MessageEvent<MnistPreviewReply>) => {
      heard = true;
      const m = e.data;
      if (m.type === 'progress') return onProgress(m.progress);
      end();
      if (m.type === 'ready') resolve({ preview: m.preview, info: m.info, loader: 'worker' });
      else reject(new MnistLoadError(m.message, m.kind));
    };
    worker.onerror = (e) => {
      e.preventDefault(); // handled here: the load falls back or shows the message with Retry
      end();
      reject(heard ? new MnistLoadError(`The loader stopped unexpectedly: ${e.message || 'worker error'}.`, 'format') : new NoWorker());
    };
    const request: MnistPreviewRequest = { type: 'load', baseUrl: new URL(mnistBaseUrl(), location.href).href, count: GRID };
    worker.postMessage(request);
  });
}

/** The preview from the worker; where no worker can run, the same load in the page. */
async function loadPreview(signal: AbortSignal, onProgress: (p: MnistProgress) => void): Promise<Loaded> {
  if (typeof Worker !== 'undefined') {
    try {
      return await loadInWorker(signal, onProgress);
    } catch (e) {
      if (!(e instanceof NoWorker)) throw e;
    }
  }
  const mnist = await loadMnist({ signal, onProgress });
  return { preview: mnistPreview(mnist, GRID), info: mnist.info, loader: 'page' };
}

type State = 'idle' | 'loading' | 'ready' | 'error';

class MnistInspector extends HTMLElement {
  private ctrl?: AbortController;
  // KaTeX for the facts is fetched and evaluated while the data downloads, as a task of its own,
  // so the frame that draws the grid and the facts stays short.
  private katex?: Promise<typeof import('katex').default | null>;
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
    this.katex ??= import('katex').then((m) => m.default, () => null);
    try {
      await this.render(await loadPreview(ctrl.signal, (p) => this.progress(p)));
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

  private async render({ preview, info, loader }: Loaded): Promise<void> {
    const grid = this.q<HTMLOListElement>('[data-grid]');
    const items: HTMLLIElement[] = [];
    const first = preview.first;
    for (let i = 0; i < first.count; i++) {
      const label = first.labels[i];
      const li = document.createElement('li');
      const title = document.createElement('span');
      title.className = 'mi-title';
      title.textContent = `Label: ${label}`;
      const canvas = document.createElement('canvas');
      canvas.width = first.cols;
      canvas.height = first.rows;
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', `Training image ${i + 1}: a handwritten ${label}`);
      canvas.dataset.label = String(label);
      canvas.getContext('2d')?.putImageData(new ImageData(imageRgba(first, i), first.cols, first.rows), 0, 0);
      li.append(title, canvas);
      items.push(li);
    }
    grid.replaceChildren(...items);
    this.q('[data-figure]').hidden = false;
    await this.renderFacts(preview);
    this.state = 'ready';
    this.status(readyText(preview, info));
    performance.mark('mnist-data-ready');
    this.dataset.readyMs = String(Math.round(performance.now()));
    this.dataset.loader = loader;
    this.dispatchEvent(new CustomEvent('mnist-ready', { bubbles: true, detail: info }));
  }

  private async renderFacts(preview: MnistPreview): Promise<void> {
    const facts = previewFacts(preview);
    // Without KaTeX (its chunk failed to load) the facts read as plain text.
    const katex = await (this.katex ?? null);
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
