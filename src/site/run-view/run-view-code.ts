/**
 * The run view's own code (run-view.ts and the diagram renderer it brings), fetched once per page: by the
 * idle-time warm-up (warm-up.ts) or by the first failing run (show-run.ts), whichever comes first. Once it is
 * here, a failing run is drawn in the same task as its results, so both reach the screen in one frame.
 */
import { loadedOnce } from '../loaded-once.ts';

export const runViewCode = loadedOnce(() => import('./run-view.ts'));
