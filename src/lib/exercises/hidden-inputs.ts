// Hidden inputs for the code checks: the same every time (NumPy's seeded generator), mostly small
// integers so a student can redo a failing case by hand, with some negatives and decimals.
import { RandomState } from '../random';

export class Inputs {
  private readonly rng: RandomState;
  constructor(seed: number) {
    this.rng = new RandomState(seed);
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + this.rng.interval(hi - lo);
  }
  /** n values; every fourth case also has quarters (0.25, −1.5 …). */
  vector(n: number, decimals = false): number[] {
    return Array.from({ length: n }, () => {
      const v = this.int(-4, 5);
      return decimals ? v + this.int(0, 3) / 4 : v;
    });
  }
  grid(rows: number, cols: number, decimals = false): number[][] {
    return Array.from({ length: rows }, () => this.vector(cols, decimals));
  }
}
