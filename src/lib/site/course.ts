/** The course's reading order and prev/next links, independent of Astro. */
export type Kind = 'lecture' | 'workshop';

export interface CourseItem {
  kind: Kind;
  slug: string;
  number: number;
  title: string;
  summary: string;
}

const kindOrder: Record<Kind, number> = { lecture: 0, workshop: 1 };

/** Lecture n comes before workshop n, which comes before lecture n+1. */
export function courseOrder<T extends CourseItem>(items: readonly T[]): T[] {
  return [...items].sort(
    (a, b) => a.number - b.number || kindOrder[a.kind] - kindOrder[b.kind] || a.slug.localeCompare(b.slug),
  );
}

export function hrefOf(item: Pick<CourseItem, 'kind' | 'slug'>): string {
  return `${item.kind}s/${item.slug}/`;
}

export function neighbours<T extends CourseItem>(items: readonly T[], kind: Kind, slug: string) {
  const ordered = courseOrder(items);
  const i = ordered.findIndex((it) => it.kind === kind && it.slug === slug);
  if (i < 0) throw new RangeError(`no course page ${kind}/${slug}`);
  return { prev: ordered[i - 1], next: ordered[i + 1] };
}
