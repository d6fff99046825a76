/**
 * Every string the course interface shows, in one place, so wording stays consistent and a translation
 * has one file to replace. Used both at build time (Astro components) and in the browser (custom elements).
 */
export const ui = {
  'exercise.label': 'Exercise',
  'exercise.editorLabel': 'Code editor for the exercise',
  'exercise.activate': 'Edit this code',
  'exercise.loadingEditor': 'Loading the editor…',
  'exercise.solvedBadge': 'Solved',
  'exercise.run': 'Run tests',
  'exercise.runShortcut': 'Ctrl/⌘ + Enter',
  'exercise.running': 'Running the tests…',
  'exercise.reset': 'Reset',
  'exercise.undo': 'Undo',
  'exercise.hint': 'Show hint',
  'exercise.noMoreHints': 'No more hints',
  'exercise.hintHeading': 'Hint {n} of {total}: {title}',
  'exercise.solution': 'Show solution',
  'exercise.solutionLocked': 'Run the tests once to unlock the solution.',
  'exercise.resultsHeading': 'Test results',
  'exercise.noJs': 'The editor and the tests need JavaScript. You can still read the task and the starter code.',
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
  'results.pass': 'All {total} tests passed. Exercise solved!',
  'results.fail': '{passed} of {total} tests passed.',
  'results.error': 'The tests could not run.',
  'results.timeout': 'Your code ran longer than {seconds} s and was stopped. Look for a loop that never ends.',
  'results.compileError': 'Line {line}, column {column}: {message}',
  'results.testPass': 'pass',
  'results.testFail': 'fail',
  'results.testError': 'error',
  'results.seed': 'Seed {seed} replays this failure.',
  'results.property': 'Broken property: {property}',
  'results.location': 'Thrown at line {line}, column {column}.',
  'results.trace': 'Events that led here:',
  'results.console': 'Console output:',
  'results.runnerFailed': 'The test runner failed: {message}',
  'progress.heading': 'Your progress',
  'progress.summary': '{solved} of {total} exercises solved',
  'progress.solved': 'solved',
  'progress.notSolved': 'not solved yet',
  'progress.sidebarSolved': '(solved)',
  'backup.export': 'Export progress',
  'backup.import': 'Import progress',
  'backup.exported': 'Your progress and drafts were saved to {file}.',
  'backup.imported': 'Imported {drafts} drafts and {solved} solved exercises.',
  'backup.invalid': 'That file is not a System Design Lab progress file: {reason}',
} as const;

export type UiKey = keyof typeof ui;

/** Looks up a UI string and fills `{name}` placeholders. */
export function t(key: UiKey, values: Record<string, string | number> = {}): string {
  return ui[key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in values ? String(values[name]) : whole));
}
