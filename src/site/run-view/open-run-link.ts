/**
 * A link to a run (run-link.ts) opened on an exercise's page: the island it names grades the link's code and
 * shows the run; the learner's own code stays in the editor until they choose to take the link's (asked,
 * undoable). The first island on the page answers for a link that cannot be read or names no exercise here.
 * Loaded only when the address holds a link.
 */
import { t } from '../../i18n/ui.ts';
import { tRun } from '../../i18n/run-view-ui.ts';
import { readRunLink } from './run-link.ts';
import { showLinkedRun } from './show-run.ts';

/** What the exercise island lends: its identity, its run view and notice, and its guarded code replacement. */
export interface LinkedIsland {
  readonly island: HTMLElement;
  readonly exerciseId: string;
  readonly timeLimitMs: number;
  readonly runView: HTMLElement;
  say(message: string): void;
  replaceCode(code: string, question: { title: string; body: string; confirmLabel: string; cancelLabel: string }, doneMessage: string): void;
}

export async function openRunLink(target: LinkedIsland): Promise<void> {
  const read = await readRunLink(window.location.hash);
  const answersForThePage = document.querySelector('sdl-exercise') === target.island;
  if (!read.ok) {
    if (answersForThePage) target.say(read.problem);
    return;
  }
  const { link } = read;
  if (link.exercise !== target.exerciseId) {
    const idsHere = [...document.querySelectorAll('sdl-exercise [data-part="data"]')].map((data) => (JSON.parse(data.textContent ?? '{}') as { id?: string }).id);
    if (answersForThePage && !idsHere.includes(link.exercise)) target.say(tRun('run.linkElsewhere', { exercise: link.exercise }));
    return;
  }
  target.island.scrollIntoView({ block: 'start' });
  await showLinkedRun(target.runView, link, target.timeLimitMs, () =>
    target.replaceCode(
      link.code,
      { title: tRun('confirm.link.title'), body: tRun('confirm.link.body'), confirmLabel: tRun('confirm.link.confirm'), cancelLabel: t('confirm.cancel') },
      tRun('status.linkLoaded'),
    ),
  );
}
