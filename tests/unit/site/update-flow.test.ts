import { describe, expect, it } from 'vitest';
import { createUpdateFlow, type UpdateEffects, type UpdateNotice } from '../../../src/site/service-worker/update-flow.ts';
import { onSaveBeforeUpdate, saveEveryDraft } from '../../../src/site/service-worker/save-before-update.ts';

/** Effects that record what happened, in order; `unsaved` is what saving drafts reports. */
function recorder(unsaved: string[][] = []) {
  const log: string[] = [];
  const notices: UpdateNotice[] = [];
  const effects: UpdateEffects = {
    saveDrafts: () => {
      log.push('save');
      return unsaved.shift() ?? [];
    },
    activateWaiting: () => log.push('activate'),
    reload: () => log.push('reload'),
    show: (notice) => {
      log.push(`show ${notice.kind}`);
      notices.push(notice);
    },
  };
  return { log, notices, flow: createUpdateFlow(effects) };
}

describe('createUpdateFlow', () => {
  it('says once that the course works offline after the first install, and nothing after an update installs', () => {
    const { log, flow } = recorder();
    flow.installed(false);
    flow.controlling(false);
    flow.installed(true);
    expect(log).toEqual(['show offline-ready']);
  });

  it('offers the new version, saves every draft before it takes over, and reloads only once it controls the page', () => {
    const { log, flow } = recorder();
    flow.waiting();
    expect(log).toEqual(['show update-ready']);
    flow.reloadRequested();
    expect(log).toEqual(['show update-ready', 'save', 'show updating', 'activate']);
    flow.controlling(true);
    flow.controlling(true);
    expect(log.filter((entry) => entry === 'reload')).toHaveLength(1);
    expect(log.at(-1)).toBe('reload');
  });

  it('stays on this version when a draft could not be saved, says how many, and lets the learner try again', () => {
    const { log, notices, flow } = recorder([['backoff-jitter', 'gcounter']]);
    flow.waiting();
    flow.reloadRequested();
    expect(log).not.toContain('activate');
    expect(notices.at(-1)).toEqual({ kind: 'not-saved', unsaved: ['backoff-jitter', 'gcounter'] });
    flow.controlling(true);
    expect(log).not.toContain('reload');
    // Storage has room again: the second attempt goes through.
    flow.reloadRequested();
    expect(log.slice(-2)).toEqual(['show updating', 'activate']);
  });

  it('when another tab took the new version, saves this tab\'s drafts and offers a reload instead of reloading', () => {
    const { log, flow } = recorder();
    flow.waiting();
    flow.controlling(true);
    expect(log).toEqual(['show update-ready', 'save', 'show updated-elsewhere']);
  });

  it('does not offer the update again while it is being applied', () => {
    const { log, flow } = recorder();
    flow.reloadRequested();
    flow.waiting();
    expect(log).not.toContain('show update-ready');
  });
});

describe('saveEveryDraft', () => {
  it('asks every island to save and collects the ones that could not', () => {
    const page = new EventTarget();
    const saved: string[] = [];
    onSaveBeforeUpdate(page, 'a', () => (saved.push('a'), true));
    onSaveBeforeUpdate(page, 'b', () => (saved.push('b'), false));
    onSaveBeforeUpdate(page, 'c', () => (saved.push('c'), false));
    expect(saveEveryDraft(page)).toEqual(['b', 'c']);
    expect(saved).toEqual(['a', 'b', 'c']);
  });

  it('reports nothing unsaved on a page without editors', () => {
    expect(saveEveryDraft(new EventTarget())).toEqual([]);
  });
});
