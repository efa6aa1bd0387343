// An exercise's feedback as the live region shows it: the verdict, the first hidden input that
// differs, the line that threw. Wording in src/lib/notebook (run-feedback.ts, error-line.ts).
import type { Feedback } from '../../lib/exercises/types';
import { casesText, verdictMark } from '../../lib/notebook/run-feedback';
import { errorText, ownCode } from '../../lib/notebook/error-line';
import { el } from '../notebook/dom';

/** Shows `fb` in `box`; `note` is information rather than a verdict; `code` is the student's code that ran, by its label. */
export function showFeedback(box: HTMLElement, fb: Feedback, note = false, code?: { label: string; source: string }): void {
  const head = el('p', `ex-verdict ex-${note ? 'info' : fb.verdict}`);
  const icon = el('span', 'ex-icon', verdictMark(fb, note));
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
    const t = errorText(fb.error, ownCode(code?.label ?? '', code?.source ?? ''));
    if (t.where) parts.push(el('p', 'ex-where', t.where));
    if (t.line) parts.push(el('pre', 'ex-line', t.line));
  }
  const cases = casesText(fb);
  if (cases) parts.push(el('p', 'ex-cases', cases));
  box.replaceChildren(...parts);
}
