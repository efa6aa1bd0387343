// The controls of <weights-status controls>: download the current model, load weights from a file,
// and the offer to resume (or discard) the notebook's saved training run after a reload.
// The file format is src/lib/lenet/weights-file.ts; the words are src/lib/workshop/weights-label.ts.
import type { TrainCheckpoint } from '../../lib/workshop/protocol';
import { decodeWeightsFile, encodeWeightsFile } from '../../lib/lenet/weights-file';
import { isUnfinished } from '../../lib/workshop/checkpoint-store';
import { savedRunText, weightsFileName } from '../../lib/workshop/weights-label';
import { resumeCell } from '../notebook/notebook';
import { getCheckpointStore, getHost, messageOf } from './host';

/** Saves the current model as a file in the browser's downloads. */
async function downloadWeights(): Promise<void> {
  const weights = await getHost().getWeights();
  const bytes = encodeWeightsFile(weights);
  const url = URL.createObjectURL(new Blob([bytes.slice().buffer], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = weightsFileName(weights.info);
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Makes the weights in `file` the page's current model (throws with the reason when it cannot). */
async function uploadWeights(file: File): Promise<void> {
  const weights = decodeWeightsFile(new Uint8Array(await file.arrayBuffer()));
  weights.info = { ...weights.info, source: 'uploaded' };
  await getHost().setWeights(weights, 'file');
}

export class WeightsControls {
  private saved?: TrainCheckpoint;
  private readonly q: <T extends HTMLElement>(sel: string) => T;

  /** `discarded` runs once the saved runs are gone. */
  constructor(root: HTMLElement, discarded: () => void) {
    this.q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
    this.q('[data-panel]').hidden = false;
    this.q('[data-download]').addEventListener('click', () => this.attempt('Could not download the weights', downloadWeights));
    this.q('[data-upload]').addEventListener('click', () => this.q('[data-file]').click());
    const input = this.q<HTMLInputElement>('[data-file]');
    input.addEventListener('change', () => {
      const file = input.files?.[0];
      input.value = '';
      if (file) this.attempt(`Could not load ${file.name}`, () => uploadWeights(file));
    });
    this.q('[data-resume]').addEventListener('click', () => {
      if (!this.saved?.cell) return;
      this.q('[data-offer]').hidden = true;
      resumeCell(this.saved.cell);
    });
    this.q('[data-discard]').addEventListener('click', () => this.attempt('Could not discard the saved runs', async () => {
      await getCheckpointStore().clearAll();
      this.saved = undefined;
      this.q('[data-offer]').hidden = true;
      discarded();
    }, false));
  }

  /** Runs `action`; a failure shows as `what: why` (with `clear`, the earlier error goes first). */
  private attempt(what: string, action: () => Promise<void>, clear = true) {
    if (clear) this.error('');
    action().catch((err) => this.error(`${what}: ${messageOf(err)}`));
  }

  error(text: string): void {
    this.q('[data-error]').textContent = text;
  }

  /** While a cell runs, no other weights come in and no run resumes. */
  setCellRunning(on: boolean): void {
    this.q<HTMLButtonElement>('[data-upload]').disabled = on;
    this.q<HTMLButtonElement>('[data-resume]').disabled = on;
  }

  /** The saved run found after a reload: offered for resuming when it has steps left. */
  offer(cp: TrainCheckpoint): void {
    this.saved = cp;
    const unfinished = isUnfinished(cp) && !!cp.cell;
    this.q('[data-offer-text]').textContent = savedRunText(cp, unfinished);
    this.q('[data-resume]').hidden = !unfinished;
    this.q('[data-offer]').hidden = false;
  }
}
