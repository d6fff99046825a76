import { beforeEach, describe, expect, it } from 'vitest';
import { DraftSync, type Opening } from '../../../src/site/draft-sync.ts';
import { draftsIn } from '../../../src/site/drafts.ts';
import { StateStore, STORAGE_KEY } from '../../../src/site/state-store.ts';
import type { Draft, StoredState } from '../../../src/site/stored-state.ts';
import { MemoryStorage } from './memory-storage.ts';

const EXERCISE = 'backoff-jitter';
const STARTER = '// starter\n';
const STARTER_HASH = 'current';

let clock: number;
let storage: MemoryStorage;

beforeEach(() => {
  clock = 1000;
  storage = new MemoryStorage();
});

/** One browser tab on the exercise: its own store over the shared storage, its own sync and editor code. */
class Tab {
  code = '';
  readonly sync: DraftSync;

  constructor(starterHash = STARTER_HASH) {
    const store = new StateStore(storage, () => clock);
    const drafts = draftsIn(
      () => store.read().state,
      (state) => store.write(state),
    );
    this.sync = new DraftSync({ id: EXERCISE, starterHash }, drafts, () => clock);
  }

  /** Opens the editor as the element does; a draft of an older starter is kept or discarded as `stale` says. */
  open(stale: 'keep' | 'discard' = 'keep'): Opening {
    const opening = this.sync.open();
    this.code = opening.kind === 'starter' ? STARTER : opening.code;
    if (opening.kind === 'stale' && stale === 'keep') this.sync.keepStale();
    if (opening.kind === 'stale' && stale === 'discard') {
      this.sync.discardStale();
      this.code = STARTER;
    }
    this.sync.ready(() => this.code);
    return opening;
  }

  /** The learner types, or a button puts code in: the editor's change event. */
  type(code: string): void {
    this.code = code;
    this.sync.edited();
  }
}

function storedDraft(): Draft | undefined {
  const raw = storage.getItem(STORAGE_KEY);
  return raw === null ? undefined : (JSON.parse(raw) as StoredState).drafts[EXERCISE];
}

function storeDraft(draft: Draft): void {
  storage.setItem(STORAGE_KEY, JSON.stringify({ version: 2, drafts: { [EXERCISE]: draft }, solved: {} }));
}

const draft = (code: string, revision: number, starterHash = STARTER_HASH): Draft => ({ starterHash, code, savedAt: 1, revision });

/** A tab that has opened the exercise and saved `code`, as revision `revision` of the stored draft. */
function tabThatSaved(code: string): Tab {
  const tab = new Tab();
  tab.open();
  tab.type(code);
  expect(tab.sync.save()).toBe('saved');
  return tab;
}

