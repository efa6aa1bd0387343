/**
 * Turns a failed dynamic import or fetch into a sentence in the course's words, instead of the
 * browser's "Failed to fetch dynamically imported module: …/src.BeHc9aru.js".
 */

/** The messages browsers give when a module or a fetch could not reach the network. */
const NETWORK_FAILURE =
  /failed to fetch|dynamically imported module|importing a module script failed|error loading dynamically imported module|networkerror|network request failed|load failed|err_internet_disconnected|err_network/i;

export function isNetworkFailure(err: unknown): boolean {
  const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return NETWORK_FAILURE.test(message);
}

/** `navigator.onLine` where there is one (page or worker); true elsewhere. */
function browserOnline(): boolean {
  const nav = (globalThis as { navigator?: { onLine?: boolean } }).navigator;
  return nav?.onLine !== false;
}

/**
 * A sentence that says what could not load and what to do. `what` names the part in the course's words
 * ("The code editor", "TensorFlow.js", "The chart library"); it starts the sentence.
 */
export function loadFailureMessage(err: unknown, what: string, online: boolean = browserOnline()): string {
  if (!isNetworkFailure(err)) {
    const detail = err instanceof Error ? err.message : String(err);
    return `${what} could not start: ${detail}`;
  }
  if (!online) {
    return `${what} is not saved on this device yet, and you are offline. Connect to the internet and try again: after one visit online, the whole course works offline.`;
  }
  return `${what} could not be downloaded: the connection dropped, or a new version of the course was just published. Try again, or reload the page.`;
}

/** An Error whose message is `loadFailureMessage`, keeping the original as its cause. */
export function loadFailure(err: unknown, what: string, online?: boolean): Error {
  return new Error(loadFailureMessage(err, what, online), { cause: err });
}
