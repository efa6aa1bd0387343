// <ex-exercise>: checks an answer (numbers and choices here, code in the cell worker), shows what is
// off, reveals hints one at a time and the solution on request, and keeps the status in localStorage.
// Grading and wording live in src/lib/exercises; this element only wires the DOM to them.
import type { EditorView } from '@codemirror/view';
import { gradeNumbers } from '../../lib/exercises/numbers';
import { gradeChoice } from '../../lib/exercises/choices';
import { errorText } from '../../lib/exercises/error-line';
import type { Exercise, Feedback } from '../../lib/exercises/types';
import { loadProgress, PROGRESS_EVENT, RESET_EVENT, saveRecord, shownStatus, STATUS_TEXT, type ExerciseRecord } from '../../lib/exercises/progress';
import { clearEdit, debouncedSaver, editKey, isStale, loadEdit } from '../../lib/notebook/edits';
import { guardCode, holdsNotebook, type GuardedCode } from '../notebook/tab-guard';
import { sourceHash } from '../../lib/notebook/hash';
import { renderOutput, updateOutput } from '../notebook/render-output';
import { isRunning, runAndCheck, stopRun, type RunTarget } from './exercise-runtime';
import { localStore } from './local-storage';

type EditorModule = typeof import('../notebook/editor');
let editorModule: Promise<EditorModule> | null = null;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, cls: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A hint's or the solution's text arrives as <noscript> markup (Hint.astro); it becomes content when first opened. */
function fillHelp(details: HTMLDetailsElement) {
  const host = details.querySelector<HTMLElement>('[data-help-body]');
  const raw = host?.querySelector('noscript');
  if (host && raw) host.innerHTML = raw.textContent ?? '';
}

class ExExercise extends HTMLElement implements GuardedCode {
  private spec!: Exercise;
  private page = '';
  private hints: HTMLDetailsElement[] = [];
  private solution: HTMLDetailsElement | null = null;
  private els!: { status: HTMLElement; work: HTMLElement; feedback: HTMLElement; form: HTMLFormElement | null };
  // Code exercises
  private starter: HTMLPreElement | null = null;
  private original = '';
  private editor: EditorView | null = null;
  private mod: EditorModule | null = null;
  /** Putting another tab's saved code in: not an edit of this tab's to save. */
  private applying = false;
  private editorHost: HTMLElement | null = null;
  private edited: string | null = null;
  private saver?: ReturnType<typeof debouncedSaver>;
  private slowTimer: ReturnType<typeof setTimeout> | undefined;
  private running = false;
  private outputs = new Map<string, HTMLElement>();

  private get id_() {
    return this.dataset.exercise ?? '';
  }
  private get label() {
    return `exercise-${this.id_}`;
  }

  connectedCallback() {
    if (this.spec) return;
    this.spec = JSON.parse(this.dataset.spec ?? '{}') as Exercise;
    this.page = this.dataset.page ?? '';
    const q = <T extends Element>(sel: string) => this.querySelector<T>(sel);
    this.els = { status: q('[data-status]')!, work: q('[data-work]')!, feedback: q('[data-feedback]')!, form: q<HTMLFormElement>('[data-form]') };
    const body = q<HTMLElement>('[data-body]')!;
    this.hints = [...body.querySelectorAll<HTMLDetailsElement>('details[data-ex-hint]')];
    this.solution = body.querySelector<HTMLDetailsElement>('details[data-ex-solution]');
    // The answer goes between the prompt and the help: before the first hint or the solution.
    const firstHelp = this.hints[0] ?? this.solution;
    if (firstHelp) firstHelp.before(this.els.work);
    this.setUpHelp();
    if (this.spec.kind === 'code') this.setUpCode(body);
    else {
      this.els.form?.addEventListener('submit', (e) => {
        e.preventDefault();
        this.checkAnswer();
      });
      // What the student typed or ticked survives a reload even before Check.
      this.els.form?.addEventListener('input', () => saveRecord(localStore(), this.page, this.id_, { answer: this.typed() }));
    }
    this.restore();
    this.els.work.hidden = false;
    this.els.status.hidden = false;
    window.addEventListener(RESET_EVENT, (e) => {
      if ((e as CustomEvent<{ page: string }>).detail.page === this.page) this.restore(true);
    });
  }

  private record(): ExerciseRecord | undefined {
    return loadProgress(localStore(), this.page)[this.id_];
  }