describe('DraftSync: opening', () => {
  it('opens with the starter when nothing is stored, and saves nothing until the learner types', () => {
    const tab = new Tab();
    expect(tab.sync.state).toEqual({ phase: 'opening', revision: 0 });
    expect(tab.open()).toEqual({ kind: 'starter' });
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 0 });
    expect(tab.sync.save()).toBe('nothing');
    expect(storage.items.size).toBe(0);
  });

  it('opens with the draft saved for this starter, and builds on its revision', () => {
    storeDraft(draft('mine', 4));
    const tab = new Tab();
    expect(tab.sync.open()).toEqual({ kind: 'draft', code: 'mine' });
    expect(tab.sync.state).toEqual({ phase: 'opening', revision: 4 });
    tab.code = 'mine';
    tab.sync.ready(() => tab.code);
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 4 });
    tab.type('mine, edited');
    expect(tab.sync.save()).toBe('saved');
    expect(storedDraft()).toEqual({ starterHash: STARTER_HASH, code: 'mine, edited', savedAt: 1000, revision: 5 });
  });

  it('asks about a draft saved under an older starter; kept, it is stored under this starter, so no tab asks again', () => {
    storeDraft(draft('old work', 3, 'older'));
    const tab = new Tab();
    expect(tab.sync.open()).toEqual({ kind: 'stale', code: 'old work' });
    expect(tab.sync.state).toEqual({ phase: 'opening', revision: 3, stale: draft('old work', 3, 'older') });
    tab.sync.keepStale();
    expect(tab.sync.state).toEqual({ phase: 'opening', revision: 4 });
    expect(storedDraft()).toEqual({ starterHash: STARTER_HASH, code: 'old work', savedAt: 1000, revision: 4 });
    expect(new Tab().sync.open()).toEqual({ kind: 'draft', code: 'old work' });
  });

  it('deletes a draft of an older starter the learner does not keep, and starts again from revision 0', () => {
    storeDraft(draft('old work', 3, 'older'));
    const tab = new Tab();
    expect(tab.open('discard')).toEqual({ kind: 'stale', code: 'old work' });
    expect(tab.code).toBe(STARTER);
    expect(storedDraft()).toBeUndefined();
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 0 });
    tab.type('fresh');
    expect(tab.sync.save()).toBe('saved');
    expect(storedDraft()).toMatchObject({ code: 'fresh', revision: 1 });
  });

  it('keeps a draft of an older starter in the editor when the storage is full, and stores it at the next save', () => {
    storeDraft(draft('old work', 3, 'older'));
    storage.full = true;
    const tab = new Tab();
    tab.open('keep');
    expect(tab.code).toBe('old work');
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 3 });
    expect(storedDraft()).toEqual(draft('old work', 3, 'older'));
    storage.full = false;
    tab.type('old work, edited');
    expect(tab.sync.save()).toBe('saved');
    expect(storedDraft()).toMatchObject({ starterHash: STARTER_HASH, code: 'old work, edited', revision: 4 });
  });

  it('does not write over a draft another tab saved while the learner was asked about the older one', () => {
    storeDraft(draft('old work', 3, 'older'));
    const asking = new Tab();
    expect(asking.sync.open().kind).toBe('stale');
    // Meanwhile another tab, already open, saves: this tab is still opening, so it does not react yet.
    storeDraft(draft('from the other tab', 4));
    expect(asking.sync.otherTabSaved()).toBe('ignored');
    expect(asking.sync.save()).toBe('nothing');
    asking.sync.keepStale();
    expect(storedDraft()).toEqual(draft('from the other tab', 4));
    asking.code = 'old work';
    asking.sync.ready(() => asking.code);
    asking.type('old work, edited');
    expect(asking.sync.save()).toBe('conflict');
    expect(storedDraft()).toEqual(draft('from the other tab', 4));
  });

  it('takes an answer about a stale draft only while one waits, and ready() only while opening', () => {
    const tab = new Tab();
    tab.open();
    tab.sync.keepStale();
    tab.sync.discardStale();
    expect(storage.items.size).toBe(0);
    tab.type('typed');
    tab.sync.ready(() => 'other code');
    expect(tab.sync.state).toEqual({ phase: 'edited', revision: 0 });
    expect(tab.sync.save()).toBe('saved');
    expect(storedDraft()).toMatchObject({ code: 'typed' });
  });
});

