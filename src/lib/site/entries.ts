// The one place pages read the course collections (Astro-side, not DOM).
import { getCollection } from 'astro:content';
import type { CourseItem } from './course';

export async function courseItems(): Promise<CourseItem[]> {
  const [lectures, workshops] = await Promise.all([getCollection('lectures'), getCollection('workshops')]);
  return [...lectures, ...workshops].map((e) => ({
    kind: e.data.kind,
    slug: e.id,
    number: e.data.number,
    title: e.data.title,
    summary: e.data.summary,
  }));
}
