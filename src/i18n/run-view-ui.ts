/**
 * The strings of the run view (src/site/run-view), the one part of the course interface with a table of its
 * own: it loads only when a failing run is drawn, and its strings with it, so every page's first scripts stay
 * within their budget. Every other string is in ui.ts; the same placeholders, the same `fill`.
 */
import { fill } from './ui.ts';

export const runViewUi = {
  'confirm.link.title': 'Put the code from the link in the editor?',
  'confirm.link.body': 'The code from the link replaces your code in the editor. You can undo this right after.',
  'confirm.link.confirm': 'Use the code from the link',
  'status.linkLoaded': 'The code from the link is in the editor. Undo brings your code back.',
  'run.regionLabel': 'Your failing run',
  'run.heading': 'Your run: {test}',
  'run.diagramTitle': 'Space-time diagram of your run (seed {seed}), {from} ms to {to} ms',
  'run.about': 'The diagram shows {shown} of the run’s {total} events: the window where the test failed, with the events that broke it highlighted.',
  'run.canvasLabel': 'Your run. Step through its events with the arrow keys, Home and End.',
  'run.controlsLabel': 'Step through the run',
  'run.first': 'First event',
  'run.previous': 'Previous event',
  'run.next': 'Next event',
  'run.last': 'Last event',
  'run.partOfFailure': '(part of the failure)',
  'run.showTable': 'Show the events as a table',
  'run.tableCaption': 'The events of your run, in order',
  'run.columnStep': 'Step',
  'run.columnTime': 'Time',
  'run.columnEvent': 'What happened',
  'run.columnState': 'State after',
  'run.replay': 'Replay this run',
  'run.replaying': 'Running this test again on the same code…',
  'run.replayed': 'Replayed seed {seed} on the same code: the run above is the new one.',
  'run.replayPassed': 'This test passed when it ran again, so there is no failing run to draw. Run all the tests to see the current results.',
  'run.replayNoRun': 'This test failed again, but without a run to draw. Press Run tests to see why.',
  'run.replayFailed': 'The replay could not run: {message}. Press Run tests to try again.',
  'run.copyLink': 'Copy link to this run',
  'run.linkCopied': 'A link to this run, with your code in it, is on the clipboard. Opening it draws this run again; nothing was sent anywhere.',
  'run.linkFailed': 'The link could not be copied: {message}.',
  'run.sharedNote': 'This run came from a link: the code in it, graded here. Your own code in the editor is unchanged.',
  'run.adopt': 'Put the code from the link in the editor',
  'run.sharedPassed': 'The code from the link passes “{test}” now, so there is no failing run to draw: the exercise may have changed since the link was made.',
  'run.sharedSeed': 'The link’s run was seed {linked}; the test now fails on seed {seed}, so the run drawn is a different one.',
  'run.linkElsewhere': 'This link opens a run of “{exercise}”, an exercise on another page of the course. Use the whole link as it was shared: it names the right page.',
  'run.loadFailed': 'The diagram of your run could not load ({message}). The results above still say what failed; reload the page to try again.',
  'run.unreadable': 'This run cannot be drawn: it was recorded in a shape this page does not read. Run the tests again to record it afresh.',
} as const;

export type RunViewUiKey = keyof typeof runViewUi;

/** Looks up a run-view string and fills `{name}` placeholders. */
export function tRun(key: RunViewUiKey, values: Record<string, string | number> = {}): string {
  return fill(runViewUi[key], values);
}
