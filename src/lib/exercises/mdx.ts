// Reading a course page's MDX source for its exercises: the ids (for the progress counts on the home
// page and in each table of contents) and, for the unit tests, each exercise's code blocks.

export interface ExerciseSource {
  id: string;
  /** The MDX between <Exercise …> and </Exercise>. */
  body: string;
}

const OPEN = /<Exercise\b([^>]*)>/g;

/** Every <Exercise id="…"> block of an MDX source, in page order. */
export function exercisesInMdx(mdx: string): ExerciseSource[] {
  const out: ExerciseSource[] = [];
  for (const m of mdx.matchAll(OPEN)) {
    const id = /\bid=["']([^"']+)["']/.exec(m[1])?.[1];
    if (!id) continue;
    const start = (m.index ?? 0) + m[0].length;
    const end = mdx.indexOf('</Exercise>', start);
    out.push({ id, body: mdx.slice(start, end < 0 ? undefined : end) });
  }
  return out;
}

export const exerciseIdsInMdx = (mdx: string): string[] => exercisesInMdx(mdx).map((e) => e.id);

/** The fenced code blocks of an MDX fragment (language ts/js), in order. */
export function codeBlocks(mdx: string): string[] {
  return [...mdx.matchAll(/^```(?:ts|js|typescript|javascript)[^\n]*\n([\s\S]*?)^```/gm)].map((m) => m[1].replace(/\n$/, ''));
}

/** The starter code: the first code block before any <Hint> or <Solution>. */
export function starterCode(body: string): string | undefined {
  const cut = body.search(/<(Hint|Solution)\b/);
  return codeBlocks(cut < 0 ? body : body.slice(0, cut))[0];
}

/** The solution's code: the first code block inside <Solution>. */
export function solutionCode(body: string): string | undefined {
  const m = /<Solution\b[^>]*>([\s\S]*?)<\/Solution>/.exec(body);
  return m ? codeBlocks(m[1])[0] : undefined;
}
