import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { canonicalUrl, courseCard, editUrl, formatUpdated, HOME_CARD } from '../../src/lib/site/page-meta';
import { lastCommitDate } from '../../src/lib/site/git-dates';
import { webManifest } from '../../src/lib/site/web-manifest';
import { updatePromptView } from '../../src/lib/site/update-prompt';

describe('page metadata', () => {
  it('builds canonical URLs under the deploy base', () => {
    expect(canonicalUrl('https://me.github.io', '/cnn-course/lectures/10-cnn/')).toBe('https://me.github.io/cnn-course/lectures/10-cnn/');
    expect(canonicalUrl(new URL('http://localhost:4321'), '/cnn-course/')).toBe('http://localhost:4321/cnn-course/');
  });

  it('gives every course page its own card, and the home page the course card', () => {
    const card = courseCard({ kind: 'lecture', slug: '10-cnn', number: 10, title: 'Convolutional neural networks', summary: '' });
    expect(card.path).toBe('social/lectures-10-cnn.png');
    expect(card.content).toEqual({ kicker: 'Lecture 10', title: 'Convolutional neural networks', drawing: 'cross-correlation' });
    expect(card.alt).toMatch(/^Lecture 10: Convolutional neural networks/);
    expect(courseCard({ kind: 'workshop', slug: '10-lenet5', number: 10, title: 'LeNet-5 on MNIST', summary: '' }).content.drawing).toBe('lenet');
    expect(HOME_CARD.path).toBe('social/home.png');
  });

  it('links "Edit this page" to the MDX source on GitHub only when a repository is named', () => {
    expect(editUrl({ repository: 'teacher/cnn-course', branch: 'main' }, 'content/lectures/10-cnn.mdx')).toBe(
      'https://github.com/teacher/cnn-course/edit/main/content/lectures/10-cnn.mdx',
    );
    expect(editUrl({ repository: 'teacher/cnn-course', serverUrl: 'https://git.example.edu/' }, './content/x y.mdx')).toBe(
      'https://git.example.edu/teacher/cnn-course/edit/main/content/x%20y.mdx',
    );
    expect(editUrl({}, 'content/lectures/10-cnn.mdx')).toBeUndefined();
    expect(editUrl({ repository: '  ' }, 'content/lectures/10-cnn.mdx')).toBeUndefined();
    expect(editUrl({ repository: 'not a repo' }, 'content/lectures/10-cnn.mdx')).toBeUndefined();
    expect(editUrl({ repository: 'a/b' }, undefined)).toBeUndefined();
  });

  it('prints the last-updated date the same on every machine', () => {
    expect(formatUpdated('2025-11-30T23:30:00-05:00')).toBe('1 December 2025');
    expect(formatUpdated('not a date')).toBeUndefined();
  });

  it('reads a file’s last commit date from git, and nothing without a repository', () => {
    // A throwaway repository with a commit at a known date (the course's own history varies by checkout).
    const repo = mkdtempSync(join(tmpdir(), 'site-git-'));
    mkdirSync(join(repo, 'content'));
    writeFileSync(join(repo, 'content', 'page.mdx'), '# page\n');
    const env = { ...process.env, GIT_AUTHOR_DATE: '2024-03-05T10:00:00Z', GIT_COMMITTER_DATE: '2024-03-05T10:00:00Z' };
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, env, stdio: 'ignore' });
    git('init', '-q');
    git('add', '.');
    git('-c', 'user.name=t', '-c', 'user.email=t@example.com', 'commit', '-q', '-m', 'page');
    expect(formatUpdated(lastCommitDate('content/page.mdx', repo)!)).toBe('5 March 2024');
    expect(lastCommitDate('content/other.mdx', repo)).toBeUndefined();
    expect(lastCommitDate('content/page.mdx', mkdtempSync(join(tmpdir(), 'no-git-')))).toBeUndefined();
  });
});

describe('web app manifest', () => {
  it('installs the course at its base path with regular and maskable icons', () => {
    const m = webManifest('/cnn-course/');
    expect(m.start_url).toBe('/cnn-course/');
    expect(m.scope).toBe('/cnn-course/');
    expect(m.display).toBe('standalone');
    expect(m.icons.map((i) => `${i.src} ${i.sizes} ${i.purpose}`)).toEqual([
      '/cnn-course/icons/icon-192.png 192x192 any',
      '/cnn-course/icons/icon-512.png 512x512 any',
      '/cnn-course/icons/maskable-512.png 512x512 maskable',
    ]);
  });
});

describe('the new-version prompt', () => {
  it('offers the reload when nothing runs', () => {
    expect(updatePromptView({ busy: false })).toEqual({ text: 'A new version of the course is available —', canReload: true });
  });
  it('never offers it while training runs, and says when it can load', () => {
    const v = updatePromptView({ busy: true });
    expect(v.canReload).toBe(false);
    expect(v.text).toMatch(/when the training ends/);
  });
});
