// The live TensorFlow.js check of a 1D concept widget: loads tfjs on first use, runs the view's tfjs tasks
// (tf-tasks.ts) after each redraw has painted, and shows tfjs's results beside the math core's with the
// comparison (tf-compare.ts). Sets the widget's data-tf-match and data-tf-state.
import type { ConceptState, View } from '../../../lib/concepts/concept-types';
import { liveCheckText, tfDisagrees, tfMatchAttr } from '../../../lib/concepts/tf-compare';
import { resultText } from '../../../lib/concepts/widget-text';
import { loadFailureMessage } from '../../../lib/site/load-failure';
import { Coalescer } from '../../../lib/site/coalesce';
import type { TF } from '../../../lib/tfjs/tf';
import { pair } from './concept-1d-draw';

export class Concept1dTfCheck {
  private tf: TF | null = null;
  private loading: Promise<void> | null = null;
  /** After the redraw has painted, so tfjs never delays the picture; many edits, one tfjs run. */
  private later = new Coalescer(() => void this.run(), { timing: 'after-paint' });

  /** `current()`: the view drawn and its settings, read when a run starts and again when it ends. */
  constructor(
    private readonly root: HTMLElement,
    private readonly current: () => { view: View; state: ConceptState },
  ) {}

  /** Loads tfjs once (again after a failure, on the next interaction) and checks the view drawn. */
  ensure(): void {
    if (this.loading) return;
    const status = this.root.querySelector('[data-tf-status]')!;
    status.textContent = 'Loading TensorFlow.js…';
    this.loading = (async () => {
      try {
        const { loadTf, WIDGET_TF } = await import('../../../lib/tfjs/load-tf');
        this.tf = await loadTf(WIDGET_TF);
        await this.run();
      } catch (err) {
        this.loading = null; // the next interaction retries
        status.classList.add('is-error');
        status.textContent = `${loadFailureMessage(err, 'TensorFlow.js')} The numbers above come from the math core.`;
      }
    })();
  }

  /** A new view was drawn: check it once tfjs is there. */
  schedule(): void {
    if (!this.tf) return;
    this.later.request();
  }

  private async run(): Promise<void> {
    const tf = this.tf;
    if (!tf) return;
    const status = this.root.querySelector('[data-tf-status]')!;
    const list = this.root.querySelector('[data-tf-results]')!;
    try {
      const [{ runTfTasks, summarize, tasksNeedLayers }, loader] = await Promise.all([import('../../../lib/concepts/tf-tasks'), import('../../../lib/tfjs/load-tf')]);
      const view = this.current().view;
      const tfl = tasksNeedLayers(view.tfTasks) ? await loader.loadTfLayers(loader.WIDGET_TF) : null;
      if (view !== this.current().view) return; // settings changed meanwhile; the newer run shows its result
      const outcomes = runTfTasks(tf, tfl, view.tfTasks);
      list.replaceChildren(...outcomes.map((o) => pair(`tfjs ${o.label}`, resultText({ key: o.key, label: o.label, values: o.values }), 'data-tf-result', o.key)));
      const c = summarize(outcomes);
      status.classList.toggle('is-error', tfDisagrees(c));
      status.textContent = liveCheckText(c, tf.version_core, tf.getBackend());
      this.root.dataset.tfMatch = tfMatchAttr(c);
      this.root.dataset.tfState = JSON.stringify(this.current().state);
    } catch (err) {
      status.classList.add('is-error');
      status.textContent = `TensorFlow.js could not compute this: ${err instanceof Error ? err.message : String(err)}`;
      this.root.dataset.tfMatch = 'error';
    }
  }
}
