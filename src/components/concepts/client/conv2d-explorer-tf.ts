// The 2D explorer's TensorFlow.js: loaded with the first look or touch, then each output is computed by
// tf.conv2d and held against the math core (checkTfOutput). Sets the explorer's data-source and data-tf-match.
import { checkTfOutput, convOptions, type ExplorerState } from '../../../lib/concepts/conv2d-explorer';
import { tfDisagrees, tfMatchAttr } from '../../../lib/concepts/tf-compare';
import { tfConv2d } from '../../../lib/conv/tf';
import { loadFailureMessage } from '../../../lib/site/load-failure';
import type { TF } from '../../../lib/tfjs/tf';

export class ExplorerTf {
  private tf: TF | null = null;
  private loading = false;

  /** `onLoaded`: redraw, now with tfjs's output. */
  constructor(private readonly root: HTMLElement, private readonly onLoaded: () => void) {}

  get loaded(): boolean {
    return this.tf !== null;
  }

  /** Loads tfjs once; after a failure the status says so, and the next change retries. */
  async ensure(): Promise<void> {
    if (this.tf || this.loading) return;
    this.loading = true;
    const status = this.root.querySelector<HTMLElement>('[data-tf-status]')!;
    status.textContent = 'Loading TensorFlow.js…';
    try {
      const { loadTf, WIDGET_TF } = await import('../../../lib/tfjs/load-tf');
      this.tf = await loadTf(WIDGET_TF);
      this.onLoaded();
    } catch (e) {
      status.textContent = `${loadFailureMessage(e, 'TensorFlow.js')} The output shown is the math core's; it retries on your next change.`;
    } finally {
      this.loading = false;
    }
  }

  /** The output grid to draw: tfjs's when it is loaded and agrees with the math core's `core`, else `core`. */
  output(st: ExplorerState, x: number[][], core: number[][]): number[][] {
    const status = this.root.querySelector<HTMLElement>('[data-tf-status]')!;
    const tf = this.tf;
    if (!tf) {
      this.root.dataset.source = 'core';
      return core;
    }
    try {
      const checked = checkTfOutput(st, x, core, tfConv2d(tf, [x], [[st.kernel]], [st.bias], convOptions(st.settings))[0], tf.getBackend());
      status.textContent = checked.text;
      status.classList.toggle('is-error', tfDisagrees(checked.comparison));
      this.root.dataset.source = checked.comparison.matches ? 'tfjs' : 'core';
      this.root.dataset.tfMatch = tfMatchAttr(checked.comparison);
      return checked.y;
    } catch (e) {
      status.textContent = `tf.conv2d failed (${e instanceof Error ? e.message : String(e)}); showing the math core's output.`;
      this.root.dataset.source = 'core';
      return core;
    }
  }
}
