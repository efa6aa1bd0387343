/// <reference lib="webworker" />
// The service worker (bundled to dist/sw.js by scripts/build-sw.mjs, which injects the precache list):
// Workbox precaches the whole course (pages, JS chunks, tfjs .wasm, KaTeX CSS and fonts, reference
// weights, search index) and serves it cache-first, so after one visit the course works offline. Every
// page and worker script it serves carries COOP/COEP, so the site is cross-origin isolated on GitHub
// Pages too. MNIST is not precached: it keeps its own Cache API path and verification (src/lib/mnist).
// A new deploy waits until the page asks it to take over (the update prompt), never by itself.
import { addPlugins, cleanupOutdatedCaches, matchPrecache, precacheAndRoute } from 'workbox-precaching';
import { registerRoute, setCatchHandler } from 'workbox-routing';
import { NetworkOnly } from 'workbox-strategies';
import { clientsClaim } from 'workbox-core';
import type { PrecacheEntry } from 'workbox-precaching';
import type { WorkboxPlugin } from 'workbox-core/types';
import { withIsolation } from '../lib/site/isolation';

declare const self: ServiceWorkerGlobalScope & { __WB_MANIFEST: (string | PrecacheEntry)[] };

const isolate: WorkboxPlugin = { handlerWillRespond: async ({ response }) => withIsolation(response) };

addPlugins([isolate]);
// Query strings (a widget's settings in the URL, Pagefind's ?ts=) never change which file is served.
precacheAndRoute(self.__WB_MANIFEST, { ignoreURLParametersMatching: [/.*/], directoryIndex: 'index.html', cleanURLs: false });
cleanupOutdatedCaches();

// Pages and worker scripts that are not precached still need the isolation headers.
registerRoute(
  ({ request, sameOrigin }) => sameOrigin && (request.mode === 'navigate' || request.destination === 'worker'),
  new NetworkOnly({ plugins: [isolate] }),
);

// Offline, a page that is not saved says so in the course's words.
setCatchHandler(async ({ request }) => {
  if (request.mode !== 'navigate') return Response.error();
  const page = await matchPrecache('offline/index.html');
  return page ? withIsolation(page) : Response.error();
});

self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

// A first visit is controlled at once (no reload needed for offline use of what it loads later).
clientsClaim();
