// localStorage, or null where the browser refuses it (private mode, disabled storage).
export function localStore(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
