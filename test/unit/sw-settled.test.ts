// The notebook starts its worker once the service worker has settled (Firefox's `new Worker()` hang).
import { describe, expect, it, vi } from 'vitest';
import { serviceWorkerSettled, type ServiceWorkers } from '../../src/lib/site/sw-settled';

function container(opts: { controller?: boolean; reg?: { installing?: boolean; waiting?: boolean; active?: boolean } }) {
  const listeners = new Set<() => void>();
  const sw: ServiceWorkers & { claim(): void; listening(): number } = {
    controller: opts.controller ? {} : null,
    getRegistration: async () => (opts.reg ? { installing: opts.reg.installing ? {} : null, waiting: opts.reg.waiting ? {} : null, active: opts.reg.active ? {} : null } : undefined),
    addEventListener: (_t, l) => listeners.add(l),
    removeEventListener: (_t, l) => listeners.delete(l),
    claim() {
      (sw as { controller: unknown }).controller = {};
      for (const l of [...listeners]) l();
    },
    listening: () => listeners.size,
  };
  return sw;
}

const state = async (p: Promise<void>) => Promise.race([p.then(() => 'settled'), new Promise((r) => setTimeout(() => r('waiting'), 0))]);

describe('serviceWorkerSettled', () => {
  it('settles at once with no service worker, a controlled page, none registered, or one active that will not claim', async () => {
    expect(await state(serviceWorkerSettled(undefined))).toBe('settled');
    expect(await state(serviceWorkerSettled(container({ controller: true })))).toBe('settled');
    expect(await state(serviceWorkerSettled(container({})))).toBe('settled');
    const sw = container({ reg: { active: true, installing: true } }); // an update: this page is not claimed
    expect(await state(serviceWorkerSettled(sw))).toBe('settled');
    expect(sw.listening()).toBe(0);
  });

  it('a first visit waits for the claim, or for the cap', async () => {
    const sw = container({ reg: { installing: true } });
    const p = serviceWorkerSettled(sw);
    expect(await state(p)).toBe('waiting');
    sw.claim();
    expect(await state(p)).toBe('settled');
    expect(sw.listening()).toBe(0);

    vi.useFakeTimers();
    try {
      const slow = serviceWorkerSettled(container({ reg: {} }), 8000); // its script still loading
      let done = false;
      void slow.then(() => (done = true));
      await vi.advanceTimersByTimeAsync(7999);
      expect(done).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(done).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });
});
