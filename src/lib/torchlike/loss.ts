// The loss (nn.CrossEntropyLoss): mean softmax cross-entropy, with its gradient written out.
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { boundTf } from './backend';

/**
 * Mean softmax cross-entropy of logits [B, 10] against one-hot labels [B, 10] (nn.CrossEntropyLoss).
 * The gradient is written out, (softmax − onehot)/B, to save ops.
 */
export function crossEntropy(tf: TF, logits: tfc.Tensor2D, oneHot: tfc.Tensor2D): tfc.Scalar {
  // customGrad passes the inputs and then the save function as trailing arguments.
  const f = tf.customGrad(((z: tfc.Tensor, y: tfc.Tensor, save: tfc.GradSaveFunc) => {
    const logp = tf.logSoftmax(z);
    save([logp, y]);
    const value = tf.neg(tf.mean(tf.sum(tf.mul(y, logp), -1)));
    return {
      value,
      gradFunc: (dy: tfc.Tensor, saved: tfc.Tensor[]) => {
        const [lp, yy] = saved;
        const scale = tf.div(dy, lp.shape[0]);
        return [tf.mul(tf.sub(tf.exp(lp), yy), scale), tf.zerosLike(yy)];
      },
    };
  }) as unknown as Parameters<TF['customGrad']>[0]);
  return f(logits, oneHot) as tfc.Scalar;
}

/** nn.CrossEntropyLoss: `lossFunc.forward(logits [B, C], labels int32 [B] or one-hot [B, C])`. */
export class CrossEntropyLoss {
  forward(logits: tfc.Tensor, labels: tfc.Tensor): tfc.Scalar {
    const tf = boundTf();
    const classes = logits.shape[1] ?? 0;
    const oneHot = labels.rank === 1 ? tf.cast(tf.oneHot(tf.cast(labels, 'int32') as tfc.Tensor1D, classes), 'float32') : labels;
    return crossEntropy(tf, logits as tfc.Tensor2D, oneHot as tfc.Tensor2D);
  }
}
