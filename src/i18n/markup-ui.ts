/**
 * The strings only the build writes into pages — the markup of Astro components: labels, headings and buttons
 * whose text is in the HTML. Kept apart from ui.ts, whose table ships with the page's scripts, so no page
 * downloads text it has already rendered (every byte before the editor counts against the page's budget).
 * Astro components look every string up through this module's `t`, which reads this table, then ui.ts's.
 */
import { fill, ui, type UiKey } from './ui.ts';

export const markupUi = {
  'exercise.label': 'Exercise',
  'exercise.activate': 'Edit this code',
  'exercise.editorKeys': 'In the editor, Tab indents. Esc leaves the editor for the Run tests button; Ctrl/⌘ + Enter runs the tests.',
  'exercise.solvedBadge': 'Solved',
  'exercise.run': 'Run tests',
  'exercise.runShortcut': 'Ctrl/⌘ + Enter',
  'exercise.reset': 'Reset',
  'exercise.undo': 'Undo',
  'exercise.hint': 'Show hint',
  'exercise.solution': 'Show solution',
  'exercise.solutionLocked': 'Run the tests once to unlock the solution.',
  'exercise.resultsHeading': 'Test results',
  'exercise.noJs': 'The editor and the tests need JavaScript. You can still read the task and the starter code.',
  'conflict.text': 'A newer draft of this exercise was saved in another tab. Your code here is not saved until you choose.',
  'progress.heading': 'Your progress',
  'backup.export': 'Export progress',
  'backup.import': 'Import progress',
  'quiz.label': 'Knowledge check',
  'quiz.questionNumber': 'Question {n} of {total}',
  'quiz.check': 'Check answer',
  'quiz.explanations': 'Show every answer with its explanation',
  'quiz.rightOption': 'Right',
  'quiz.wrongOption': 'Wrong',
  'figure.describe': 'Describe this figure',
  'figure.tryIt': 'Run this scenario yourself: the exercise “{title}”',
  'figure.scrollLabel': 'Figure (scrolls sideways on narrow screens): {title}',
  'primerQuote.source': 'the primer, {section}',
} as const;

export type MarkupUiKey = keyof typeof markupUi | UiKey;

/** Looks up a string of either table and fills `{name}` placeholders. */
export function t(key: MarkupUiKey, values: Record<string, string | number> = {}): string {
  return fill(key in markupUi ? markupUi[key as keyof typeof markupUi] : ui[key as UiKey], values);
}
