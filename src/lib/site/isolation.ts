/**
 * Cross-origin isolation (COOP + COEP), so tfjs-wasm may use threads (SharedArrayBuffer). GitHub Pages
 * cannot send headers, so the service worker adds them to what it serves, as coi-serviceworker does;
 * `astro dev` sends the same two (astro.config.mjs). Every request the course makes is same-origin, so
 * `require-corp` blocks nothing, and it works in every browser that isolates (credentialless does not).
 */
export const ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The same response with the isolation headers set; opaque and error responses pass through unchanged. */
export function withIsolation(response: Response): Response {
  if (response.type === 'opaque' || response.type === 'opaqueredirect' || response.type === 'error' || response.status === 0) {
    return response;
  }
  const headers = new Headers(response.headers);
  for (const [name, value] of Object.entries(ISOLATION_HEADERS)) headers.set(name, value);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/**
 * Whether to reload once so the page is served (isolated) by the worker that has just taken control:
 * only on a first visit, only before the student has done anything, only once per tab.
 */
export function shouldReloadForIsolation(s: {
  isolated: boolean;
  /** The page had no service worker when it loaded, and one has just taken control. */
  firstControl: boolean;
  interacted: boolean;
  busy: boolean;
  alreadyReloaded: boolean;
}): boolean {
  return !s.isolated && s.firstControl && !s.interacted && !s.busy && !s.alreadyReloaded;
}
