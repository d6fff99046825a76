/** Pagefind's UI ships without types; this is the one entry point the on-demand stand-in loads. */
declare module '@pagefind/default-ui/npm_dist/mjs/ui-core.mjs' {
  export class PagefindUI {
    constructor(options: Readonly<Record<string, unknown>>);
  }
}