describe('DraftSync: saving', () => {
  it('stores typed code with the clock time, counting revisions up', () => {
    const tab = new Tab();
    tab.open();
    tab.type('first');
    expect(tab.sync.state).toEqual({ phase: 'edited', revision: 0 });
    expect(tab.sync.hasUnsavedCode).toBe(true);
    expect(tab.sync.save()).toBe('saved');
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 1 });
    expect(tab.sync.hasUnsavedCode).toBe(false);
    clock = 2000;
    tab.type('second');
    expect(tab.sync.save()).toBe('saved');
    expect(storedDraft()).toEqual({ starterHash: STARTER_HASH, code: 'second', savedAt: 2000, revision: 2 });
    expect(tab.sync.save()).toBe('nothing');
  });

  it('writes nothing when the code is back to what is stored', () => {
    const tab = tabThatSaved('same');
    clock = 5000;
    tab.type('same');
    expect(tab.sync.save()).toBe('saved');
    expect(storedDraft()).toEqual({ starterHash: STARTER_HASH, code: 'same', savedAt: 1000, revision: 1 });
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 1 });
  });

  it('reports a full storage, keeps the code unsaved in the editor, and saves once there is room', () => {
    const tab = tabThatSaved('stored');
    storage.full = true;
    tab.type('not stored yet');
    expect(tab.sync.save()).toBe('full');
    expect(tab.sync.state).toEqual({ phase: 'edited', revision: 1 });
    expect(tab.sync.hasUnsavedCode).toBe(true);
    expect(tab.code).toBe('not stored yet');
    expect(storedDraft()).toMatchObject({ code: 'stored', revision: 1 });
    storage.full = false;
    expect(tab.sync.save()).toBe('saved');
    expect(storedDraft()).toMatchObject({ code: 'not stored yet', revision: 2 });
  });

  it('reports a storage the browser refuses as unavailable', () => {
    const refusing = new Tab();
    refusing.open();
    storage.setItem = () => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    };
    refusing.type('code');
    expect(refusing.sync.save()).toBe('unavailable');
    expect(refusing.sync.state).toEqual({ phase: 'edited', revision: 0 });
  });
});

describe('DraftSync: another tab saves', () => {
  it('ignores its own save, a save of an older revision, and a state without this draft', () => {
    const tab = tabThatSaved('mine');
    expect(tab.sync.otherTabSaved()).toBe('ignored');
    storage.items.clear();
    expect(tab.sync.otherTabSaved()).toBe('ignored');
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 1 });
  });

  it('catches up without asking when the other tab saved the code this tab holds', () => {
    const tab = tabThatSaved('start');
    tab.type('both tabs typed this');
    const other = new Tab();
    other.open();
    other.type('both tabs typed this');
    expect(other.sync.save()).toBe('saved');
    expect(tab.sync.otherTabSaved()).toBe('caught-up');
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 2 });
    expect(tab.sync.save()).toBe('nothing');
  });

  it('asks the learner when the other tab saved different code, even with nothing unsaved here', () => {
    const tab = tabThatSaved('mine');
    const other = new Tab();
    other.open();
    other.type('theirs');
    other.sync.save();
    expect(tab.sync.otherTabSaved()).toBe('conflict');
    expect(tab.sync.state).toEqual({ phase: 'conflict', revision: 1, theirs: { ...draft('theirs', 2), savedAt: 1000 }, edited: false });
    expect(tab.sync.hasUnsavedCode).toBe(false);
  });

  it('saves nothing over it while this tab has unsaved edits: the edits stay in the editor', () => {
    const tab = tabThatSaved('mine');
    tab.type('mine, edited');
    const other = new Tab();
    other.open();
    other.type('theirs');
    other.sync.save();
    expect(tab.sync.otherTabSaved()).toBe('conflict');
    expect(tab.sync.state).toMatchObject({ phase: 'conflict', edited: true });
    expect(tab.sync.hasUnsavedCode).toBe(true);
    tab.type('mine, edited again');
    expect(tab.sync.save()).toBe('nothing');
    expect(storedDraft()).toMatchObject({ code: 'theirs', revision: 2 });
    expect(tab.code).toBe('mine, edited again');
  });

  it('finds the conflict at its own next save when the news of the other save has not arrived', () => {
    const tab = tabThatSaved('mine');
    storeDraft(draft('theirs', 2));
    tab.type('mine, edited');
    expect(tab.sync.save()).toBe('conflict');
    expect(tab.sync.state).toEqual({ phase: 'conflict', revision: 1, theirs: draft('theirs', 2), edited: true });
    expect(storedDraft()).toEqual(draft('theirs', 2));
  });

  it('in a conflict, marks typing as unsaved and follows the other tab to its newest draft', () => {
    const tab = tabThatSaved('mine');
    storeDraft(draft('theirs', 2));
    tab.sync.otherTabSaved();
    tab.type('mine, edited');
    expect(tab.sync.state).toMatchObject({ phase: 'conflict', edited: true });
    storeDraft(draft('theirs, newer', 3));
    expect(tab.sync.otherTabSaved()).toBe('conflict');
    expect(tab.sync.state).toEqual({ phase: 'conflict', revision: 1, theirs: draft('theirs, newer', 3), edited: true });
  });

  it("in a conflict, catches up when the other tab saves this tab's code; the conflict stays until the learner answers", () => {
    const tab = tabThatSaved('mine');
    storeDraft(draft('theirs', 2));
    tab.sync.otherTabSaved();
    tab.type('agreed');
    storeDraft(draft('agreed', 3));
    expect(tab.sync.otherTabSaved()).toBe('caught-up');
    expect(tab.sync.state).toEqual({ phase: 'conflict', revision: 3, theirs: draft('theirs', 2), edited: false });
    expect(tab.sync.keepMine()).toBe('saved');
    expect(storedDraft()).toEqual(draft('agreed', 3));
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 3 });
  });
});