  private save(change: ExerciseRecord) {
    saveRecord(localStore(), this.page, this.id_, change);
    this.showStatus();
    window.dispatchEvent(new CustomEvent(PROGRESS_EVENT, { detail: { page: this.page } }));
  }

  private showStatus() {
    const shown = shownStatus(this.record());
    this.els.status.dataset.status = shown;
    this.els.status.textContent = STATUS_TEXT[shown];
  }

  /** Puts the saved state back (after a reload), or clears the UI after a reset. */
  private restore(afterReset = false) {
    const r = this.record();
    this.showStatus();
    const hints = r?.hints ?? 0;
    this.hints.forEach((h, i) => {
      if (i < hints) fillHelp(h);
      h.open = i < hints;
      h.hidden = i > hints;
    });
    if (afterReset && this.solution) this.solution.open = false;
    if (afterReset) {
      this.els.feedback.replaceChildren();
      this.querySelectorAll<HTMLElement>('[data-part-msg]').forEach((m) => (m.textContent = ''));
      this.querySelectorAll('[aria-invalid]').forEach((i) => i.removeAttribute('aria-invalid'));
    }
    const answer = r?.answer;
    if (this.spec.kind === 'numbers') {
      this.querySelectorAll<HTMLInputElement>('input[data-part]').forEach((input, i) => (input.value = answer?.[i] ?? ''));
    } else if (this.spec.kind === 'choice') {
      this.querySelectorAll<HTMLInputElement>('input[data-option]').forEach((input) => (input.checked = !!answer?.includes(input.value)));
    }
  }

  private setUpHelp() {
    const n = this.hints.length;
    for (const d of [...this.hints, this.solution]) {
      // Filled on the click that opens it (no empty frame), and on toggle for any other way of opening.
      d?.querySelector('summary')?.addEventListener('click', () => fillHelp(d));
      d?.addEventListener('toggle', () => d.open && fillHelp(d));
    }
    this.hints.forEach((h, i) => {
      const summary = h.querySelector('summary');
      if (summary) summary.textContent = n > 1 ? `Hint ${i + 1} of ${n}` : 'Hint';
      h.addEventListener('toggle', () => {
        if (!h.open) return;
        if (this.hints[i + 1]) this.hints[i + 1].hidden = false;
        if ((this.record()?.hints ?? 0) < i + 1) this.save({ hints: i + 1 });
      });
    });
    const sol = this.solution;
    if (!sol) return;
    const summary = sol.querySelector('summary');
    if (summary) summary.textContent = 'Show the solution (counts as solved with the solution shown)';
    sol.addEventListener('toggle', () => {
      if (!sol.open || this.record()?.solution) return;
      this.save({ solution: true });
      this.say({ verdict: 'correct', message: 'The solution is shown below: this exercise now counts as solved with the solution shown. Try it yourself too: the check still tells you whether your answer is right.' }, 'note');
    });
  }

  // ---- numbers and choices ----

  /** The typed numbers, or the indices of the ticked options. */
  private typed(): string[] {
    if (this.spec.kind === 'numbers') return [...this.querySelectorAll<HTMLInputElement>('input[data-part]')].map((i) => i.value);
    return [...this.querySelectorAll<HTMLInputElement>('input[data-option]:checked')].map((i) => i.value);
  }

  private checkAnswer() {
    let fb: Feedback;
    const answer = this.typed();
    if (this.spec.kind === 'numbers') {
      const inputs = [...this.querySelectorAll<HTMLInputElement>('input[data-part]')];
      fb = gradeNumbers(this.spec.parts, answer);
      inputs.forEach((input, i) => {
        const part = fb.parts?.[i];
        const msg = this.querySelector<HTMLElement>(`[data-part-msg="${i}"]`)!;
        // One field: the message is the feedback itself; several: each field says its own.
        const own = part && inputs.length > 1 && part.message !== '';
        msg.textContent = own ? part.message : '';
        msg.dataset.ok = own ? String(part.ok) : '';
        if (part && !part.ok) input.setAttribute('aria-invalid', 'true');
        else input.removeAttribute('aria-invalid');
      });
    } else if (this.spec.kind === 'choice') {
      fb = gradeChoice(this.spec, answer.map(Number));
    } else return;
    this.say(fb);
    this.save(fb.verdict === 'unreadable' ? { answer } : { answer, status: fb.verdict });
  }

