// Gradients (loss.backward(), torch.no_grad()) and the loss value they hand back. The gradients wait
// in the library's binding (backend.ts) for the optimizer, as param.grad does in PyTorch.
import type * as tfc from '@tensorflow/tfjs-core';
import type { TF } from '../tfjs/tf';
import { boundTf, gradients } from './backend';

/** A loss value computed by the library; read it with `await loss.item()` (float(loss) in PyTorch). */
export class LossValue {
  private value?: number;
  constructor(private tensor: tfc.Scalar | null) {}
  /** Hands the loss tensor over to the caller, who disposes it (the bench's profile keeps it). */
  release(): tfc.Scalar {
    const t = this.tensor;
    if (!t) throw new Error('this loss was read already');
    this.tensor = null;
    return t;
  }

  async item(): Promise<number> {
    if (this.value === undefined) {
      const t = this.tensor!;
      this.value = (await t.data())[0];
      t.dispose();
      this.tensor = null;
    }
    return this.value;
  }
}

/**
 * The forward and the backward pass: runs `f` (the loss of a batch) and stores the gradient of the
 * loss for every parameter it used (loss.backward()). tfjs differentiates a function it runs rather
 * than keeping a tape, so the forward pass goes inside.
 */
export function backward(f: () => tfc.Scalar): LossValue {
  const tf = boundTf();
  let result: ReturnType<typeof tf.variableGrads>;
  try {
    result = tf.variableGrads(f);
  } catch (e) {
    freeFailedTape(tf);
    throw e;
  }
  const { value, grads: g } = result;
  const variables = tf.engine().registeredVariables;
  const grads = gradients();
  for (const [name, grad] of Object.entries(g)) {
    const v = variables[name];
    const old = grads.get(v);
    // Gradients add up until zeroGrad, as in PyTorch.
    grads.set(v, old ? tf.tidy(() => tf.add(old, grad)) : grad);
    if (old) tf.dispose([old, grad]);
  }
  return new LossValue(value);
}

/**
 * tfjs frees the tensors that a forward pass saved for its backward pass (activations, clones) only
 * at the end of a backward pass: after an error (a label that is no class, a shape that does not
 * fit) they would stay on the heap, every time the student runs the failing cell again.
 */
function freeFailedTape(tf: TF): void {
  const state = (tf.engine() as unknown as { state: { gradientDepth: number; activeTape: { saved?: tfc.Tensor[] }[] | null } }).state;
  if (state.gradientDepth !== 0 || !state.activeTape) return;
  for (const node of state.activeTape) for (const t of node.saved ?? []) t.dispose();
  state.activeTape = null;
}

/** A computation without gradients (torch.no_grad()): intermediate tensors are freed at once. */
export function noGrad(f: () => tfc.Scalar): LossValue {
  return new LossValue(boundTf().tidy(f));
}
