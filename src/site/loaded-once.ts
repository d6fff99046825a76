/**
 * A module the page fetches with `import()` when first needed and keeps. `load()` fetches it (again, if the last
 * fetch failed); `loaded()` hands it over at once when it is here. Every `import()` settles in a later task,
 * even for a module the page already holds, so code that must draw within its own task — a failing run's
 * diagram beside its results, in one frame — asks `loaded()` first.
 */
export interface LoadedOnce<Module> {
  load(): Promise<Module>;
  loaded(): Module | undefined;
}

export function loadedOnce<Module>(importModule: () => Promise<Module>): LoadedOnce<Module> {
  let module: Module | undefined;
  return {
    async load() {
      module ??= await importModule();
      return module;
    },
    loaded: () => module,
  };
}
