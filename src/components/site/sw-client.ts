// The page's side of the service worker: registers it, makes a first visit cross-origin isolated with
// one early reload (only before the student has done anything), and shows the update prompt, which
// never reloads while training runs (`data-busy` on <html>). Plain browser API, no library: this code
// runs on every page before any interaction, so it is kept to about a kilobyte. workbox-window (1.4 KB
// gzip more) would replace only register, the waiting-worker events and SKIP_WAITING; the isolation
// reload, the busy gate and WebKit's new-URL reload below would stay as they are.
import { shouldReloadForIsolation } from '../../lib/site/isolation';
import { BUSY_ATTRIBUTE, updatePromptView } from '../../lib/site/update-prompt';

const RELOADED_KEY = 'cnn-course:isolation-reload';
/** A query mark on the URL that Reload takes a new version to, removed again once the page is there. */
const UPDATED_PARAM = 'updated';
const root = document.documentElement;
const busy = () => root.hasAttribute(BUSY_ATTRIBUTE);

function session(): Storage | null {
  try {
    return sessionStorage;
  } catch {
    return null;
  }
}

let observing = false;
function showPrompt(onReload: () => void): void {
  const box = document.querySelector<HTMLElement>('[data-update-prompt]');
  if (!box) return;
  const text = box.querySelector<HTMLElement>('[data-update-text]')!;
  const reload = box.querySelector<HTMLButtonElement>('[data-update-reload]')!;
  const render = () => {
    const view = updatePromptView({ busy: busy() });
    text.textContent = view.text;
    reload.disabled = !view.canReload;
  };
  render();
  if (!observing) new MutationObserver(render).observe(root, { attributes: true, attributeFilter: [BUSY_ATTRIBUTE] });
  observing = true;
  reload.onclick = () => {
    if (busy()) return render(); // training started meanwhile: wait for it
    reload.disabled = true;
    text.textContent = 'Loading the new version…';
    onReload();
  };
  box.querySelector<HTMLButtonElement>('[data-update-later]')!.onclick = () => (box.hidden = true);
  box.hidden = false;
}

export async function startServiceWorker(url: string, scope: string): Promise<void> {
  const sw = navigator.serviceWorker;
  let controlled = !!sw.controller;
  let interacted = false;
  for (const type of ['pointerdown', 'keydown', 'input', 'change']) addEventListener(type, () => (interacted = true), { capture: true, passive: true });
  let requested = false;
  let reloading = false;
  const reloadOnce = () => {
    if (!reloading) {
      reloading = true;
      location.reload();
    }
  };
  // WebKitGTK 2.50 never finishes reloading (or re-opening the same URL of) a page whose workers or
  // tfjs have run: the new version loads at this URL with a mark instead, which the page then drops.
  const openNewVersion = () => {
    if (reloading) return;
    reloading = true;
    const to = new URL(location.href);
    to.searchParams.set(UPDATED_PARAM, String(Date.now()));
    location.assign(to.href);
  };
  const here = new URL(location.href);
  if (here.searchParams.has(UPDATED_PARAM)) {
    here.searchParams.delete(UPDATED_PARAM);
    history.replaceState(history.state, '', here.href);
  }

  sw.addEventListener('controllerchange', () => {
    if (!controlled) {
      // A first visit: the worker has just taken control (clients.claim). Reload once, early, to be isolated.
      controlled = true;
      const store = session();
      const reload = shouldReloadForIsolation({
        isolated: self.crossOriginIsolated === true,
        firstControl: true,
        interacted,
        busy: busy(),
        alreadyReloaded: store?.getItem(RELOADED_KEY) === '1',
      });
      if (reload && store) {
        store.setItem(RELOADED_KEY, '1');
        reloadOnce();
      }
    } else if (requested) openNewVersion();
    // Another tab let a new version take over: this page may lack its files, so offer the reload.
    else showPrompt(openNewVersion);
  });

  // No service worker (blocked, private mode, no storage): the course still works online.
  const registration = await sw.register(url, { scope }).catch(() => undefined);
  if (!registration) return;
  // A new deploy finished installing (now or before this page loaded): offer it; it takes over only on request.
  const offer = (waiting: ServiceWorker) =>
    showPrompt(() => {
      requested = true;
      waiting.postMessage({ type: 'SKIP_WAITING' });
    });
  const watched = new WeakSet<ServiceWorker>();
  const watch = (installing: ServiceWorker | null) => {
    if (!installing || watched.has(installing)) return;
    watched.add(installing);
    installing.addEventListener('statechange', () => {
      if (installing.state === 'installed' && sw.controller) offer(installing);
    });
  };
  if (registration.waiting && sw.controller) offer(registration.waiting);
  // A deploy found while this page was still loading is already installing: its updatefound has passed.
  watch(registration.installing);
  registration.addEventListener('updatefound', () => watch(registration.installing));
  // Long sessions (a 20-epoch run) still notice a deploy: look for one every hour.
  setInterval(() => void registration.update().catch(() => {}), 60 * 60 * 1000);
}
