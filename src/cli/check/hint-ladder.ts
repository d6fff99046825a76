/**
 * The hint rule of the curriculum check. A hint ladder teaches: the first hint names the idea, the next point
 * at the input or the interleaving that breaks, and only the last may show one fragment of code. "Show
 * solution" is where the whole answer lives; a hint that hands over the solution's logic ends the exercise.
 *
 * The solution's *core lines* are the statements that carry its logic, found in its syntax tree: every
 * statement inside a function, method, constructor or accessor body, and every expression body of an arrow
 * function — but not a statement that only holds a nested function (its own statements count), not a bare
 * `return;`, `break;` or `continue;`, not a type declaration, and nothing shorter than `minimumCoreTokens`
 * tokens once compared. A core line is compared by its logic: the initialiser of a declaration (so renaming
 * the variable does not hide it), the value of a `return` or `throw`, the whole of an expression statement,
 * and the head of an `if`, a loop or a `switch`. Code and hints are compared as token sequences (see
 * `comparableCode`), so no formatting hides a copy.
 */
import ts from 'typescript';
import { splitHints } from '../../components/exercise/hints.ts';

/**
 * Compared tokens a core line has at least: `attempt >= maxAttempts` or `count += 1` already decide something,
 * while `return best.name` (compared: `name`) or `return null` are one word any hint may use.
 */
export const minimumCoreTokens = 3;
/** Every ladder has a first rung that names the idea and a last one that brings the learner to the code. */
export const minimumHints = 2;
/** Where the tests run a simulated scenario, one rung in between points at the window that breaks. */
export const minimumHintsWithScenario = 3;
/** Core lines the last hint may show, so it can give the shape of the trickiest expression. */
export const fragmentsAllowedInLastHint = 1;

export interface CoreLine {
  /** 1-based line of solution.ts where the statement starts. */
  readonly line: number;
  /** The compared part of the statement, as the solution writes it. */
  readonly text: string;
  readonly tokens: string;
}

interface CodeInHint {
  /** 1-based line of hints.md. */
  readonly line: number;
  readonly tokens: string;
}

interface HintInFile {
  readonly number: number;
  readonly title: string;
  /** 1-based line of its `## ` heading in hints.md. */
  readonly line: number;
  readonly code: readonly CodeInHint[];
}

interface Token {
  readonly kind: ts.SyntaxKind;
  readonly text: string;
}

const closers = new Set<ts.SyntaxKind>([ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken, ts.SyntaxKind.CloseBraceToken]);
const accessors = new Set<ts.SyntaxKind>([ts.SyntaxKind.DotToken, ts.SyntaxKind.QuestionDotToken]);
/** Tokens a postfix `!` (a non-null assertion) can follow; a prefix `!` never follows one of them. */
const operands = new Set<ts.SyntaxKind>([ts.SyntaxKind.Identifier, ts.SyntaxKind.CloseParenToken, ts.SyntaxKind.CloseBracketToken]);

/** The tokens of a piece of code, without whitespace, comments, semicolons and trailing commas. */
function scan(code: string): Token[] {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, code);
  const tokens: Token[] = [];
  // Open braces inside each `${…}` of the template literals being read: the `}` that closes one resumes its text.
  const templates: number[] = [];
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.OpenBraceToken && templates.length > 0) templates[templates.length - 1]!++;
    if (kind === ts.SyntaxKind.CloseBraceToken && templates.length > 0) {
      if (templates.at(-1) === 0) kind = scanner.reScanTemplateToken(false);
      else templates[templates.length - 1]!--;
    }
    if (kind === ts.SyntaxKind.TemplateHead) templates.push(0);
    if (kind === ts.SyntaxKind.TemplateTail) templates.pop();
    if (kind === ts.SyntaxKind.SemicolonToken) continue;
    if (closers.has(kind) && tokens.at(-1)?.kind === ts.SyntaxKind.CommaToken) tokens.pop();
    const quoted = kind === ts.SyntaxKind.StringLiteral || kind === ts.SyntaxKind.NoSubstitutionTemplateLiteral;
    tokens.push({ kind, text: quoted ? JSON.stringify(scanner.getTokenValue()) : scanner.getTokenText() });
  }
  return tokens;
}

/**
 * Code as it is compared: one string of tokens separated by single spaces, with a space at each end so that a
 * match is always on whole tokens. Strings take one quote style; what a property is read from is dropped
 * (`options.capMs` and a destructured `capMs` read the same), and so is a non-null assertion.
 */
