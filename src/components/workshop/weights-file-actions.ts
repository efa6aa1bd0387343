// The weights file of <weights-status>: download the current model, or load one from a file the
// student picked. The file format is src/lib/lenet/weights-file.ts.
import { decodeWeightsFile, encodeWeightsFile } from '../../lib/lenet/weights-file';
import { weightsFileName } from '../../lib/workshop/weights-label';
import { getEngine } from './engine-client';

/** Saves the current model as a file in the browser's downloads. */
export async function downloadWeights(): Promise<void> {
  const weights = await getEngine().getWeights();
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
export async function uploadWeights(file: File): Promise<void> {
  const weights = decodeWeightsFile(new Uint8Array(await file.arrayBuffer()));
  weights.info = { ...weights.info, source: 'uploaded' };
  await getEngine().setWeights(weights, 'file');
}
