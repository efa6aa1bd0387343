// LeNet-5 as the workshop defines it: the one layer table. It builds the model (lenet5.ts),
// names and shapes its weights (model.ts), and draws the architecture diagram with its shapes and
// parameter counts (src/lib/concepts/lenet-architecture.ts). Plain data: no tfjs.

export type LeNetLayerSpec =
  | { kind: 'conv'; name: string; field: string; key: string; inChannels: number; outChannels: number; kernelSize: number; padding: number; relu: true }
  | { kind: 'pool'; name: string; field: string; kernelSize: number; stride: number }
  | { kind: 'dense'; name: string; field: string; key: string; inFeatures: number; outFeatures: number; relu: boolean };

/**
 * C1 conv 6@5×5 pad 2 + ReLU, S2 max-pool 2/2, C3 conv 16@5×5 + ReLU, S4 max-pool 2/2,
 * C5 conv 120@5×5 + ReLU, F6 dense 84 + ReLU, output dense 10 (the softmax is in the loss).
 * `field` is the attribute name in the notebook's class (PyTorch's), `key` the weights-file name.
 */
export const LENET5_LAYERS: readonly LeNetLayerSpec[] = [
  { kind: 'conv', name: 'C1', field: 'conv1', key: 'c1', inChannels: 1, outChannels: 6, kernelSize: 5, padding: 2, relu: true },
  { kind: 'pool', name: 'S2', field: 'maxPool2', kernelSize: 2, stride: 2 },
  { kind: 'conv', name: 'C3', field: 'conv3', key: 'c3', inChannels: 6, outChannels: 16, kernelSize: 5, padding: 0, relu: true },
  { kind: 'pool', name: 'S4', field: 'maxPool4', kernelSize: 2, stride: 2 },
  { kind: 'conv', name: 'C5', field: 'conv5', key: 'c5', inChannels: 16, outChannels: 120, kernelSize: 5, padding: 0, relu: true },
  { kind: 'dense', name: 'F6', field: 'fc6', key: 'f6', inFeatures: 120, outFeatures: 84, relu: true },
  { kind: 'dense', name: 'Output', field: 'fcOutput', key: 'out', inFeatures: 84, outFeatures: 10, relu: false },
];

