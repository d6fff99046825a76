/**
 * Before a new version of the course takes over, every editor on the page stores its code. The update notice
 * asks with one synchronous event; each exercise island saves at once and reports back if it could not
 * (storage full or turned off), so the page is never reloaded over code that exists only in an editor.
 */

/** The event the update notice dispatches on `window`; islands answer in its `detail`. */
export const SAVE_BEFORE_UPDATE_EVENT = 'sdl:save-before-update';

export interface SaveBeforeUpdateDetail {
  /** Exercise ids whose code is still not stored after the island tried to save it. */
  readonly unsaved: string[];
}

/** Asks every editor on the page to save now; returns the ids of exercises whose code could not be stored. */
export function saveEveryDraft(target: EventTarget): string[] {
  const detail: SaveBeforeUpdateDetail = { unsaved: [] };
  target.dispatchEvent(new CustomEvent<SaveBeforeUpdateDetail>(SAVE_BEFORE_UPDATE_EVENT, { detail }));
  return detail.unsaved;
}

/** An island's side: `save` stores the code and says whether anything is still unsaved. */
export function onSaveBeforeUpdate(target: EventTarget, exerciseId: string, save: () => boolean): void {
  target.addEventListener(SAVE_BEFORE_UPDATE_EVENT, (event) => {
    if (!save()) (event as CustomEvent<SaveBeforeUpdateDetail>).detail.unsaved.push(exerciseId);
  });
}
