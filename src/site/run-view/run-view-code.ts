/**
 * The run view's own code (run-view.ts and the diagram renderer it brings), fetched once per page: by the
 * idle-time warm-up (warm-up.ts) or by the first failing run (show-run.ts), whichever comes first. Once it is
 * here, a failing run is drawn in the same task as its results, so both reach the screen in one frame: every
 * `import()` settles in a later task, and a frame may be painted in between.
 */
type RunViewCode = typeof import('./run-view.ts');

let loaded: RunViewCode | undefined;

export async function loadRunViewCode(): Promise<RunViewCode> {
  loaded ??= await import('./run-view.ts');
  return loaded;
}

/** The code if it has been fetched already, else `undefined`. */
export function loadedRunViewCode(): RunViewCode | undefined {
  return loaded;
}
