/// <reference lib="webworker" />
// The inspector's loader: fetches, decompresses, verifies and parses MNIST off the page's thread and
// sends back only what the widget shows (a few kB), so the page never handles the 55 MB itself.
import { loadMnist, MnistLoadError } from '../../lib/mnist/load';
import { mnistPreview, previewTransfer, type MnistPreviewReply, type MnistPreviewRequest } from '../../lib/mnist/preview';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: MnistPreviewReply, transfer: Transferable[] = []) => scope.postMessage(m, transfer);

scope.onmessage = async (e: MessageEvent<MnistPreviewRequest>) => {
  if (e.data?.type !== 'load') return;
  try {
    const mnist = await loadMnist({ baseUrl: e.data.baseUrl, onProgress: (progress) => post({ type: 'progress', progress }) });
    const preview = mnistPreview(mnist, e.data.count);
    post({ type: 'ready', preview, info: mnist.info }, previewTransfer(preview));
  } catch (err) {
    const kind = err instanceof MnistLoadError ? err.kind : 'format';
    post({ type: 'error', message: err instanceof Error ? err.message : String(err), kind });
  }
};
