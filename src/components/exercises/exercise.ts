// <ex-exercise>: checks an answer (numbers and choices here, code in the cell worker: exercise-code.ts),
// shows what is off (feedback-view.ts), reveals hints one at a time and the solution on request
// (exercise-help.ts), and keeps the status in localStorage. Grading and wording live in src/lib/exercises.
import { gradeNumbers } from '../../lib/exercises/numbers';
import { gradeChoice } from '../../lib/exercises/choices';
import type { Exercise, Feedback } from '../../lib/exercises/types';
import { loadProgress, PROGRESS_EVENT, RESET_EVENT, saveRecord, shownStatus, STATUS_TEXT, type ExerciseRecord } from '../../lib/exercises/progress';
import { restoreHelp, setUpHelp } from './exercise-help';
import { ExerciseCode } from './exercise-code';
import { showFeedback } from './feedback-view';
import { localStore } from '../local-storage';

const SOLUTION_NOTE = 'The solution is shown below: this exercise now counts as solved with the solution shown. Try it yourself too: the check still tells you whether your answer is right.';

class ExExercise extends HTMLElement {
  private spec!: Exercise;
  private page = '';
  private hints: HTMLDetailsElement[] = [];
  private solution: HTMLDetailsElement | null = null;
  private els!: { status: HTMLElement; work: HTMLElement; feedback: HTMLElement; form: HTMLFormElement | null };

  private get id_() {
    return this.dataset.exercise ?? '';
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
    setUpHelp(this.hints, this.solution, {
      hintsSeen: () => this.record()?.hints ?? 0,
      openedHint: (n) => this.save({ hints: n }),
      openedSolution: () => {
        if (this.record()?.solution) return;
        this.save({ solution: true });
        showFeedback(this.els.feedback, { verdict: 'correct', message: SOLUTION_NOTE }, true);
      },
    });
    if (this.spec.kind === 'code') {
      const label = `exercise-${this.id_}`;
      new ExerciseCode(this, body, label, this.id_, this.spec.check, {
        started: () => this.els.feedback.replaceChildren(),
        finished: (fb, source) => {
          showFeedback(this.els.feedback, fb, false, { label, source });
          if (fb.verdict !== 'unreadable') this.save({ status: fb.verdict });
        },
      });
    } else {
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
    restoreHelp(this.hints, r?.hints ?? 0);
    if (afterReset) {
      if (this.solution) this.solution.open = false;
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
    showFeedback(this.els.feedback, fb);
    this.save(fb.verdict === 'unreadable' ? { answer } : { answer, status: fb.verdict });
  }
}

export function define(): void {
  if (!customElements.get('ex-exercise')) customElements.define('ex-exercise', ExExercise);
}