  /** Shows feedback in the live region; `note` is information rather than a verdict. */
  private say(fb: Feedback, kind: 'verdict' | 'note' = 'verdict', source = '') {
    const box = this.els.feedback;
    const head = el('p', `ex-verdict ex-${kind === 'note' ? 'info' : fb.verdict}`);
    const mark = kind === 'note' ? 'ℹ' : fb.verdict === 'correct' ? '✓' : fb.verdict === 'wrong' ? '✗' : '!';
    const icon = el('span', 'ex-icon', mark);
    icon.setAttribute('aria-hidden', 'true');
    head.append(icon, ` ${fb.message}`);
    const parts: HTMLElement[] = [head];
    if (fb.mismatch) {
      const dl = el('dl', 'ex-mismatch');
      for (const [term, value] of [['Hidden input', fb.mismatch.input], ['Expected', fb.mismatch.expected], ['Your function gave', fb.mismatch.got]]) {
        const row = el('div', '');
        const dd = el('dd', '');
        dd.append(el('code', '', value));
        row.append(el('dt', '', term), dd);
        dl.append(row);
      }
      parts.push(dl);
    }
    if (fb.error) {
      const t = errorText(fb.error, source, this.label);
      if (t.where) parts.push(el('p', 'ex-where', t.where));
      if (t.line) parts.push(el('pre', 'ex-line', t.line));
    }
    if (fb.cases && fb.verdict === 'wrong' && fb.cases.passed > 0) parts.push(el('p', 'ex-cases', `The first ${fb.cases.passed} of ${fb.cases.total} hidden inputs gave the right result.`));
    box.replaceChildren(...parts);
  }

  // ---- code ----

