// Whether the page's service worker has settled: on a first visit it installs (precaching the
// course), then takes control of the page (clients.claim). On an isolated page the notebook starts
// its worker after that: Firefox can hang for good in `new Worker()` inside a worker meanwhile (seen
// while the service worker installed; see tfjs/serial-workers.ts).

/** What this uses of `navigator.serviceWorker`. */
export interface ServiceWorkers {
  readonly controller: unknown;
  getRegistration(): Promise<{ installing: unknown; waiting: unknown; active: unknown } | undefined>;
  addEventListener(type: 'controllerchange', listener: () => void): void;
  removeEventListener(type: 'controllerchange', listener: () => void): void;
}

/**
 * Resolves at once where no claim is coming (no service worker, already controlled, none
 * registered, or one already active that did not claim this page, as after Shift+Reload), else
 * when the page is claimed or after `capMs`, whichever is first.
 */
export async function serviceWorkerSettled(sw: ServiceWorkers | undefined, capMs = 8000): Promise<void> {
  if (!sw || sw.controller) return;
  let done!: () => void;
  const claimed = new Promise<void>((resolve) => (done = resolve));
  sw.addEventListener('controllerchange', done);
  const timer = setTimeout(done, capMs);
  try {
    const reg = await Promise.race([sw.getRegistration().catch(() => undefined), claimed.then(() => undefined)]);
    // A first install (its script may still be loading: no worker in any slot yet) claims the page once active.
    if (!sw.controller && reg && !reg.active) await claimed;
  } finally {
    clearTimeout(timer);
    sw.removeEventListener('controllerchange', done);
  }
}
