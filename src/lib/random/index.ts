/**
 * NumPy-exact randomness and batching for the workshop (public API; the notebook's worker and the
 * notebook cells import from here).
 *
 *   new RandomState(0).permutation(60000)   // === np.random.RandomState(0).permutation(60000)
 *   notebookSplit()                         // { train: 58,976 indices, validation: last 1,024 }
 *   epochOrder(split.train, seed, epoch)    // reproducible per-epoch shuffle
 *   for (const b of batches(tf, mnist.train, order)) { b.xs [B,28,28,1], b.ys [B,10] }  // auto-disposed
 */
export { RandomState, type Seed } from './mt19937';
export { NOTEBOOK_SPLIT, notebookSplit, epochOrder, type Split, type SplitOptions } from './split';
export {
  batches,
  batchCount,
  toTensors,
  type Batch,
  type BatchOptions,
  type ImageSource,
} from './batches';
