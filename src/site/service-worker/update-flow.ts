/**
 * What the page does when a service worker reports on the course's version, as a small state machine with
 * its effects passed in (tested in Node: tests/unit/site/update-flow.test.ts). Workbox reports; this decides.
 *
 * - First install: the whole course is now on this device; say so once.
 * - A new version is waiting: offer to reload. On the learner's word, save every draft first; if any could
 *   not be stored, stay on this version and say why. Otherwise let the new version take over, and reload
 *   only once it controls the page (so the reload gets the new pages, never a mix).
 * - Another tab took the new version: this tab's pages are from the old one; save and offer to reload.
 */

export type UpdateNotice =
  | { readonly kind: 'offline-ready' }
  | { readonly kind: 'update-ready' }
  | { readonly kind: 'updating' }
  | { readonly kind: 'not-saved'; readonly unsaved: readonly string[] }
  | { readonly kind: 'updated-elsewhere' };

export interface UpdateEffects {
  /** Saves every editor's code now; returns the exercise ids still unsaved. */
  saveDrafts(): string[];
  /** Tells the waiting service worker to take over. */
  activateWaiting(): void;
  reload(): void;
  show(notice: UpdateNotice): void;
}

export interface UpdateFlow {
  /** The service worker finished installing. `isUpdate`: a previous version controls the page. */
  installed(isUpdate: boolean): void;
  /** A new version is installed and waiting for the pages of the old one to let it take over. */
  waiting(): void;
  /** The learner chose to reload into the new version. */
  reloadRequested(): void;
  /** A service worker took control of this page; `isUpdate`: it replaced the one that controlled it. */
  controlling(isUpdate: boolean): void;
}

export function createUpdateFlow(effects: UpdateEffects): UpdateFlow {
  let requested = false;
  let reloaded = false;
  const reloadOnce = () => {
    if (reloaded) return;
    reloaded = true;
    effects.reload();
  };
  return {
    installed(isUpdate) {
      if (!isUpdate) effects.show({ kind: 'offline-ready' });
    },
    waiting() {
      if (!requested) effects.show({ kind: 'update-ready' });
    },
    reloadRequested() {
      const unsaved = effects.saveDrafts();
      if (unsaved.length > 0) {
        effects.show({ kind: 'not-saved', unsaved });
        return;
      }
      requested = true;
      effects.show({ kind: 'updating' });
      effects.activateWaiting();
    },
    controlling(isUpdate) {
      // The first install claims the pages that are open: nothing changes for them.
      if (!isUpdate) return;
      if (requested) {
        reloadOnce();
        return;
      }
      // Another tab updated: this page's code is from the old version, and its chunks are no longer cached.
      effects.saveDrafts();
      effects.show({ kind: 'updated-elsewhere' });
    },
  };
}
