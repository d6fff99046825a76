// @ts-check
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { codeThemes } from './src/site/editor/code-themes.ts';
import { contentSecurityPolicy } from './src/site/build/content-security-policy.ts';
import { serviceWorker } from './src/site/build/service-worker.ts';

/**
 * Astro links the CSS of a client script's dynamic imports into every page, so Monaco's ~175 KB of styles
 * would block the rendering of pages that never open an editor. This turns each CSS import inside Monaco into
 * a small module that adds a <style> element when Monaco itself loads.
 */
function monacoStylesOnDemand() {
  const prefix = '\0monaco-style:';
  return {
    name: 'monaco-styles-on-demand',
    enforce: /** @type {const} */ ('pre'),
    /**
     * @param {string} source
     * @param {string | undefined} importer
     * @returns {Promise<string | null>}
     */
    async resolveId(source, importer) {
      if (!source.endsWith('.css') || !importer?.includes('/monaco-editor/esm/')) return null;
      // @ts-expect-error -- `this` is Rollup's plugin context
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      // The `.js` ending keeps Vite's CSS pipeline away from this JavaScript module.
      return resolved ? `${prefix}${resolved.id}.js` : null;
    },
    /** @param {string} id */
    load(id) {
      if (!id.startsWith(prefix)) return null;
      const inlineCss = JSON.stringify(`${id.slice(prefix.length, -'.js'.length)}?inline`);
      return `import css from ${inlineCss};\nconst style = document.createElement('style');\nstyle.textContent = css;\ndocument.head.append(style);\n`;
    },
  };
}

export default defineConfig({
  site: 'https://system-design-lab.example',
  integrations: [
    starlight({
      title: 'System Design Lab',
      description: 'Learn system design by running it: short lessons with exercises graded against a deterministic simulation, in your browser.',
      favicon: '/favicon.svg',
      // Installable: the manifest names the course and its icons (the service worker makes it work offline).
      head: [
        { tag: 'link', attrs: { rel: 'manifest', href: '/manifest.webmanifest' } },
        { tag: 'link', attrs: { rel: 'apple-touch-icon', href: '/apple-touch-icon.png' } },
        { tag: 'meta', attrs: { name: 'theme-color', content: '#0b3d4a' } },
      ],
      // Lessons sort by their `order` frontmatter field (mapped onto sidebar.order in src/content.config.ts).
      sidebar: [{ label: 'Lessons', items: [{ autogenerate: { directory: 'lessons' } }] }],
      expressiveCode: { themes: [codeThemes.dark, codeThemes.light] },
      customCss: ['./src/styles/course.css'],
      components: {
        Sidebar: './src/components/overrides/Sidebar.astro',
        Search: './src/components/overrides/Search.astro',
      },
    }),
    contentSecurityPolicy(),
    // Last: it fingerprints the built files after the others have changed them.
    serviceWorker(),
  ],
  vite: {
    plugins: [monacoStylesOnDemand()],
    resolve: {
      // Starlight loads Pagefind's search UI on idle; ours loads it when the learner reaches for search.
      alias: [{ find: /^@pagefind\/default-ui$/, replacement: fileURLToPath(new URL('./src/site/search/pagefind-ui-on-demand.ts', import.meta.url)) }],
    },
    // Otherwise Vite bundles the worker as IIFE and inlines the transpiler into it.
    worker: { format: 'es' },
    // The figure code is pure: strings from data. Said here, a panel that imports one export of a lesson's
    // figures does not load, for nothing, the chunk of renderers it shares with the lazily loaded run view.
    build: { rolldownOptions: { treeshake: { moduleSideEffects: [{ test: /\/src\/figures\//, sideEffects: false }] } } },
    // Pre-bundle what the runner and editor load lazily, or the dev server reloads the page on the first Run.
    optimizeDeps: { include: ['comlink', 'sucrase', 'shiki', '@shikijs/monaco'] },
  },
});
