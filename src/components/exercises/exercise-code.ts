// A code exercise's cell: the starter code in the shared code editor (code-editor.ts), Run and check
// in the page's notebook runtime (exercise-runtime.ts), its outputs, Stop, and the running note.
import type { Feedback } from '../../lib/exercises/types';
import { cannotRunFeedback, runFeedback, runningNote, SLOW_RUN_MS } from '../../lib/notebook/run-feedback';
import { sourceHash } from '../../lib/notebook/hash';
import { CodeEditor } from '../code-editor/code-editor';
import { renderOutput, updateOutput } from '../notebook/render-output';
import { isRunning, runAndCheck, stopRun, type RunTarget } from './exercise-runtime';
import { el } from '../notebook/dom';

export interface CodeHooks {
  /** A run begins: the earlier feedback goes. */
  started(): void;
  /** A run ended with this feedback, for the code that ran. */
  finished(fb: Feedback, source: string): void;
}

export class ExerciseCode {
  private readonly editor: CodeEditor;
  private running = false;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private outputs = new Map<string, HTMLElement>();
  private readonly q: <T extends HTMLElement>(sel: string) => T;

  /** `root` is the <ex-exercise>; its starter is the first code block of the prompt (not one in a hint or the solution). */
  constructor(private readonly root: HTMLElement, body: HTMLElement, private readonly label: string, id: string, private readonly check: string, private readonly hooks: CodeHooks) {
    this.q = <T extends HTMLElement>(sel: string) => root.querySelector<T>(sel)!;
    const starter = [...body.querySelectorAll<HTMLPreElement>('pre')].find((p) => !p.closest('details')) ?? null;
    const original = (starter?.textContent ?? '').replace(/\n$/, '');
    const hash = sourceHash(original);
    const host = el('div', 'nb-editor ex-editor');
    host.hidden = true;
    starter?.after(host);
    const act = (name: string) => this.q<HTMLButtonElement>(`[data-act="${name}"]`);
    act('run').addEventListener('click', () => void this.run());
    act('stop').addEventListener('click', () => void stopRun(this.target));
    if (starter) {
      starter.tabIndex = 0;
      starter.title = 'Click, or press Enter, to edit the code';
      starter.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && e.shiftKey) {
          e.preventDefault();
          void this.run();
        }
      });
    }
    this.editor = new CodeEditor(
      { shown: starter, starter, host, edit: act('edit'), reset: act('reset-code'), stale: this.q('[data-stale]'), saveNote: this.q('[data-save-note]') },
      { label, name: `exercise ${id}`, original, hash, onRun: () => void this.run() },
    );
    root.dataset.hash = hash;
  }

  private readonly target: RunTarget = {
    // The notebook's worker caps what a run shows (src/lib/notebook/output-limit.ts), as for cells.
    output: (output, displayId) => {
      const node = renderOutput(output);
      if (displayId) this.outputs.set(displayId, node);
      this.q('[data-output]').append(node);
    },
    update: (displayId, output) => {
      const old = this.outputs.get(displayId);
      if (old) this.outputs.set(displayId, updateOutput(old, output));
    },
    remove: (displayId) => {
      this.outputs.get(displayId)?.remove();
      this.outputs.delete(displayId);
    },
  };

  private setRunning(on: boolean) {
    this.running = on;
    this.q('[data-act="stop"]').hidden = !on;
    this.root.classList.toggle('ex-is-running', on);
    this.root.toggleAttribute('aria-busy', on);
    const note = this.q('[data-running]');
    clearTimeout(this.slowTimer);
    note.textContent = on ? runningNote('start') : '';
    if (on) this.slowTimer = setTimeout(() => (note.textContent = runningNote('slow', isRunning(this.target))), SLOW_RUN_MS);
  }

  async run(): Promise<void> {
    if (this.running) return;
    const source = this.editor.source();
    this.outputs.clear();
    this.q('[data-output]').replaceChildren();
    this.hooks.started();
    this.setRunning(true);
    let fb: Feedback;
    try {
      fb = runFeedback(await runAndCheck(this.label, source, this.check, this.target));
    } catch (e) {
      fb = cannotRunFeedback(e);
    }
    this.setRunning(false);
    this.hooks.finished(fb, source);
  }
}
