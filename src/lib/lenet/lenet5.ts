// LeNet-5 as a torchlike module, built from the workshop's one layer table (lenet5-layers.ts).
import type * as tfc from '@tensorflow/tfjs-core';
import { Conv2d, Linear, MaxPool2d, Module, boundTf } from '../torchlike';
import { LENET5_LAYERS, type LeNetLayerSpec } from './lenet5-layers';

export { LENET5_LAYERS, type LeNetLayerSpec };

/** A layer of the table as a torchlike module (PyTorch's initialisation). */
function layerFor(spec: LeNetLayerSpec): Module {
  switch (spec.kind) {
    case 'conv':
      return new Conv2d({ inChannels: spec.inChannels, outChannels: spec.outChannels, kernelSize: spec.kernelSize, padding: spec.padding, activation: 'relu' });
    case 'pool':
      return new MaxPool2d({ kernelSize: spec.kernelSize, stride: spec.stride });
    case 'dense':
      return new Linear({ inFeatures: spec.inFeatures, outFeatures: spec.outFeatures, activation: spec.relu ? 'relu' : 'linear' });
  }
}

/** LeNet-5 on 28×28×1 images (padding 2 on C1 makes them the 32×32 the network expects). */
export class LeNet5 extends Module {
  constructor() {
    super();
    for (const spec of LENET5_LAYERS) (this as unknown as Record<string, Module>)[spec.field] = layerFor(spec);
  }

  forward(x: tfc.Tensor): tfc.Tensor2D {
    const tf = boundTf();
    let y = x;
    for (const [, layer] of this.children()) {
      // C5's 1×1×120 maps become a vector before the fully connected layers (x.view in PyTorch).
      if (layer instanceof Linear && y.rank !== 2) y = tf.reshape(y, [y.shape[0], -1]);
      y = layer.forward(y);
    }
    return y as tfc.Tensor2D;
  }
}
