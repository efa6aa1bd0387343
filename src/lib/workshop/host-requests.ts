// The requests the workshop's views send to the host in the notebook's worker (src/lib/lenet/
// protocol.ts: start tfjs, load MNIST, the current model's weights, evaluate, predict, feature maps,
// samples, Pause/Continue of a cell's training run), answered through the host's `post`. Training
// itself runs in a notebook cell (src/lib/notebook/training-run.ts). DOM-free.
import type { ModelOrigin, WorkerCommand } from './protocol';
import { createModel, getWeights } from '../lenet/model';
import { evaluate, featureMaps, predict } from '../lenet/evaluate';
import type { WorkshopHost } from './host';

/** Answers one request; a failure rejects (the worker answers it with an `error` event). */
export async function handleRequest(host: WorkshopHost, cmd: WorkerCommand): Promise<void> {
  const id = 'id' in cmd ? cmd.id : undefined;
  const post = host.post;
  switch (cmd.type) {
    case 'init':
    case 'setBackend':
      await host.ensureTf(cmd.backend);
      await host.restoreSaved();
      post({ type: 'ready', id, backend: host.backend!, backends: host.backends, weights: host.current ? { ...host.current.info } : undefined });
      return;
    case 'loadData': {
      const { mnist, split } = await host.data();
      post({ type: 'dataReady', id, counts: { train: split.train.length, validation: split.validation.length, test: mnist.test.count } });
      return;
    }
    // The training view's Pause/Continue: the running cell's training run waits between two steps.
    case 'pause':
      if (!host.pause.paused) {
        host.pause.set(true);
        post({ type: 'paused', step: host.current?.info.steps ?? 0 });
      }
      return;
    case 'resume':
      if (host.pause.paused) {
        host.pause.set(false);
        post({ type: 'resumed', step: host.current?.info.steps ?? 0 });
      }
      return;
    case 'resetModel': {
      const tf = await host.ensureTf();
      const net = createModel(tf, cmd.seed ?? 0);
      host.adopt(net, { source: 'initial', steps: 0, epochs: 0, seed: cmd.seed ?? 0, savedAt: new Date().toISOString() }, 'initial');
      return weightsEvent(host, id);
    }
    case 'getWeights':
      return weightsEvent(host, id);
    case 'setWeights': {
      const origin: ModelOrigin = cmd.weights.info?.source === 'reference' ? 'reference' : cmd.origin ?? 'file';
      await host.loadWeights(cmd.weights, origin);
      return weightsEvent(host, id);
    }
    case 'evaluate': {
      const { net } = await host.requireModel();
      const { mnist } = await host.data();
      const ev = await evaluate(net, mnist.test.images, mnist.test.labels);
      const labels = mnist.test.labels.slice();
      post({ type: 'evaluation', id, ...ev, labels, version: host.version }, [ev.predictions.buffer, labels.buffer]);
      return;
    }
    case 'predict': {
      const { net } = await host.requireModel();
      const p = await predict(net, cmd.images, cmd.n);
      post({ type: 'predictions', id, ...p }, [p.probabilities.buffer]);
      return;
    }
    case 'featureMaps': {
      const { net } = await host.requireModel();
      const f = await featureMaps(net, cmd.image);
      post({ type: 'featureMaps', id, ...f }, [f.c1.data.buffer, f.c3.data.buffer]);
      return;
    }
    case 'getSamples':
      return samples(host, cmd);
  }
}

async function weightsEvent(host: WorkshopHost, id?: number): Promise<void> {
  const { net, info } = await host.requireModel();
  const w = await getWeights(net, info);
  host.post({ type: 'weights', id, weights: w }, [w.data.buffer]);
}

/** Raw pixels and labels of chosen images of a split (test: test-set indices; train/validation: positions in the notebook's split). */
async function samples(host: WorkshopHost, cmd: Extract<WorkerCommand, { type: 'getSamples' }>): Promise<void> {
  const { mnist, split } = await host.data();
  const source = cmd.split === 'test' ? mnist.test : mnist.train;
  const map = cmd.split === 'train' ? split.train : cmd.split === 'validation' ? split.validation : null;
  const count = map ? map.length : source.count;
  const images = new Uint8Array(cmd.indices.length * 784);
  const labels = new Uint8Array(cmd.indices.length);
  cmd.indices.forEach((i, k) => {
    if (!Number.isInteger(i) || i < 0 || i >= count) throw new RangeError(`image ${i} is outside [0, ${count}) of the ${cmd.split} split`);
    const j = map ? map[i] : i;
    source.images.copyTo(j, images, k * 784);
    labels[k] = source.labels[j];
  });
  host.post({ type: 'samples', id: cmd.id, split: cmd.split, indices: cmd.indices, images, labels }, [images.buffer, labels.buffer]);
}
