/**
 * What the "new version" prompt says. A new deploy is installed in the background; the page offers
 * to reload, and never reloads while long work runs (the workshop sets `data-busy` on <html> while
 * training): then it says the new version can load when the training ends.
 */
export const BUSY_ATTRIBUTE = 'data-busy';

export interface UpdatePromptView {
  text: string;
  /** The Reload button works now. */
  canReload: boolean;
}

export function updatePromptView(s: { busy: boolean }): UpdatePromptView {
  if (s.busy) {
    return {
      text: 'A new version of the course is available. It can load when the training ends: the run is not interrupted.',
      canReload: false,
    };
  }
  return { text: 'A new version of the course is available —', canReload: true };
}
