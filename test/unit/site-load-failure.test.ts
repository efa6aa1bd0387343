import { describe, expect, it } from 'vitest';
import { isNetworkFailure, loadFailure, loadFailureMessage } from '../../src/lib/site/load-failure';

const chromeImport = new TypeError('Failed to fetch dynamically imported module: http://x/cnn-course/_astro/src.BeHc9aru.js');
const firefoxImport = new TypeError('error loading dynamically imported module: http://x/a.js');
const safariImport = new TypeError('Importing a module script failed.');
const fetchFailed = new TypeError('Failed to fetch');

describe('failed downloads in the course words', () => {
  it('recognises the browsers’ module and fetch failures', () => {
    for (const e of [chromeImport, firefoxImport, safariImport, fetchFailed, new TypeError('NetworkError when attempting to fetch resource.')]) {
      expect(isNetworkFailure(e), e.message).toBe(true);
    }
    expect(isNetworkFailure(new RangeError('kernel does not fit'))).toBe(false);
  });

  it('offline: says the part is not saved on this device yet and what to do, without the raw module URL', () => {
    const m = loadFailureMessage(chromeImport, 'The code editor', false);
    expect(m).toMatch(/^The code editor is not saved on this device yet, and you are offline\./);
    expect(m).toMatch(/after one visit online, the whole course works offline/);
    expect(m).not.toMatch(/dynamically imported|_astro|\.js/);
  });

  it('online: says the download failed and how to retry', () => {
    const m = loadFailureMessage(fetchFailed, 'TensorFlow.js', true);
    expect(m).toMatch(/^TensorFlow\.js could not be downloaded/);
    expect(m).toMatch(/reload the page/);
    expect(m).not.toMatch(/Failed to fetch/);
  });

  it('any other error keeps its own message', () => {
    expect(loadFailureMessage(new Error('bad wasm'), 'TensorFlow.js', false)).toBe('TensorFlow.js could not start: bad wasm');
    expect(loadFailureMessage('plain string', 'The chart library', true)).toBe('The chart library could not start: plain string');
  });

  it('loadFailure wraps the message in an Error that keeps the original as its cause', () => {
    const e = loadFailure(safariImport, 'The chart library', false);
    expect(e.message).toMatch(/^The chart library is not saved on this device yet/);
    expect(e.cause).toBe(safariImport);
  });

  it('reads navigator.onLine when not told', () => {
    const nav = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    Object.defineProperty(globalThis, 'navigator', { value: { onLine: false }, configurable: true });
    try {
      expect(loadFailureMessage(fetchFailed, 'The search index')).toMatch(/you are offline/);
    } finally {
      if (nav) Object.defineProperty(globalThis, 'navigator', nav);
      else delete (globalThis as { navigator?: unknown }).navigator;
    }
  });
});
