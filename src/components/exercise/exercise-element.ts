/**
 * <sdl-exercise>: the behaviour of one exercise island (Exercise.astro). The server-rendered markup already shows
 * the task and the starter code; this element adds the editor (on first view or click), the controls, drafts
 * and progress. When to save the draft and what another tab's save means are decided by DraftSync
 * (src/site/draft-sync.ts); this element wires it to the editor, the buttons and the page.
 */
import { t } from '../../i18n/ui.ts';
import { ask } from '../../site/confirm-dialog.ts';
import { DraftSync, type SaveOutcome } from '../../site/draft-sync.ts';
import { draftsIn } from '../../site/drafts.ts';
import { isSolved, markSolved, onProgressChange } from '../../site/progress.ts';
import { onOtherTabChange, onSetAside, readState, writeState } from '../../site/store.ts';
import { saveWarning, setAsideWarning, WarningList } from '../../site/storage-warnings.ts';
import { renderMessage } from '../../site/results-message.ts';
import { prepareRunner, prepareSource, runExercise } from '../../site/runner.ts';
import { RUN_LINK_PREFIX } from '../../site/run-view/run-link-prefix.ts';
import { prefersPlainEditor } from '../../site/editor/editor-choice.ts';
import { createTextareaEditor } from '../../site/editor/textarea-editor.ts';
import { onSaveBeforeUpdate } from '../../site/service-worker/save-before-update.ts';
import type { CodeEditor, EditorOptions } from '../../site/editor/code-editor.ts';
import type { TestResult } from '../../runner/contract.ts';
import { loadedOnce } from '../../site/loaded-once.ts';

/**
 * The run view (src/site/run-view/show-run.ts) and the diagram renderer it brings, and the results view: never
 * among a page's first scripts. Kept once loaded, so a run's results and its diagram are drawn in the task its
 * reply arrives in, and reach the screen in the same frame.
 */
const runViewModule = loadedOnce(() => import('../../site/run-view/show-run.ts'));
const resultsViewModule = loadedOnce(() => import('../../site/results-view.ts'));

/**
 * Once an editor is open, fetches the run view when the page is idle, then has it warm itself up (draw a made-up
 * run out of sight, in idle time), so a learner's first failing run is drawn as fast as the second. A failed
 * fetch is left for the failing run to try again and report.
 */
function preloadRunView(): void {
  const load = () => void runViewModule.load().then((view) => view.warmUpRunView()).catch(() => undefined);
  if (typeof requestIdleCallback === 'function') requestIdleCallback(load, { timeout: 2000 });
  else setTimeout(load, 500);
}

/** What Exercise.astro embeds for the island as JSON, in its `[data-part="data"]` script element. */
interface ExerciseData {
  id: string;
  starter: string;
  starterHash: string;
  solution: string;
  timeLimitMs: number;
  filePath: string;
  typeFiles: Record<string, string>;
}

/** Saves wait for a pause in typing this long; leaving or hiding the page saves at once. */
const DRAFT_SAVE_DELAY_MS = 400;

/** The code is transpiled ahead after a pause in typing this long: shorter than reaching for Run tests. */
const SOURCE_PREPARE_DELAY_MS = 250;

class ExerciseIsland extends HTMLElement {
  #data!: ExerciseData;
  #editor: Promise<CodeEditor> | undefined;
  #readyEditor: CodeEditor | undefined;
  #running = false;
  #hasRun = false;
  #hintsShown = 0;
  /** The code replaced by the last Reset, Show solution or loaded draft, offered back by Undo. */
  #replacedCode: string | undefined;
  #draftSync!: DraftSync;
  #pendingSave: ReturnType<typeof setTimeout> | undefined;
  #pendingSource: ReturnType<typeof setTimeout> | undefined;
  #warnings!: WarningList;

