// CodeMirror 6 for one cell or code exercise, loaded on first edit (dynamic import from code-editor.ts).
// Keys: Shift+Enter or Ctrl/Cmd+Enter runs; Tab indents; Esc then Tab leaves the editor
// (CodeMirror's tab-focus escape), Ctrl+M (Shift+Alt+M on macOS) toggles Tab-moves-focus.
import { Compartment, EditorState } from '@codemirror/state';
import { EditorView, keymap, lineNumbers, drawSelection, highlightActiveLine } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap, indentWithTab } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting } from '@codemirror/language';
import { javascript } from '@codemirror/lang-javascript';
import { classHighlighter } from '@lezer/highlight';
import './editor.css';

export interface CellEditorOptions {
  doc: string;
  label: string;
  readOnly?: boolean;
  onChange(doc: string): void;
  onRun(): void;
}

/** Read-only while another tab holds the notebook (tab-guard.ts): no edits, and not contenteditable either. */
const readOnly = new Compartment();
const readOnlyExtension = (on: boolean) => [EditorState.readOnly.of(on), EditorView.editable.of(!on)];

export function setReadOnly(view: EditorView, on: boolean): void {
  view.dispatch({ effects: readOnly.reconfigure(readOnlyExtension(on)) });
}

export function createEditor(parent: HTMLElement, o: CellEditorOptions): EditorView {
  const run = () => {
    o.onRun();
    return true;
  };
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: o.doc,
      extensions: [
        lineNumbers(),
        history(),
        drawSelection(),
        highlightActiveLine(),
        indentOnInput(),
        bracketMatching(),
        javascript({ typescript: true }),
        // Token classes (tok-keyword, …) styled in NotebookCell.astro for light and dark themes.
        syntaxHighlighting(classHighlighter),
        keymap.of([{ key: 'Shift-Enter', run }, { key: 'Mod-Enter', run }, indentWithTab, ...defaultKeymap, ...historyKeymap]),
        readOnly.of(readOnlyExtension(!!o.readOnly)),
        EditorView.contentAttributes.of({ 'aria-label': `Code of cell ${o.label}` }),
        EditorView.updateListener.of((u) => {
          if (u.docChanged) o.onChange(u.state.doc.toString());
        }),
      ],
    }),
  });
}

export function setDoc(view: EditorView, doc: string): void {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: doc } });
}
