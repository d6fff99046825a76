/**
 * Monaco, loaded only when an exercise is activated (this module is imported dynamically).
 * Per-feature imports keep out everything a learner does not need (other languages, diff editor, …);
 * the bare `monaco-editor` entry would pull in all of it.
 */
import * as monaco from 'monaco-editor/editor/editor.api.js';
// Core editing commands and the completion widget are not part of any `features/*` entry.
import 'monaco-editor/editor/browser/coreCommands.js';
import 'monaco-editor/editor/contrib/suggest/browser/suggestController.js';
import 'monaco-editor/features/bracketMatching/register.js';
import 'monaco-editor/features/clipboard/register.js';
import 'monaco-editor/features/codicon/register.js';
import 'monaco-editor/features/comment/register.js';
import 'monaco-editor/features/contextmenu/register.js';
import 'monaco-editor/features/cursorUndo/register.js';
import 'monaco-editor/features/find/register.js';
import 'monaco-editor/features/folding/register.js';
import 'monaco-editor/features/format/register.js';
import 'monaco-editor/features/gotoError/register.js';
import 'monaco-editor/features/hover/register.js';
import 'monaco-editor/features/indentation/register.js';
import 'monaco-editor/features/linesOperations/register.js';
import 'monaco-editor/features/parameterHints/register.js';
import 'monaco-editor/features/snippet/register.js';
import 'monaco-editor/features/suggest/register.js';
import 'monaco-editor/features/toggleTabFocusMode/register.js';
import 'monaco-editor/features/wordHighlighter/register.js';
import 'monaco-editor/features/wordOperations/register.js';
import 'monaco-editor/languages/definitions/typescript/register.js';
// The TypeScript mode, which Monaco would load on the first TypeScript model, pulls in the editor's full set of
// contributions, and with them services (the code lens cache, tree drag-and-drop) registered after the first
// editor had fixed its services: every later editor on the page then failed to start them ("depends on UNKNOWN
// service"). Loaded with the editor instead, so every editor on the page starts with the same services.
import 'monaco-editor/languages/features/typescript/tsMode.js';
import { typescriptDefaults, ModuleKind, ScriptTarget, type ModuleResolutionKind } from 'monaco-editor/languages/features/typescript/register.js';
import EditorWorker from 'monaco-editor/editor/editor.worker.js?worker';
import TypeScriptWorker from 'monaco-editor/language/typescript/ts.worker.js?worker';
import { shikiToMonaco } from '@shikijs/monaco';
import { createHighlighterCore, type ThemeRegistration } from 'shiki/core';
import { createJavaScriptRegexEngine } from 'shiki/engine/javascript';
import { codeThemes } from './code-themes.ts';
import { currentPageTheme, onPageThemeChange } from './page-theme.ts';
import type { CodeEditor, EditorOptions } from './code-editor.ts';

/** TypeScript's `ModuleResolutionKind.Bundler`; Monaco's enum predates it. Resolves `./x.ts` imports like our tsconfig. */
const MODULE_RESOLUTION_BUNDLER = 100 as ModuleResolutionKind;
const MAX_EDITOR_HEIGHT_PX = 640;

let setUp: Promise<void> | undefined;

/** Once per page: workers, TypeScript options (before any model exists, or the TS worker may not see them), themes. */
function setUpMonaco(): Promise<void> {
  setUp ??= (async () => {
    self.MonacoEnvironment = {
      getWorker: (_workerId, label) => (label === 'typescript' || label === 'javascript' ? new TypeScriptWorker() : new EditorWorker()),
    };
    typescriptDefaults.setCompilerOptions({
      target: ScriptTarget.ES2020,
      module: ModuleKind.ESNext,
      moduleResolution: MODULE_RESOLUTION_BUNDLER,
      allowImportingTsExtensions: true,
      noEmit: true,
      strict: true,
      // No DOM: learner code runs in a worker and gets time and randomness from the tests.
      lib: ['lib.es2020.d.ts'],
    });
    // The two themes named in code-themes.ts (spelled out: the bundler needs literal import paths).
    const [dark, light] = await Promise.all([import('shiki/themes/github-dark-default.mjs'), import('shiki/themes/github-light-default.mjs')]);
    const highlighter = await createHighlighterCore({
      themes: [withReadableContrast(dark.default, '#8b949e', '#8b949e'), withReadableContrast(light.default, '#656d76', '#57606a')],
      langs: [import('shiki/langs/typescript.mjs')],
      engine: createJavaScriptRegexEngine(),
    });
    shikiToMonaco(highlighter, monaco);
    onPageThemeChange((theme) => monaco.editor.setTheme(codeThemes[theme]));
  })();
  return setUp;
}

