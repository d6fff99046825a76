/**
 * The strings the course interface shows from its scripts (custom elements, the page's runtime), in one place,
 * so wording stays consistent and a translation has one file to replace. Strings only the build writes into the
 * markup live in markup-ui.ts, which Astro components read (it includes this table): the browser never
 * downloads them. The run view's and the results' strings have lazily loaded tables of their own
 * (run-view-ui.ts, results-ui.ts).
 */
export const ui = {
  'exercise.editorLabel': 'Code editor for the exercise',
  'exercise.loadingEditor': 'Loading the editor…',
  'exercise.running': 'Running the tests…',
  'exercise.noMoreHints': 'No more hints',
  'exercise.hintHeading': 'Hint {n} of {total}: {title}',
  'confirm.cancel': 'Cancel',
  'confirm.reset.title': 'Reset to the starter code?',
  'confirm.reset.body': 'Your code in this editor is replaced by the starter. You can undo this right after.',
  'confirm.reset.confirm': 'Reset code',
  'confirm.solution.title': 'Show the reference solution?',
  'confirm.solution.body': 'The solution replaces your code in the editor. You can undo this right after.',
  'confirm.solution.confirm': 'Show solution',
  'confirm.staleDraft.title': 'This exercise has changed',
  'confirm.staleDraft.body': 'You saved a draft for an older version of this exercise. Keep your draft, or start from the new starter code?',
  'confirm.staleDraft.confirm': 'Keep my draft',
  'confirm.staleDraft.cancel': 'Use the new starter',
  'status.resetDone': 'The code was reset to the starter.',
  'status.solutionShown': 'The reference solution is in the editor.',
  'status.undone': 'Your previous code is back.',
  'status.draftRestored': 'Your saved draft was restored.',
  'status.savedAgain': 'Your code is saved again.',
  'status.conflictLoaded': "The other tab's draft is in the editor. Undo brings your code back.",
  'status.conflictKept': "Your code is saved and replaces the other tab's draft.",
  'conflict.load': "Load the other tab's draft",
  'conflict.keep': 'Keep my code',
  'storage.full': "Your browser's storage for this site is full, so your latest changes are not saved. They are still in the editor: copy them or export your progress before you close this tab.",
  'storage.unavailable': 'This browser does not let the site store data, so your code is not kept when you close the tab.',
  'storage.setAside.unreadable': 'Your saved course data could not be read ({reason}), so the course starts fresh here.',
  'storage.setAside.newer': 'Your saved course data was written by a newer version of this course, so the course starts fresh here.',
  'storage.setAside.movedTo': 'The old data was not deleted: it is kept in this browser under the key “{key}”.',
  'storage.setAside.stuck': 'Storage is full, so the old data stays where it was and nothing new is saved until there is room.',
  'results.runnerFailed': 'The test runner failed: {message}',
  'progress.summary': '{solved} of {total} exercises solved',
  'progress.solved': 'solved',
  'progress.notSolved': 'not solved yet',
  'progress.sidebarSolved': '(solved)',
  'progress.sidebarPartial': '({solved} of {total} exercises solved)',
  'progress.lessonCount': '{solved} of {total} solved',
  'continue.label': 'Continue: {lesson} — {exercise}',
  'continue.draft': 'You left code in this exercise.',
  'continue.next': 'The next exercise after the one you solved last.',
  'continue.allSolved': 'Every exercise is solved. Revisit any lesson below, or see where to go next.',
  'backup.exported': 'Your progress and drafts were saved to {file}.',
  'backup.imported': 'Imported {drafts} drafts and {solved} solved exercises.',
  'backup.notSaved': 'The file is valid, but your browser could not store it (its storage for this site is full or turned off). Nothing was changed.',
  'backup.invalid': 'That file is not a System Design Lab progress file: {reason}',
  'search.offline': 'Search is not available: you are offline, and the search index is not saved on this device yet. Connect once and the whole course, search included, works offline.',
  'search.unavailable': 'Search could not load. Check your connection and try again.',
  'update.offlineReady': 'The whole course is now saved on this device: it works offline from here on.',
  'update.ready': 'A new version of the course is ready. Your drafts are saved before it loads.',
  'update.reload': 'Reload to update',
  'update.updating': 'Saving your drafts and loading the new version…',
  'update.notSaved': 'Your code in {count} editor(s) could not be saved (storage is full or turned off), so the page was not reloaded. Copy it or export your progress, then try again.',
  'update.updatedElsewhere': 'The course was updated in another tab. Your drafts here are saved; reload this tab to use the new version.',
  'quiz.chooseFirst': 'Choose an answer first.',
  'quiz.correct': 'Correct.',
  'quiz.incorrect': 'Not quite.',
} as const;

export type UiKey = keyof typeof ui;

/** Fills `{name}` placeholders in a UI string; an unknown one stays visible. */
export function fill(text: string, values: Record<string, string | number> = {}): string {
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}

/** Looks up a UI string and fills `{name}` placeholders. */
export function t(key: UiKey, values: Record<string, string | number> = {}): string {
  return fill(ui[key], values);
}
