// Code exercises run in the page's one notebook runtime (src/components/notebook/runtime-client.ts):
// on the lecture page it starts on the first Run (nothing loads before that); on the workshop page an
// exercise sees the notebook's variables (datasetTrain, train, LeNet5…), as a Jupyter exercise cell
// does. Runs take turns with the notebook's cells; each runs the student's code, then its check
// (src/lib/exercises/checks.ts) in the worker.
import type { RunResult } from '../../lib/notebook/session';
import type { Output } from '../../lib/notebook/protocol';
import { getSession } from '../notebook/runtime-client';

export interface RunTarget {
  output(output: Output, displayId: string | undefined): void;
  update(displayId: string, output: Output): void;
  remove(displayId: string): void;
}

let listening = false;
const targets = new Map<number, RunTarget>();
let current: { runId: number; target: RunTarget } | null = null;

function session() {
  const s = getSession();
  if (!listening) {
    listening = true;
    s.listen({
      output: (runId, output, displayId) => targets.get(runId)?.output(output, displayId),
      update: (runId, displayId, output) => targets.get(runId)?.update(displayId, output),
      remove: (runId, displayId) => targets.get(runId)?.remove(displayId),
      restarted: () => {},
    });
  }
  return s;
}

/** Runs the student's code, then the named check; resolves when both are done (or stopped). */
export function runAndCheck(label: string, source: string, check: string, target: RunTarget): Promise<RunResult> {
  let id = 0;
  return session()
    .run(label, source, (runId) => {
      id = runId;
      targets.set(runId, target);
      current = { runId, target };
    }, { check })
    .finally(() => {
      targets.delete(id);
      if (current?.target === target) current = null;
    });
}

/** Whether this target's code is the one running now (not waiting behind another run). */
export const isRunning = (target: RunTarget) => current?.target === target;

/** Stops this target's run: asks first, then replaces the worker if the code does not stop. */
export function stopRun(target: RunTarget): Promise<'idle' | 'interrupted' | 'restarted'> {
  return isRunning(target) ? getSession().stop() : Promise.resolve('idle');
}