/**
 * Keeps every piece of text in the editor at WCAG AA contrast (4.5:1): the GitHub themes draw line numbers too
 * faint, the light theme's comments too (#6e7781 on the editor's white, 4.23:1; #57606a is 6.4:1), and Monaco
 * fades unused code (common in a starter) — here it keeps full colour and gets a dotted underline.
 */
function withReadableContrast(theme: ThemeRegistration, lineNumberColor: string, commentColor: string): ThemeRegistration {
  const isComment = (scope: unknown) => (Array.isArray(scope) ? scope : [scope]).some((name) => typeof name === 'string' && name.includes('comment'));
  return {
    ...theme,
    tokenColors: (theme.tokenColors ?? []).map((rule) =>
      isComment(rule.scope) && rule.settings.foreground ? { ...rule, settings: { ...rule.settings, foreground: commentColor } } : rule,
    ),
    colors: {
      ...theme.colors,
      'editorLineNumber.foreground': lineNumberColor,
      'editorUnnecessaryCode.opacity': '#000000ff',
      'editorUnnecessaryCode.border': lineNumberColor,
    },
  };
}

const fileUri = (path: string) => monaco.Uri.parse(`file:///${path}`);

export async function createMonacoEditor(host: HTMLElement, options: EditorOptions): Promise<CodeEditor> {
  await setUpMonaco();
  for (const [path, source] of Object.entries(options.typeFiles)) {
    typescriptDefaults.addExtraLib(source, fileUri(path).toString());
  }
  const uri = fileUri(options.filePath);
  const model = monaco.editor.getModel(uri) ?? monaco.editor.createModel(options.code, 'typescript', uri);
  model.setValue(options.code);
  host.replaceChildren();
  const editor = monaco.editor.create(host, {
    model,
    theme: codeThemes[currentPageTheme()],
    ariaLabel: options.label,
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    // The lesson column is narrow; wrapping beats scrolling sideways.
    wordWrap: 'on',
    // The default draws the last line's number faded, below readable contrast.
    renderFinalNewline: 'on',
    fontSize: 14,
    tabSize: 2,
    // Hovers and completions would otherwise be clipped by the lesson column.
    fixedOverflowWidgets: true,
  });
  // Tab indents in a code editor, so it cannot also leave it. Esc leaves (Monaco's own Ctrl+M toggle is
  // unannounced): only when Esc has nothing of Monaco's to close first — completions, find, hints, extra cursors.
  editor.addCommand(
    monaco.KeyCode.Escape,
    () => options.onEscape(),
    '!suggestWidgetVisible && !findWidgetVisible && !parameterHintsVisible && !editorHasMultipleSelections && !inSnippetMode && !markersNavigationVisible',
  );
  host.querySelector(`[aria-label="${CSS.escape(options.label)}"]`)?.setAttribute('aria-describedby', options.keysHintId);
  // Grow with the code instead of scrolling inside a fixed box, up to a limit.
  const fitHeight = () => {
    host.style.height = `${Math.min(MAX_EDITOR_HEIGHT_PX, editor.getContentHeight())}px`;
  };
  editor.onDidContentSizeChange(fitHeight);
  fitHeight();
  return {
    getValue: () => model.getValue(),
    setValue(code) {
      // An edit (not setValue) so Ctrl+Z brings the learner's text back.
      editor.pushUndoStop();
      editor.executeEdits('sdl', [{ range: model.getFullModelRange(), text: code }]);
      editor.pushUndoStop();
    },
    onChange: (listener) => {
      model.onDidChangeContent(listener);
    },
    focus: () => editor.focus(),
    dispose: () => {
      editor.dispose();
      model.dispose();
    },
  };
}
