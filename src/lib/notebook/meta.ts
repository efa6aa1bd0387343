/**
 * The info string of a fenced code block that marks a runnable cell:
 *   ```ts cell id=load-mnist autorun hidden readonly optional
 * Languages: ts, typescript, js, javascript. Any other block stays a static code block.
 */
export interface CellMeta {
  lang: 'ts' | 'js';
  id?: string;
  autorun: boolean;
  hidden: boolean;
  readonly: boolean;
  /** Run all runs it, but resuming a saved training run below it does not need it. */
  optional: boolean;
}

const LANGS: Record<string, CellMeta['lang']> = { ts: 'ts', typescript: 'ts', js: 'js', javascript: 'js' };
const FLAGS = ['autorun', 'hidden', 'readonly', 'optional'] as const;
/** Every option after `cell`, with what it does: the parser below and the authoring page read this. */
export const CELL_OPTIONS: readonly { option: string; example: string; doc: string }[] = [
  { option: 'id=NAME', example: 'id=load-data', doc: "a stable name (letters, digits, - and _; unique on the page): the student's saved edits are keyed by it" },
  { option: 'hidden', example: 'hidden', doc: 'a setup cell: folded away, run once before the first cell below it that the student runs' },
  { option: 'autorun', example: 'autorun', doc: 'runs when the page loads' },
  { option: 'readonly', example: 'readonly', doc: 'can be run but not edited' },
  { option: 'optional', example: 'optional', doc: 'Run all runs it, but resuming a saved training run below it does not need it' },
];
if (CELL_OPTIONS.map((o) => o.option.replace(/=.*/, '')).sort().join() !== ['id', ...FLAGS].sort().join()) throw new Error('meta.ts: CELL_OPTIONS must list id and every flag');
export const CELL_ID = /^[A-Za-z][\w-]*$/;

/** null when the block is not a cell; throws a message naming the bad word otherwise. */
export function parseCellMeta(lang: string | null | undefined, meta: string | null | undefined): CellMeta | null {
  const words = (meta ?? '').trim().split(/\s+/).filter(Boolean);
  if (!lang || !LANGS[lang] || words[0] !== 'cell') return null;
  const out: CellMeta = { lang: LANGS[lang], autorun: false, hidden: false, readonly: false, optional: false };
  for (const w of words.slice(1)) {
    if ((FLAGS as readonly string[]).includes(w)) out[w as (typeof FLAGS)[number]] = true;
    else if (w.startsWith('id=')) {
      const id = w.slice(3).replace(/^["']|["']$/g, '');
      if (!CELL_ID.test(id)) throw new Error(`cell id "${id}" must start with a letter and use only letters, digits, - and _`);
      out.id = id;
    } else throw new Error(`unknown cell option "${w}" (use ${CELL_OPTIONS.map((o) => o.option).join(', ')})`);
  }
  return out;
}
