import { describe, expect, it } from 'vitest';
import { courseOrder, hrefOf, neighbours, type CourseItem } from '../../src/lib/site/course';
import { withBase } from '../../src/lib/url/with-base';

const item = (kind: CourseItem['kind'], number: number, slug: string): CourseItem => ({
  kind, number, slug, title: slug, summary: slug,
});

describe('course order', () => {
  const items = [item('workshop', 10, 'w10'), item('lecture', 11, 'l11'), item('lecture', 10, 'l10'), item('workshop', 9, 'w9')];

  it('puts lecture n before workshop n before lecture n+1', () => {
    expect(courseOrder(items).map((i) => i.slug)).toEqual(['w9', 'l10', 'w10', 'l11']);
  });

  it('finds previous and next pages', () => {
    const { prev, next } = neighbours(items, 'workshop', 'w10');
    expect(prev?.slug).toBe('l10');
    expect(next?.slug).toBe('l11');
    expect(neighbours(items, 'workshop', 'w9').prev).toBeUndefined();
    expect(neighbours(items, 'lecture', 'l11').next).toBeUndefined();
  });

  it('names an unknown page', () => {
    expect(() => neighbours(items, 'lecture', 'nope')).toThrow(/lecture\/nope/);
  });

  it('builds section hrefs', () => {
    expect(hrefOf(item('lecture', 10, '10-cnn'))).toBe('lectures/10-cnn/');
    expect(hrefOf(item('workshop', 10, '10-lenet5'))).toBe('workshops/10-lenet5/');
  });
});

describe('withBase', () => {
  it('joins paths onto the base with exactly one slash', () => {
    expect(withBase('lectures/10-cnn/', '/cnn-course/')).toBe('/cnn-course/lectures/10-cnn/');
    expect(withBase('/data/x.bin', '/cnn-course')).toBe('/cnn-course/data/x.bin');
    expect(withBase('', '/cnn-course/')).toBe('/cnn-course/');
    expect(withBase('a', '/')).toBe('/a');
  });

  it('leaves absolute URLs and fragments alone', () => {
    expect(withBase('https://arxiv.org/abs/1603.07285', '/b/')).toBe('https://arxiv.org/abs/1603.07285');
    expect(withBase('#padding', '/b/')).toBe('#padding');
    expect(withBase('//cdn.example/x', '/b/')).toBe('//cdn.example/x');
  });
});
