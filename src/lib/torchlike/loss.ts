// The loss (nn.CrossEntropyLoss): mean softmax cross-entropy, with its gradient written out.
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { CROSS_ENTROPY_KERNEL } from '../tfjs/kernel-names';
import { boundTf } from './backend';
import { hasKernel } from './fused-ops';

type GradFn = Parameters<TF['customGrad']>[0];

/**
 * Mean softmax cross-entropy of logits [B, C] against class labels [B] (int32 or whole float32
 * numbers) or targets [B, C] such as one-hot rows (nn.CrossEntropyLoss). The gradient is written
 * out, (softmax − target)/B; the labels get none. On wasm the loss and its gradient are one kernel.
 */
export function crossEntropy(tf: TF, logits: tfc.Tensor2D, labels: tfc.Tensor): tfc.Scalar {
  // customGrad passes the inputs and then the save function as trailing arguments; the labels are
  // no input of the op (they need no gradient), only used by it.
  if (hasKernel(tf, CROSS_ENTROPY_KERNEL)) {
    const f = tf.customGrad(((z: tfc.Tensor, save: tfc.GradSaveFunc) => {
      const [value, dz] = tf.engine().runKernel(CROSS_ENTROPY_KERNEL, { logits: z, labels }, {}) as tfc.Tensor[];
      save([dz]);
      return { value, gradFunc: (dy: tfc.Tensor, [g]: tfc.Tensor[]) => tf.mul(g, dy) };
    }) as unknown as GradFn);
    return f(logits) as tfc.Scalar;
  }
  const classes = logits.shape[1] ?? 0;
  const target = labels.rank === 1 ? tf.cast(tf.oneHot(tf.cast(labels, 'int32') as tfc.Tensor1D, classes), 'float32') : labels;
  const f = tf.customGrad(((z: tfc.Tensor, save: tfc.GradSaveFunc) => {
    const logp = tf.logSoftmax(z);
    save([logp, target]);
    const value = tf.neg(tf.mean(tf.sum(tf.mul(target, logp), -1)));
    return {
      value,
      gradFunc: (dy: tfc.Tensor, [lp, t]: tfc.Tensor[]) => tf.mul(tf.sub(tf.exp(lp), t), tf.div(dy, lp.shape[0])),
    };
  }) as unknown as GradFn);
  return f(logits) as tfc.Scalar;
}

/** nn.CrossEntropyLoss: `lossFunc.forward(logits [B, C], labels int32 [B] or one-hot [B, C])`. */
export class CrossEntropyLoss {
  forward(logits: tfc.Tensor, labels: tfc.Tensor): tfc.Scalar {
    return crossEntropy(boundTf(), logits as tfc.Tensor2D, labels);
  }
}
