/**
 * The testkit reference in docs/authoring.md, generated from the testkit's own source: every export of
 * src/testkit/index.ts with its kind, its parameters and the first paragraph of its TSDoc, grouped by the
 * file that declares it, plus the scenario modules hidden tests import directly (src/scenarios/ and each
 * exercise's own scenario.ts). The source files are also what the editor loads for a starter's
 * `import type`, so the guide, the editor and the tests read one text.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const kinds: ReadonlyArray<readonly [ts.SymbolFlags, string]> = [
  [ts.SymbolFlags.Function, 'function'],
  [ts.SymbolFlags.Class, 'class'],
  [ts.SymbolFlags.Interface, 'interface'],
  [ts.SymbolFlags.TypeAlias, 'type'],
  [ts.SymbolFlags.Variable, 'constant'],
];

interface ApiEntry {
  readonly name: string;
  readonly kind: string;
  readonly file: string;
  readonly summary: string;
}

/** The first paragraph of a comment, on one line, safe inside a table cell. */
function firstParagraph(text: string): string {
  const paragraph = text.trim().split(/\n\s*\n/)[0] ?? '';
  return paragraph.replace(/\s+/g, ' ').replace(/\{@link ([^}]+)\}/g, '`$1`').replaceAll('|', '\\|').trim();
}

function parameterList(declaration: ts.Declaration): string {
  if (!ts.isFunctionDeclaration(declaration)) return '';
  const parameters = declaration.parameters.map((parameter) => {
    const name = parameter.name.getText();
    return `${parameter.dotDotDotToken ? '...' : ''}${name}${parameter.questionToken || parameter.initializer ? '?' : ''}`;
  });
  return `(${parameters.join(', ')})`;
}

function apiEntries(repoRoot: string): ApiEntry[] {
  const index = join(repoRoot, 'src/testkit/index.ts');
  const program = ts.createProgram([index], {
    allowImportingTsExtensions: true,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ESNext,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const moduleSymbol = checker.getSymbolAtLocation(program.getSourceFile(index)!)!;
  return checker.getExportsOfModule(moduleSymbol).map((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declaration = symbol.declarations![0]!;
    const kind = kinds.find(([flag]) => symbol.flags & flag)?.[1] ?? 'export';
    const summary = firstParagraph(ts.displayPartsToString(symbol.getDocumentationComment(checker)));
    // TypeScript hands a file's opening comment to its first declaration; that comment is about the file.
    const aboutTheFile = summary === firstParagraph(fileComment(declaration.getSourceFile().text));
    return {
      name: `${exported.name}${parameterList(declaration)}`,
      kind,
      file: relative(repoRoot, declaration.getSourceFile().fileName).split('\\').join('/'),
      summary: summary === '' || aboutTheFile ? '—' : summary,
    };
  });
}

/** The comment at the top of a file, if it opens with one. */
function fileComment(source: string): string {
  const match = /^\/\*\*([\s\S]*?)\*\//.exec(source);
  return match === null ? '' : match[1]!.replace(/^\s*\* ?/gm, '');
}

export function testkitReference(repoRoot: string): string {
  const byFile = new Map<string, ApiEntry[]>();
  for (const entry of apiEntries(repoRoot)) byFile.set(entry.file, [...(byFile.get(entry.file) ?? []), entry]);
  const sections = [...byFile]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([file, entries]) => [
      `#### [\`${file}\`](../${file})`,
      '',
      '| export | kind | what it is |',
      '|---|---|---|',
      ...entries.sort((a, b) => (a.name < b.name ? -1 : 1)).map((entry) => `| \`${entry.name}\` | ${entry.kind} | ${entry.summary} |`),
      '',
    ].join('\n'));
  const row = (file: string): string =>
    `| [\`${file}\`](../${file}) | ${firstParagraph(fileComment(readFileSync(join(repoRoot, file), 'utf8'))) || '—'} |`;
  const shared = readdirSync(join(repoRoot, 'src/scenarios'))
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => row(`src/scenarios/${name}`));
  const ownScenarios = readdirSync(join(repoRoot, 'exercises'))
    .sort()
    .map((id) => `exercises/${id}/scenario.ts`)
    .filter((file) => existsSync(join(repoRoot, file)))
    .map(row);
  return [
    '### Everything `src/testkit/index.ts` exports',
    '',
    ...sections,
    '### Scenario modules',
    '',
    'Systems shared by hidden tests, figures and interactive panels, in `src/scenarios/`; import them from their own file.',
    '',
    '| module | what it builds |',
    '|---|---|',
    ...shared,
    '',
    '### Scenarios of one exercise',
    '',
    'Systems only one exercise uses, in its folder; move one to `src/scenarios/` when a second user needs it.',
    '',
    '| module | what it builds |',
    '|---|---|',
    ...ownScenarios,
    '',
  ].join('\n');
}
