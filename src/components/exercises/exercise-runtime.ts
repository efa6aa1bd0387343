// The cell runtime for code exercises: one KernelSession for all exercises of a page, started on the
// first Run (the lecture page has no notebook cells, so nothing loads before that). Runs queue in
// order; each runs the student's code, then its check (src/lib/exercises/checks.ts) in the worker.
// The one place exercises touch the runtime: when the runtime changes, this file follows.
import { KernelSession, type RunResult } from '../../lib/notebook/session';
import type { Output } from '../../lib/notebook/protocol';

export interface RunTarget {
  output(output: Output, displayId: string | undefined): void;
  update(displayId: string, output: Output): void;
  remove(displayId: string): void;
}

let session: KernelSession | null = null;
let current: { runId: number; target: RunTarget } | null = null;
let queue: Promise<unknown> = Promise.resolve();

function ensureSession(): KernelSession {
  session ??= new KernelSession(
    () => new Worker(new URL('../../workers/kernel.worker.ts', import.meta.url), { type: 'module', name: 'exercise-cells' }),
    {
      output: (runId, output, displayId) => current?.runId === runId && current.target.output(output, displayId),
      update: (runId, displayId, output) => current?.runId === runId && current.target.update(displayId, output),
      remove: (runId, displayId) => current?.runId === runId && current.target.remove(displayId),
      restarted: () => {},
    },
  );
  return session;
}

/** Runs the student's code, then the named check; resolves when both are done (or stopped). */
export function runAndCheck(label: string, source: string, check: string, target: RunTarget): Promise<RunResult> {
  const result = queue.then(() => ensureSession().run(label, source, (runId) => (current = { runId, target }), check));
  queue = result.catch(() => undefined);
  return result.finally(() => {
    if (current?.target === target) current = null;
  });
}

/** Whether this target's code is the one running now (not waiting behind another exercise). */
export const isRunning = (target: RunTarget) => current?.target === target;

/** Stops this target's run: asks first, then replaces the worker if the code does not stop. */
export function stopRun(target: RunTarget): Promise<'idle' | 'interrupted' | 'restarted'> {
  return session && isRunning(target) ? session.stop() : Promise.resolve('idle');
}
