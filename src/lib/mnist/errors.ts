/** How loading MNIST fails: one error type, whose message is fit to show a student. */

export type MnistLoadErrorKind = 'network' | 'http' | 'truncated' | 'corrupt' | 'format' | 'aborted';

/** A load failure with a message fit to show a student, and what kind of failure it was. */
export class MnistLoadError extends Error {
  constructor(
    message: string,
    readonly kind: MnistLoadErrorKind,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'MnistLoadError';
  }
}

/** What a load stopped by its caller's signal says. */
export const stopped = () => new MnistLoadError('Loading MNIST was stopped.', 'aborted');

export function checkAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw stopped();
}