export function comparableCode(code: string): string {
  const tokens = scan(code);
  const kept = tokens.filter((token, index) => {
    if (accessors.has(token.kind)) return false;
    if (accessors.has(tokens[index + 1]?.kind ?? ts.SyntaxKind.Unknown)) return false;
    return !(token.kind === ts.SyntaxKind.ExclamationToken && operands.has(tokens[index - 1]?.kind ?? ts.SyntaxKind.Unknown));
  });
  return kept.length === 0 ? '' : ` ${kept.map((token) => token.text).join(' ')} `;
}

/** The body of a function, method, constructor, accessor or arrow function; undefined for anything else. */
function bodyOf(node: ts.Node): ts.Node | undefined {
  return ts.isFunctionLike(node) && 'body' in node ? (node.body as ts.Node | undefined) : undefined;
}

function containsFunctionBody(node: ts.Node): boolean {
  const body = bodyOf(node);
  if (body !== undefined && ts.isBlock(body)) return true;
  return ts.forEachChild(node, containsFunctionBody) ?? false;
}

/** The text of a statement that is compared, and where it starts. */
interface Part {
  readonly start: number;
  readonly text: string;
  readonly holdsFunction: boolean;
}

const partOf = (node: ts.Node, file: ts.SourceFile): Part => ({
  start: node.getStart(file),
  text: node.getText(file),
  holdsFunction: containsFunctionBody(node),
});

/** The part of a statement that carries its logic, or nothing when the statement only holds others. */
function comparedParts(statement: ts.Statement, file: ts.SourceFile): Part[] {
  if (ts.isVariableStatement(statement)) {
    return statement.declarationList.declarations.flatMap((declaration) => (declaration.initializer ? [partOf(declaration.initializer, file)] : []));
  }
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return statement.expression ? [partOf(statement.expression, file)] : [];
  if (ts.isExpressionStatement(statement)) return [partOf(statement.expression, file)];
  if (ts.isIfStatement(statement) || ts.isWhileStatement(statement) || ts.isDoStatement(statement) || ts.isSwitchStatement(statement)) {
    return [partOf(statement.expression, file)];
  }
  if (ts.isForStatement(statement) || ts.isForOfStatement(statement) || ts.isForInStatement(statement)) {
    // The head, from `for` up to the body: `for (const backend of this.backends)`.
    const start = statement.getStart(file);
    const head = file.text.slice(start, statement.statement.getStart(file));
    return [{ start, text: head, holdsFunction: false }];
  }
  return [];
}

/** The statements a compound statement holds, whose own parts are compared in turn. */
function innerStatements(statement: ts.Statement): readonly ts.Statement[] {
  if (ts.isBlock(statement)) return statement.statements;
  if (ts.isIfStatement(statement)) return statement.elseStatement ? [statement.thenStatement, statement.elseStatement] : [statement.thenStatement];
  if (ts.isIterationStatement(statement, false)) return [statement.statement];
  if (ts.isLabeledStatement(statement)) return [statement.statement];
  if (ts.isSwitchStatement(statement)) return statement.caseBlock.clauses.flatMap((clause) => clause.statements);
  if (ts.isTryStatement(statement)) {
    return [statement.tryBlock, ...(statement.catchClause ? [statement.catchClause.block] : []), ...(statement.finallyBlock ? [statement.finallyBlock] : [])];
  }
  return [];
}

