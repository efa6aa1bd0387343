/** What a page says about itself to search engines, link previews and instructors (pure). */
import type { CourseItem } from './course';
import type { CardContent } from './social-card';

export const SITE_NAME = 'CNN course';
export const SITE_TAGLINE = 'An interactive course on convolutional neural networks';

/** The absolute canonical URL of a page: the deploy site plus its path under the base. */
export function canonicalUrl(site: string | URL, pathname: string): string {
  return new URL(pathname, site).href;
}

export const courseLabel = (it: Pick<CourseItem, 'kind' | 'number' | 'title'>) =>
  `${it.kind === 'lecture' ? 'Lecture' : 'Workshop'} ${it.number}: ${it.title}`;

export interface SocialCard {
  /** Site-relative path of the PNG, e.g. "social/lectures-10-cnn.png". */
  path: string;
  content: CardContent;
  alt: string;
}

export const HOME_CARD: SocialCard = {
  path: 'social/home.png',
  content: { kicker: 'Interactive course', title: 'Convolutional neural networks', drawing: 'conv2d' },
  alt: 'CNN course: convolutional neural networks, with a 3×3 kernel sliding over a 5×5 input.',
};

export function courseCard(it: CourseItem): SocialCard {
  const kicker = `${it.kind === 'lecture' ? 'Lecture' : 'Workshop'} ${it.number}`;
  const lecture = it.kind === 'lecture';
  return {
    path: `social/${it.kind}s-${it.slug}.png`,
    content: { kicker, title: it.title, drawing: lecture ? 'cross-correlation' : 'lenet' },
    alt: `${kicker}: ${it.title}, with ${lecture ? 'a kernel sliding over an input row (1D cross-correlation)' : 'the layers of LeNet-5'}.`,
  };
}

/** Where an instructor edits a page's MDX on GitHub; undefined when the build names no repository. */
export function editUrl(
  env: { repository?: string; branch?: string; serverUrl?: string },
  filePath: string | undefined,
): string | undefined {
  const repo = env.repository?.trim();
  if (!repo || !/^[\w.-]+\/[\w.-]+$/.test(repo) || !filePath) return undefined;
  const server = (env.serverUrl?.trim() || 'https://github.com').replace(/\/+$/, '');
  const branch = env.branch?.trim() || 'main';
  const path = filePath.replace(/^\.?\/+/, '').split('/').map(encodeURIComponent).join('/');
  return `${server}/${repo}/edit/${encodeURIComponent(branch)}/${path}`;
}

/** "30 November 2025" from an ISO date (the date in UTC, so every build prints the same). */
export function formatUpdated(iso: string): string | undefined {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return undefined;
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}
