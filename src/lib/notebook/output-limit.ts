/**
 * How much output one run shows (a notebook cell or an exercise: the same rule, applied in the
 * notebook's worker before anything is posted, so a cell that prints without end cannot flood the
 * page): at most OUTPUT_LIMIT.items outputs and OUTPUT_LIMIT.chars characters of text; the rest is
 * counted in lines and said in one note, "… N more lines not shown". A training run's live view is
 * always shown (it has the Stop button). Documented in README.md ("Output limits"). Pure.
 */
import type { Output } from './protocol';

export const OUTPUT_LIMIT = { items: 50, chars: 20_000 } as const;

/** The text an output shows, for the kinds whose text is cut (else null). */
function textOf(o: Output): string | null {
  return o.kind === 'text' || o.kind === 'value' || o.kind === 'tensor' || o.kind === 'mathtext' ? o.text : o.kind === 'html' ? o.html : null;
}

const lineCount = (s: string) => (s === '' ? 1 : s.split('\n').length - (s.endsWith('\n') ? 1 : 0));

/** `o` with its text cut to `room` characters (at a line end when there is one): the output shown and the lines left out. */
function cut(o: Output, text: string, room: number): { shown: Output; hidden: number } {
  const end = text.lastIndexOf('\n', room);
  const kept = text.slice(0, end > room / 2 ? end : room);
  const hidden = lineCount(text) - lineCount(kept) + (end > room / 2 ? 0 : 1);
  return { shown: { ...o, text: kept } as Output, hidden: Math.max(1, hidden) };
}

export class OutputLimiter {
  private items = 0;
  private chars = 0;
  /** Lines (an output that is not text counts as one) left out so far. */
  hidden = 0;

  /** The output to show (its text perhaps cut), or null when it is left out (and counted). */
  admit(o: Output): Output | null {
    if (o.kind === 'training') return o;
    const text = textOf(o);
    if (this.items >= OUTPUT_LIMIT.items || (text !== null && this.chars >= OUTPUT_LIMIT.chars)) {
      this.hidden += text === null ? 1 : lineCount(text);
      return null;
    }
    this.items++;
    if (text === null) return o;
    const room = OUTPUT_LIMIT.chars - this.chars;
    if (text.length <= room) {
      this.chars += text.length;
      return o;
    }
    this.chars = OUTPUT_LIMIT.chars;
    if (o.kind === 'html') {
      this.hidden += 1; // markup is not cut in the middle
      return null;
    }
    const { shown, hidden } = cut(o, text, room);
    this.hidden += hidden;
    return shown;
  }

  /** An update of an output already shown: its text cut to the characters one run may show. */
  static update(o: Output): Output {
    const text = textOf(o);
    return text === null || text.length <= OUTPUT_LIMIT.chars || o.kind === 'html' ? o : cut(o, text, OUTPUT_LIMIT.chars).shown;
  }

  /** The note under the outputs, once something was left out. */
  note(): Output | null {
    if (!this.hidden) return null;
    const n = this.hidden.toLocaleString('en-US');
    return {
      kind: 'note',
      text: `… ${n} more line${this.hidden === 1 ? '' : 's'} not shown (a run shows at most ${OUTPUT_LIMIT.items} outputs and ${OUTPUT_LIMIT.chars.toLocaleString('en-US')} characters).`,
    };
  }
}
