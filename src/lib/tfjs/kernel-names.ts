// Names of this project's own tfjs kernels, in a module without imports so that the model code
// can refer to them without loading tfjs or the kernels.

/**
 * The whole backward pass of y = act(conv(x, W) + b) in one kernel (wasm only, see wasm-kernels.ts).
 * Inputs x, filter, dy, and y when the activation is ReLU; attrs { strides, pad, dilations,
 * activation: 'relu' | 'linear', inputGrad }; outputs [dx, dW, db], or [dW, db] without inputGrad.
 * A dense layer (x [N, K], W [K, M]) is the 1×1 case.
 */
export const CONV_GRAD_KERNEL = 'CnnConv2DGrad';

/**
 * Plain SGD for many variables in one kernel (wasm only, see wasm-kernels.ts): inputs v0…v(n−1)
 * and g0…g(n−1), attrs { alpha, count: n }; outputs the n new values vᵢ − alpha·gᵢ.
 */
export const SGD_KERNEL = 'CnnSgdUpdate';

/**
 * Mean softmax cross-entropy and its gradient in one kernel (wasm only, see wasm-kernels.ts): inputs
 * logits [B, C] and labels (class indices [B], int32 or float32, or targets [B, C] that sum to 1 per
 * row); outputs [loss (a scalar), dlogits = (softmax(logits) − target)/B].
 */
export const CROSS_ENTROPY_KERNEL = 'CnnSoftmaxCrossEntropy';

/**
 * a·W + b, then ReLU when attrs.activation is 'relu', on 2D tensors (wasm only): inputs x [N, K],
 * filter [K, M], bias [M]; output [N, M]. The forward of the dense layers without reshapes.
 */
export const DENSE_KERNEL = 'CnnDense';