  #part<T extends HTMLElement = HTMLElement>(name: string): T {
    const found = this.querySelector<T>(`[data-part="${name}"]`);
    if (!found) throw new Error(`<sdl-exercise> is missing its [data-part="${name}"] element`);
    return found;
  }

  /** The code in the editor, like a form control's value; undefined until the editor has loaded. */
  get value(): string | undefined {
    return this.#readyEditor?.getValue();
  }

  connectedCallback(): void {
    this.#data = JSON.parse(this.#part('data').textContent ?? '{}') as ExerciseData;
    this.#draftSync = new DraftSync(this.#data, draftsIn(readState, writeState), Date.now);
    this.#part('controls').hidden = false;
    this.#part('activate').hidden = false;
    this.#warnings = new WarningList(this.#part('storage-warning'));
    onSetAside((setAside) => this.#warnings.show(`set-aside ${setAside.key}`, setAsideWarning(setAside)));
    this.#showSolvedState();
    onProgressChange(() => this.#showSolvedState());
    onOtherTabChange(() => {
      if (this.#draftSync.otherTabSaved() === 'conflict') this.#showConflict();
    });
    // A closed or discarded tab gets no later chance: save what the debounce still holds.
    window.addEventListener('pagehide', () => this.#saveNow());
    document.addEventListener('visibilitychange', () => {
      if (document.visibilityState === 'hidden') this.#saveNow();
    });
    // A new version of the course is about to load: store the code now, or say that it could not be.
    onSaveBeforeUpdate(window, this.#data.id, () => {
      this.#saveNow();
      return !this.#draftSync.hasUnsavedCode;
    });
    this.#part('conflict-load').addEventListener('click', () => void this.#loadTheirDraft());
    this.#part('conflict-keep').addEventListener('click', () => this.#keepMyCode());

    this.#part('activate').addEventListener('click', () => void this.#activate().then((editor) => editor.focus()));
    this.#part('static-code').addEventListener('click', () => void this.#activate().then((editor) => editor.focus()));
    this.#part('run').addEventListener('click', () => void this.#run());
    this.#part('reset').addEventListener('click', () => void this.#reset());
    this.#part('undo').addEventListener('click', () => void this.#undo());
    this.#part('hint').addEventListener('click', () => this.#showNextHint());
    this.#part('solution').addEventListener('click', () => void this.#showSolution());
    // Capture phase: Monaco binds Ctrl+Enter itself ("insert line below") and would swallow the event.
    this.addEventListener(
      'keydown',
      (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          event.stopPropagation();
          void this.#run();
        }
      },
      { capture: true },
    );
    // Load the editor once the learner scrolls to the exercise: by then they are likely to use it.
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          void this.#activate();
        }
      },
      { rootMargin: '0px 0px 25% 0px' },
    );
    observer.observe(this);
    if (window.location.hash.startsWith(RUN_LINK_PREFIX)) void this.#openRunLink();
    // A link opened on the page it points to only changes the fragment: the page does not load again.
    window.addEventListener('hashchange', () => {
      if (window.location.hash.startsWith(RUN_LINK_PREFIX)) void this.#openRunLink();
    });
  }

  /** A link to a run opened on this page (src/site/run-view/open-run-link.ts): loaded only when there is one. */
  async #openRunLink(): Promise<void> {
    const { openRunLink } = await import('../../site/run-view/open-run-link.ts');
    await openRunLink({
      island: this,
      exerciseId: this.#data.id,
      timeLimitMs: this.#data.timeLimitMs,
      runView: this.#part('run-view'),
      say: (message) => this.#say(message),
      replaceCode: (code, question, doneMessage) => void this.#replaceCode(code, question, doneMessage),
    });
  }

  #showSolvedState(): void {
    this.#part('solved-badge').hidden = !isSolved(this.#data.id);
  }

  #say(message: string): void {
    this.#part('notice').textContent = message;
  }

  #activate(): Promise<CodeEditor> {
    this.#editor ??= this.#createEditor();
    return this.#editor;
  }

  async #createEditor(): Promise<CodeEditor> {
    const { code, restored } = await this.#initialCode();
    const staticCode = this.#part('static-code');
    const surface = this.#part('editor-surface');
    this.#part('editor').setAttribute('aria-busy', 'true');
    this.#say(t('exercise.loadingEditor'));
    const options: EditorOptions = {
      code,
      label: t('exercise.editorLabel'),
      filePath: this.#data.filePath,
      typeFiles: this.#data.typeFiles,
      keysHintId: this.#part('keys-hint').id,
      onEscape: () => this.#part('run').focus(),
    };
    let editor: CodeEditor;
    if (prefersPlainEditor()) {
      editor = createTextareaEditor(surface, options);
    } else {
      try {
        const { createMonacoEditor } = await import('../../site/editor/monaco-editor.ts');
        editor = await createMonacoEditor(surface, options);
      } catch (error) {
        console.error('Monaco failed to load; using the plain editor instead.', error);
        editor = createTextareaEditor(surface, options);
      }
    }
    // Hidden, not removed: Expressive Code links its stylesheet inside the first code block on the page, so
    // removing this block would strip the styles (line wrapping among them) from every other code block.
    staticCode.hidden = true;
    surface.hidden = false;
    this.#part('keys-hint').hidden = false;
    // The button stays until the editor is there, so keyboard focus has somewhere to be; then it moves on
    // into the editor instead of dropping to the page.
    const activate = this.#part('activate');
    const focusWasHere = activate.contains(document.activeElement) || staticCode.contains(document.activeElement);
    activate.hidden = true;
    if (focusWasHere) editor.focus();
    prepareRunner(this.#data.id);
    prepareSource(this.#data.id, editor.getValue());
    preloadRunView();
    this.#part('editor').removeAttribute('aria-busy');
    this.#say(restored ? t('status.draftRestored') : '');
    this.#readyEditor = editor;
    this.#draftSync.ready(() => editor.getValue());
    editor.onChange(() => {
      this.#draftSync.edited();
      clearTimeout(this.#pendingSave);
      this.#pendingSave = setTimeout(() => this.#saveNow(), DRAFT_SAVE_DELAY_MS);
      // Once the learner pauses, their code is transpiled ahead, so Run tests starts at the tests.
      clearTimeout(this.#pendingSource);
      this.#pendingSource = setTimeout(() => prepareSource(this.#data.id, editor.getValue()), SOURCE_PREPARE_DELAY_MS);
    });
    return editor;
  }

  #saveNow(): void {
    clearTimeout(this.#pendingSave);
    this.#showSaved(this.#draftSync.save());
  }

  #showSaved(outcome: SaveOutcome): void {
    switch (outcome) {
      case 'saved':
        if (this.#warnings.clear('save')) this.#say(t('status.savedAgain'));
        return;
      case 'conflict':
        this.#showConflict();
        return;
      case 'full':
      case 'unavailable':
        // Stays unsaved: the next change or the page leaving tries again. The editor keeps the code.
        this.#warnings.show('save', saveWarning(outcome));
        return;
      case 'nothing':
        return;
    }
  }

  #showConflict(): void {
    this.#part('conflict').hidden = false;
  }

  #endConflict(message: string): void {
    this.#part('conflict').hidden = true;
    this.#say(message);
    this.#readyEditor?.focus();
  }

  async #loadTheirDraft(): Promise<void> {
    const theirs = this.#draftSync.theirsToLoad();
    const editor = await this.#activate();
    if (!theirs) return;
    this.#replacedCode = editor.getValue();
    this.#part('undo').hidden = false;
    editor.setValue(theirs.code);
    this.#draftSync.loadedTheirs(theirs); // after setValue, whose change event marked the code edited: it is what is stored
    clearTimeout(this.#pendingSave);
    this.#endConflict(t('status.conflictLoaded'));
  }

  #keepMyCode(): void {
    clearTimeout(this.#pendingSave);
    const outcome = this.#draftSync.keepMine();
    this.#showSaved(outcome);
    if (outcome === 'saved') this.#endConflict(t('status.conflictKept'));
  }

  /** The saved draft if there is one for this starter; for a changed exercise, the learner decides. Never runs it. */
  async #initialCode(): Promise<{ code: string; restored: boolean }> {
    const opening = this.#draftSync.open();
    if (opening.kind === 'starter') return { code: this.#data.starter, restored: false };
    if (opening.kind === 'draft') return { code: opening.code, restored: true };
    const keep = await ask(this.#part<HTMLDialogElement>('dialog'), {
      title: t('confirm.staleDraft.title'),
      body: t('confirm.staleDraft.body'),
      confirmLabel: t('confirm.staleDraft.confirm'),
      cancelLabel: t('confirm.staleDraft.cancel'),
    });
    if (!keep) {
      this.#draftSync.discardStale();
      return { code: this.#data.starter, restored: false };
    }
    this.#draftSync.keepStale();
    return { code: opening.code, restored: true };
  }

  async #run(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    const results = this.#part('results');
    try {
      const editor = await this.#activate();
      results.setAttribute('aria-busy', 'true');
      renderMessage(results, t('exercise.running'));
      const graded = { exerciseId: this.#data.id, source: editor.getValue(), timeLimitMs: this.#data.timeLimitMs };
      const result = await runExercise(graded.exerciseId, graded.source, graded.timeLimitMs);
      const runView = this.#part('run-view');
      const showRun = (test: TestResult): void => {
        const view = runViewModule.loaded();
        if (view !== undefined) void view.showRun(runView, graded, test);
        else void runViewModule.load().then((loaded) => loaded.showRun(runView, graded, test));
      };
      // Loaded with the first result, beside the runner it waited for: the page's first scripts stay small.
      const { renderResults } = resultsViewModule.loaded() ?? (await resultsViewModule.load());
      renderResults(results, result, graded.timeLimitMs, { showRun });
      const firstRun = result.tests.find((test) => test.run !== undefined);
      if (firstRun === undefined) {
        runView.hidden = true;
        runView.replaceChildren();
      } else showRun(firstRun);
      if (result.status === 'pass') markSolved(this.#data.id);
    } catch (error) {
      renderMessage(results, t('results.runnerFailed', { message: error instanceof Error ? error.message : String(error) }));
    } finally {
      results.removeAttribute('aria-busy');
      this.#running = false;
      this.#unlockSolution();
    }
  }

  #unlockSolution(): void {
    if (this.#hasRun) return;
    this.#hasRun = true;
    const button = this.#part<HTMLButtonElement>('solution');
    button.disabled = false;
    button.removeAttribute('aria-describedby');
    this.#part('solution-locked').hidden = true;
  }

  async #replaceCode(code: string, question: Parameters<typeof ask>[1], doneMessage: string): Promise<void> {
    const editor = await this.#activate();
    if (!(await ask(this.#part<HTMLDialogElement>('dialog'), question))) return;
    this.#replacedCode = editor.getValue();
    editor.setValue(code);
    this.#part('undo').hidden = false;
    this.#say(doneMessage);
    editor.focus();
  }

  #reset(): Promise<void> {
    return this.#replaceCode(
      this.#data.starter,
      { title: t('confirm.reset.title'), body: t('confirm.reset.body'), confirmLabel: t('confirm.reset.confirm'), cancelLabel: t('confirm.cancel') },
      t('status.resetDone'),
    );
  }

  #showSolution(): Promise<void> {
    return this.#replaceCode(
      this.#data.solution,
      { title: t('confirm.solution.title'), body: t('confirm.solution.body'), confirmLabel: t('confirm.solution.confirm'), cancelLabel: t('confirm.cancel') },
      t('status.solutionShown'),
    );
  }

  async #undo(): Promise<void> {
    if (this.#replacedCode === undefined) return;
    const editor = await this.#activate();
    editor.setValue(this.#replacedCode);
    this.#replacedCode = undefined;
    this.#part('undo').hidden = true;
    this.#say(t('status.undone'));
    editor.focus();
  }

  #showNextHint(): void {
    const hints = [...this.querySelectorAll<HTMLTemplateElement>('template[data-hint]')];
    const next = hints[this.#hintsShown];
    if (!next) return;
    this.#hintsShown++;
    const section = document.createElement('section');
    section.className = 'sdl-hint';
    const heading = document.createElement('h4');
    heading.textContent = t('exercise.hintHeading', { n: this.#hintsShown, total: hints.length, title: next.dataset.hintTitle ?? '' });
    heading.tabIndex = -1;
    section.append(heading, next.content.cloneNode(true));
    this.#part('hints').append(section);
    heading.focus();
    if (this.#hintsShown === hints.length) {
      const button = this.#part<HTMLButtonElement>('hint');
      button.disabled = true;
      button.textContent = t('exercise.noMoreHints');
    }
  }
}

customElements.define('sdl-exercise', ExerciseIsland);