/** The core lines of a solution, in source order, each once. */
export function coreLines(solutionSource: string, fileName = 'solution.ts'): CoreLine[] {
  const file = ts.createSourceFile(fileName, solutionSource, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found = new Map<string, CoreLine>();
  const add = ({ start, text, holdsFunction }: Part): void => {
    if (holdsFunction) return;
    const tokens = comparableCode(text);
    if (tokens.trim().split(' ').length < minimumCoreTokens || found.has(tokens)) return;
    found.set(tokens, { line: file.getLineAndCharacterOfPosition(start).line + 1, text: text.trim().replace(/\s+/g, ' '), tokens });
  };
  const statements = (list: readonly ts.Statement[]): void => {
    for (const statement of list) {
      for (const part of comparedParts(statement, file)) add(part);
      statements(innerStatements(statement));
    }
  };
  const visit = (node: ts.Node): void => {
    const body = bodyOf(node);
    if (body !== undefined && ts.isBlock(body)) statements(body.statements);
    else if (body !== undefined) add(partOf(body, file));
    ts.forEachChild(node, visit);
  };
  visit(file);
  return [...found.values()].sort((a, b) => a.line - b.line);
}

/** Fenced blocks and inline code spans of one hint, each with the hints.md line it starts on. */
function codeOf(markdown: string, firstLine: number): CodeInHint[] {
  const code: CodeInHint[] = [];
  const lines = markdown.split('\n');
  let prose = '';
  for (let index = 0; index < lines.length; index++) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(lines[index]!);
    if (fence === null) {
      prose += `${lines[index]}\n`;
      continue;
    }
    const start = index;
    const body: string[] = [];
    while (++index < lines.length && !lines[index]!.trimStart().startsWith(fence[1]!)) body.push(lines[index]!);
    code.push({ line: firstLine + start, tokens: comparableCode(body.join('\n')) });
    prose += '\n'.repeat(index - start + 1);
  }
  for (const span of prose.matchAll(/(`+)([\s\S]*?[^`])\1(?!`)/g)) {
    const line = firstLine + prose.slice(0, span.index).split('\n').length - 1;
    code.push({ line, tokens: comparableCode(span[2]!) });
  }
  return code.sort((a, b) => a.line - b.line);
}

function hintsIn(hintsMarkdown: string): HintInFile[] {
  const headingLines = hintsMarkdown
    .split('\n')
    .flatMap((text, index) => (/^## +/.test(text) ? [index + 1] : []));
  return splitHints(hintsMarkdown, 'hints.md').map((hint, index) => {
    const line = headingLines[index]!;
    // The body starts after the heading and the blank lines that splitHints trims away.
    const bodyStart = hintsMarkdown.split('\n').findIndex((text, at) => at >= line && text.trim() !== '') + 1;
    return { number: index + 1, title: hint.title, line, code: codeOf(hint.markdown, bodyStart) };
  });
}

/**
 * Whether the hidden tests run a simulated scenario: a shared one from src/scenarios, the exercise's own
 * scenario.ts, or one they build with the testkit's `runScenario`.
 */
export function testsRunAScenario(testsSource: string): boolean {
  return /\bfrom\s+['"](?:[./]*\/src\/scenarios\/[^'"]+|\.\/scenario\.ts)['"]|\brunScenario\s*\(/.test(testsSource);
}

export interface HintLadderInput {
  readonly hints: string;
  readonly solution: string;
  readonly tests: string;
}

/** Every breach of the hint rule, one sentence each, naming the hint, its line and the solution's line. */
export function hintLadderBreaches({ hints, solution, tests }: HintLadderInput): string[] {
  let ladder: HintInFile[];
  try {
    ladder = hintsIn(hints);
  } catch {
    return [`hints.md has no hint: start each hint with a "## " heading`];
  }
  const breaches: string[] = [];
  const scenario = testsRunAScenario(tests);
  const needed = scenario ? minimumHintsWithScenario : minimumHints;
  if (ladder.length < needed) {
    const why = scenario
      ? 'one that names the idea, one that points at the input or the moment in the scenario that breaks, and a last one that may show a fragment'
      : 'one that names the idea and a last one that may show a fragment';
    breaches.push(`hints.md has ${ladder.length} hint${ladder.length === 1 ? '' : 's'}; it needs at least ${needed}: ${why}`);
  }
  const core = coreLines(solution);
  for (const hint of ladder) {
    const last = hint.number === ladder.length;
    const shown = core.flatMap((coreLine) => {
      const at = hint.code.find((code) => code.tokens.includes(coreLine.tokens));
      return at === undefined ? [] : [{ coreLine, at }];
    });
    const allowed = last ? fragmentsAllowedInLastHint : 0;
    if (shown.length <= allowed) continue;
    const name = `hints.md hint ${hint.number} ("${hint.title}")`;
    for (const { coreLine, at } of shown) {
      const rule = last
        ? `the last hint may show one line of the solution, and this one shows ${shown.length}`
        : 'only the last hint may show a line of the solution';
      breaches.push(`${name} shows solution.ts line ${coreLine.line} (\`${coreLine.text}\`) on hints.md line ${at.line}: ${rule}; point at the idea or the case that breaks instead`);
    }
  }
  return breaches;
}