describe('DraftSync: the learner chooses', () => {
  /** A tab with unsaved edits, in conflict with the other tab's newer draft. */
  function conflicted(): { tab: Tab; other: Tab } {
    const tab = tabThatSaved('mine');
    const other = new Tab();
    other.open();
    other.type('theirs');
    other.sync.save();
    tab.type('mine, edited');
    tab.sync.otherTabSaved();
    return { tab, other };
  }

  it("theirs: loads the newest stored draft, and this tab's next save builds on it", () => {
    const { tab, other } = conflicted();
    other.type('theirs, saved again after the notice');
    other.sync.save();
    const theirs = tab.sync.theirsToLoad();
    expect(theirs).toMatchObject({ code: 'theirs, saved again after the notice', revision: 3 });
    // Putting the code in the editor fires its change event before the element reports the load.
    tab.type(theirs!.code);
    tab.sync.loadedTheirs(theirs!);
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 3 });
    expect(tab.sync.save()).toBe('nothing');
    tab.type('continued here');
    expect(tab.sync.save()).toBe('saved');
    expect(storedDraft()).toMatchObject({ code: 'continued here', revision: 4 });
    expect(other.sync.otherTabSaved()).toBe('conflict');
  });

  it('theirs: falls back to the draft the notice was about when it is no longer stored', () => {
    const { tab } = conflicted();
    storage.items.clear();
    expect(tab.sync.theirsToLoad()).toMatchObject({ code: 'theirs', revision: 2 });
  });

  it("mine: stores this tab's code over the other draft on purpose, and the other tab is asked in turn", () => {
    const { tab, other } = conflicted();
    expect(tab.sync.keepMine()).toBe('saved');
    expect(storedDraft()).toMatchObject({ code: 'mine, edited', revision: 3 });
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 3 });
    expect(other.sync.otherTabSaved()).toBe('conflict');
  });

  it('mine, with the storage full: the conflict stays, the code is unsaved, and keeping it later works', () => {
    const tab = tabThatSaved('mine');
    storeDraft(draft('theirs', 2));
    tab.sync.otherTabSaved();
    expect(tab.sync.state).toMatchObject({ phase: 'conflict', edited: false });
    storage.full = true;
    expect(tab.sync.keepMine()).toBe('full');
    expect(tab.sync.state).toEqual({ phase: 'conflict', revision: 1, theirs: draft('theirs', 2), edited: true });
    expect(tab.sync.hasUnsavedCode).toBe(true);
    expect(storedDraft()).toEqual(draft('theirs', 2));
    storage.full = false;
    expect(tab.sync.keepMine()).toBe('saved');
    expect(storedDraft()).toMatchObject({ code: 'mine', revision: 3 });
  });

  it('has nothing to choose outside a conflict', () => {
    const tab = tabThatSaved('mine');
    expect(tab.sync.theirsToLoad()).toBeUndefined();
    tab.sync.loadedTheirs(draft('theirs', 9));
    expect(tab.sync.keepMine()).toBe('nothing');
    expect(tab.sync.state).toEqual({ phase: 'clean', revision: 1 });
    expect(storedDraft()).toMatchObject({ code: 'mine', revision: 1 });
  });
});
