// Each exercise's status, kept per browser in localStorage (one key per course page) until the
// student resets it. The page's exercises write it; the home page and each table of contents count it.
export type Status = 'wrong' | 'correct';

export interface ExerciseRecord {
  /** The latest check's verdict (absent: not tried); the feedback box shows it. */
  status?: Status;
  /** A check was once correct: the exercise stays solved for the progress, whatever a later try says. */
  solved?: boolean;
  /** The solution was revealed: the exercise counts as "solved with the solution shown". */
  solution?: boolean;
  /** How many hints were revealed. */
  hints?: number;
  /** The latest answer (typed numbers, or the chosen options' indices), restored after a reload. */
  answer?: string[];
}

export type PageProgress = Record<string, ExerciseRecord>;
export type ProgressStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

/** The page's path under the site's base: "/cnn-course/lectures/10-cnn/" → "lectures/10-cnn/". */
export function pageKey(pathname: string, base: string): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  const rest = pathname.startsWith(b) ? pathname.slice(b.length) : pathname.replace(/^\/+/, '');
  return rest.endsWith('/') || rest === '' ? rest : `${rest}/`;
}

export const progressKey = (page: string) => `cnn-course:exercises:${page}`;

/** Window events: an exercise's record changed / a page's progress was reset ({ detail: { page } }). */
export const PROGRESS_EVENT = 'exercise-progress';
export const RESET_EVENT = 'exercise-reset';

export function loadProgress(storage: ProgressStorage | null, page: string): PageProgress {
  try {
    const raw = storage?.getItem(progressKey(page));
    const v = raw ? (JSON.parse(raw) as unknown) : null;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as PageProgress) : {};
  } catch {
    return {};
  }
}

/** Merges `change` into one exercise's record; false when the browser refused to store it. */
export function saveRecord(storage: ProgressStorage | null, page: string, id: string, change: ExerciseRecord): boolean {
  if (!storage) return false;
  const all = loadProgress(storage, page);
  all[id] = { ...all[id], ...change, ...(change.status === 'correct' ? { solved: true } : {}) };
  try {
    storage.setItem(progressKey(page), JSON.stringify(all));
    return true;
  } catch {
    return false;
  }
}

export function resetProgress(storage: ProgressStorage | null, page: string): void {
  try {
    storage?.removeItem(progressKey(page));
  } catch {
    /* nothing stored */
  }
}

export type Shown = 'untried' | 'wrong' | 'correct' | 'solution';

/** What the badge says: a revealed solution outranks the checks; once solved, a later wrong try does not unsolve it. */
export function shownStatus(r: ExerciseRecord | undefined): Shown {
  if (r?.solution) return 'solution';
  if (r?.solved) return 'correct';
  return r?.status ?? 'untried';
}

export const STATUS_TEXT: Record<Shown, string> = {
  untried: 'not tried',
  wrong: 'not solved yet',
  correct: 'solved',
  solution: 'solved with the solution shown',
};

export interface Tally {
  solved: number;
  withSolution: number;
  total: number;
}

/** Solved = answered correctly or with the solution shown; only the page's current ids count. */
export function tally(progress: PageProgress, ids: readonly string[]): Tally {
  let solved = 0;
  let withSolution = 0;
  for (const id of ids) {
    const s = shownStatus(progress[id]);
    if (s === 'correct' || s === 'solution') solved++;
    if (s === 'solution') withSolution++;
  }
  return { solved, withSolution, total: ids.length };
}

/** "Lecture 10: 7 of 18", and what the detail line adds. */
export function tallyText(label: string, t: Tally): { main: string; detail: string } {
  const detail = t.withSolution ? `${t.withSolution} of them with the solution shown` : '';
  return { main: `${label}: ${t.solved} of ${t.total}`, detail };
}