  private setUpCode(body: HTMLElement) {
    // The starter: the first code block of the prompt (not one inside a hint or the solution).
    this.starter = [...body.querySelectorAll<HTMLPreElement>('pre')].find((p) => !p.closest('details')) ?? null;
    this.original = (this.starter?.textContent ?? '').replace(/\n$/, '');
    const hash = sourceHash(this.original);
    this.editorHost = el('div', 'nb-editor ex-editor');
    this.editorHost.hidden = true;
    this.starter?.after(this.editorHost);
    const act = (name: string) => this.querySelector<HTMLButtonElement>(`[data-act="${name}"]`)!;
    act('run').addEventListener('click', () => void this.run());
    act('edit').addEventListener('click', () => void this.openEditor(true));
    act('stop').addEventListener('click', () => void stopRun(this.target));
    act('reset-code').addEventListener('click', () => this.resetCode());
    if (this.starter) {
      this.starter.tabIndex = 0;
      this.starter.title = 'Click, or press Enter, to edit the code';
      this.starter.addEventListener('click', () => void this.openEditor(true));
      this.starter.addEventListener('keydown', (e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          void this.openEditor(true);
        } else if (e.key === 'Enter' && e.shiftKey) {
          e.preventDefault();
          void this.run();
        }
      });
    }
    const saved = loadEdit(localStore(), location.pathname, this.label);
    if (saved && saved.source !== this.original) {
      this.edited = saved.source;
      this.markModified(true, isStale(saved, hash));
      void this.openEditor(false);
    }
    this.dataset.hash = hash;
    guardCode(this);
  }

  source(): string {
    return this.editor ? this.editor.state.doc.toString() : (this.edited ?? this.original);
  }

  private async openEditor(focus: boolean) {
    if (!this.editorHost) return;
    if (!this.editor) {
      this.editorHost.hidden = false;
      this.editorHost.textContent = 'Loading the editor…';
      let mod: EditorModule;
      try {
        mod = await (editorModule ??= import('../notebook/editor'));
      } catch (e) {
        editorModule = null;
        this.editorHost.textContent = `The editor could not load (${(e as Error).message}). Reload the page to try again.`;
        return;
      }
      if (this.editor) return;
      this.editorHost.textContent = '';
      this.mod = mod;
      this.editor = mod.createEditor(this.editorHost, {
        doc: this.edited ?? this.original,
        label: `exercise ${this.id_}`,
        readOnly: !holdsNotebook(),
        onChange: (doc) => this.changed(doc),
        onRun: () => void this.run(),
      });
      if (this.starter) this.starter.hidden = true;
      this.querySelector<HTMLElement>('[data-act="edit"]')!.hidden = true;
    }
    if (focus) this.editor.focus();
  }

  private changed(doc: string) {
    const modified = doc !== this.original;
    this.edited = modified ? doc : null;
    if (this.applying || !holdsNotebook()) return; // another tab's code: it saved it
    this.markModified(modified, false);
    this.saver ??= debouncedSaver(localStore, location.pathname, this.label, { source: this.original, hash: this.dataset.hash ?? '' }, (ok) => {
      this.querySelector<HTMLElement>('[data-save-note]')!.hidden = ok;
    }, window);
    this.saver.change(doc);
  }

  private markModified(modified: boolean, stale: boolean) {
    this.querySelector<HTMLElement>('[data-act="reset-code"]')!.hidden = !modified;
    this.querySelector<HTMLElement>('[data-stale]')!.hidden = !stale;
  }

  get storageKey() {
    return editKey(location.pathname, this.label);
  }

  flush() {
    this.saver?.flush();
  }

  setEditable(on: boolean) {
    if (this.editor) this.mod?.setReadOnly(this.editor, !on);
    this.querySelector<HTMLButtonElement>('[data-act="reset-code"]')!.disabled = !on;
  }

  /** The saved code (another tab's, or this tab's before it lost the notebook) in the editor. */
  showSaved() {
    const saved = loadEdit(localStore(), location.pathname, this.label);
    const text = saved?.source ?? this.original;
    this.markModified(text !== this.original, !!saved && isStale(saved, this.dataset.hash ?? ''));
    this.edited = text !== this.original ? text : null;
    if (text === this.source()) return;
    if (this.editor && this.mod) {
      this.applying = true;
      this.mod.setDoc(this.editor, text);
      this.applying = false;
    } else if (this.edited !== null) void this.openEditor(false);
  }

  private resetCode() {
    if (!holdsNotebook()) return;
    this.saver?.cancel();
    clearEdit(localStore(), location.pathname, this.label);
    this.edited = null;
    this.editor?.destroy();
    this.editor = null;
    if (this.editorHost) {
      this.editorHost.replaceChildren();
      this.editorHost.hidden = true;
    }
    if (this.starter) this.starter.hidden = false;
    const edit = this.querySelector<HTMLElement>('[data-act="edit"]')!;
    edit.hidden = false;
    this.markModified(false, false);
    edit.focus();
  }

  private readonly target: RunTarget = {
    // The notebook's worker caps what a run shows (src/lib/notebook/output-limit.ts), as for cells.
    output: (output, displayId) => {
      const node = renderOutput(output);
      if (displayId) this.outputs.set(displayId, node);
      this.querySelector('[data-output]')!.append(node);
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
    this.querySelector<HTMLElement>('[data-act="stop"]')!.hidden = !on;
    this.classList.toggle('ex-is-running', on);
    this.toggleAttribute('aria-busy', on);
    const note = this.querySelector<HTMLElement>('[data-running]')!;
    clearTimeout(this.slowTimer);
    note.textContent = on ? 'Running your code on the hidden inputs…' : '';
    if (on) {
      this.slowTimer = setTimeout(() => {
        note.textContent = isRunning(this.target)
          ? 'Still running: if your code loops forever on one of the hidden inputs, press Stop.'
          : 'Waiting for another exercise’s code to finish…';
      }, 4000);
    }
  }

  private async run() {
    if (this.running || this.spec.kind !== 'code') return;
    const source = this.source();
    this.outputs.clear();
    this.querySelector('[data-output]')!.replaceChildren();
    this.els.feedback.replaceChildren();
    this.setRunning(true);
    let fb: Feedback;
    try {
      const result = await runAndCheck(this.label, source, this.spec.check, this.target);
      if (result.ok && result.report) fb = result.report;
      else if (result.restarted && result.error) fb = { verdict: 'unreadable', message: `Stopped. Your code was not checked. ${result.error.message}` };
      else if (result.interrupted) fb = { verdict: 'unreadable', message: 'Stopped. Your code was not checked.' };
      else if (result.error) fb = { verdict: 'wrong', message: `Your code did not run to the end: ${result.error.name}: ${result.error.message}`, error: result.error };
      else fb = { verdict: 'unreadable', message: 'The check gave no answer; run it again.' };
    } catch (e) {
      fb = { verdict: 'unreadable', message: `The code could not be run here (${(e as Error).message}). Reload the page to try again.` };
    }
    this.setRunning(false);
    this.say(fb, 'verdict', source);
    if (fb.verdict !== 'unreadable') this.save({ status: fb.verdict });
  }
}

export function define(): void {
  if (!customElements.get('ex-exercise')) customElements.define('ex-exercise', ExExercise);
}
