/** Confusion matrix, test risk and the list of mistakes, from predicted and true labels. */

export interface Confusion {
  classes: number;
  /** counts[trueLabel][predicted] */
  counts: number[][];
  total: number;
  errors: number;
}

function checkPair(predicted: ArrayLike<number>, labels: ArrayLike<number>, classes: number): void {
  if (predicted.length !== labels.length) {
    throw new RangeError(`predicted and labels differ in length (${predicted.length} vs ${labels.length})`);
  }
  if (!Number.isInteger(classes) || classes < 1) throw new RangeError(`classes must be a positive integer, got ${classes}`);
}

function checkClass(v: number, classes: number, what: string, i: number): void {
  if (!Number.isInteger(v) || v < 0 || v >= classes) throw new RangeError(`${what}[${i}] = ${v} is not a class in 0…${classes - 1}`);
}

export function confusionMatrix(predicted: ArrayLike<number>, labels: ArrayLike<number>, classes = 10): Confusion {
  checkPair(predicted, labels, classes);
  const counts = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let errors = 0;
  for (let i = 0; i < labels.length; i++) {
    const y = labels[i];
    const p = predicted[i];
    checkClass(y, classes, 'labels', i);
    checkClass(p, classes, 'predicted', i);
    counts[y][p]++;
    if (p !== y) errors++;
  }
  return { classes, counts, total: labels.length, errors };
}

/** The notebook's test risk: the fraction of misclassified samples. */
export function misclassificationRate(predicted: ArrayLike<number>, labels: ArrayLike<number>): number {
  checkPair(predicted, labels, 1);
  if (labels.length === 0) throw new RangeError('cannot compute a risk on zero samples');
  let wrong = 0;
  for (let i = 0; i < labels.length; i++) if (predicted[i] !== labels[i]) wrong++;
  return wrong / labels.length;
}

/** Indices of the misclassified samples, in order, at most `limit` of them. */
export function misclassifiedIndices(predicted: ArrayLike<number>, labels: ArrayLike<number>, limit = Infinity): number[] {
  checkPair(predicted, labels, 1);
  const out: number[] = [];
  for (let i = 0; i < labels.length && out.length < limit; i++) if (predicted[i] !== labels[i]) out.push(i);
  return out;
}

/** Recall per true class (diagonal / row sum); NaN for a class with no samples. */
export function perClassAccuracy(c: Confusion): number[] {
  return c.counts.map((row, y) => {
    const n = row.reduce((a, b) => a + b, 0);
    return n === 0 ? NaN : row[y] / n;
  });
}

/** Cells for a heat map: one row per (true, predicted) pair with its share of the true class. */
export interface ConfusionCell { label: number; predicted: number; count: number; share: number }
export function confusionCells(c: Confusion): ConfusionCell[] {
  const cells: ConfusionCell[] = [];
  c.counts.forEach((row, label) => {
    const n = row.reduce((a, b) => a + b, 0);
    row.forEach((count, predicted) => cells.push({ label, predicted, count, share: n === 0 ? 0 : count / n }));
  });
  return cells;
}

/** The most frequent confusions (off-diagonal), largest first. */
export function topConfusions(c: Confusion, k = 3): ConfusionCell[] {
  return confusionCells(c)
    .filter((cell) => cell.label !== cell.predicted && cell.count > 0)
    .sort((a, b) => b.count - a.count || a.label - b.label || a.predicted - b.predicted)
    .slice(0, k);
}

/** Index of the largest value (first one on ties), as torch.argmax does. */
export function argmax(values: ArrayLike<number>): number {
  if (values.length === 0) throw new RangeError('argmax of an empty array');
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i] > values[best]) best = i;
  return best;
}

/** Softmax of logits, stable for large values. */
export function softmax(logits: ArrayLike<number>): number[] {
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, logits[i]);
  const e = Array.from(logits, (v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}
