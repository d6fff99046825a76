/** Pagefind's UI ships without types; this is the one entry point the on-demand stand-in loads. */
declare module '@pagefind/default-ui/npm_dist/mjs/ui-core.mjs' {
  export class PagefindUI {
    constructor(options: Readonly<Record<string, unknown>>);
  }
}

/** Starlight's `pagefind` option, as its search passes it to Pagefind's UI. */
declare module 'virtual:starlight/pagefind-config' {
  export const pagefindUserConfig: Readonly<Record<string, unknown>>;
}
