import { describe, expect, it } from 'vitest';
import { ISOLATION_HEADERS, shouldReloadForIsolation, withIsolation } from '../../src/lib/site/isolation';

describe('cross-origin isolation headers', () => {
  it('adds COOP same-origin and COEP require-corp, keeping status, body and other headers', async () => {
    const original = new Response('<p>page</p>', { status: 200, statusText: 'OK', headers: { 'Content-Type': 'text/html', 'X-Keep': '1' } });
    const r = withIsolation(original);
    expect(r.headers.get('Cross-Origin-Opener-Policy')).toBe('same-origin');
    expect(r.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
    expect(r.headers.get('Content-Type')).toBe('text/html');
    expect(r.headers.get('X-Keep')).toBe('1');
    expect(r.status).toBe(200);
    expect(await r.text()).toBe('<p>page</p>');
  });

  it('overrides weaker values a server may have sent, and keeps a 404 a 404', () => {
    const r = withIsolation(new Response('gone', { status: 404, headers: { 'Cross-Origin-Embedder-Policy': 'unsafe-none' } }));
    expect(r.status).toBe(404);
    expect(r.headers.get('Cross-Origin-Embedder-Policy')).toBe('require-corp');
  });

  it('leaves an error response alone (it cannot be copied)', () => {
    const err = Response.error();
    expect(withIsolation(err)).toBe(err);
  });

  it('exports exactly the two headers the dev server also sends', () => {
    expect(Object.keys(ISOLATION_HEADERS).sort()).toEqual(['Cross-Origin-Embedder-Policy', 'Cross-Origin-Opener-Policy']);
  });
});

describe('the one early reload that makes a first visit isolated', () => {
  const base = { isolated: false, firstControl: true, interacted: false, busy: false, alreadyReloaded: false };
  it('reloads a first visit that is not isolated yet, before the student has done anything', () => {
    expect(shouldReloadForIsolation(base)).toBe(true);
  });
  it.each([
    ['already isolated (the server sent the headers)', { isolated: true }],
    ['not the first time a worker takes control (an update)', { firstControl: false }],
    ['the student has clicked or typed', { interacted: true }],
    ['training is running', { busy: true }],
    ['this tab already reloaded once', { alreadyReloaded: true }],
  ])('never when %s', (_why, change) => {
    expect(shouldReloadForIsolation({ ...base, ...change })).toBe(false);
  });
});
