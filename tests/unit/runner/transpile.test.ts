import { describe, expect, it } from 'vitest';
import { transpileLearnerCode } from '../../../src/runner/transpile.ts';

function transpiled(source: string) {
  const result = transpileLearnerCode(source);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(source)} to compile: ${JSON.stringify(result.errors)}`);
  return result;
}

/** 1-based position of `needle`'s n-th occurrence in `text`. */
function positionOf(text: string, needle: string, occurrence = 1): { line: number; column: number } {
  let index = -1;
  for (let i = 0; i < occurrence; i++) index = text.indexOf(needle, index + 1);
  const before = text.slice(0, index).split('\n');
  return { line: before.length, column: before.at(-1)!.length + 1 };
}

describe('transpiling learner code', () => {
  it('maps positions in the output back to the learner source across erased types and throw marks', () => {
    const source =
      'export function f(a: number, b: Array<string>): number {\n' +
      '  const c: { deep: number } | undefined = undefined; if (a) throw "early"; return c!.deep + b.length;\n' +
      '}\n';
    const { code, toLearnerPosition } = transpiled(source);
    expect(toLearnerPosition(positionOf(code, 'deep', 1))).toEqual(positionOf(source, 'deep', 2));
    expect(toLearnerPosition(positionOf(code, 'length'))).toEqual(positionOf(source, 'length'));
    expect(toLearnerPosition(positionOf(code, '"early"'))).toEqual(positionOf(source, '"early"'));
  });

  it('marks throw statements but leaves strings, comments and properties named throw alone', () => {
    const source = 'const o = { throw: 1 }; // throw here\nexport const s = "throw " + o.throw;\nexport function f() { throw "x"; }\n';
    const { code } = transpiled(source);
    expect(code.match(/__yourCodeThrowsAt\(/g)).toHaveLength(1);
    expect(code).toContain('throw __yourCodeThrowsAt(3, 23), "x"');
    expect(code).toContain('// throw here');
    expect(code).toContain('"throw " + o.throw');
  });

  it.each([
    ['an unexpected token', 'let total: number = 1;\nlet next = total +* 2;', { message: 'Unexpected token', line: 2, column: 19 }],
    ['an unterminated string', 'const greeting = "hello;\n', { message: 'Unterminated string constant', line: 1, column: 18 }],
    ['a missing brace', 'export function f(a: number) {\n  return a;\n', { message: 'Unexpected token', line: 3, column: 1 }],
  ])('reports %s with the compiler words and the learner position', (_kind, source, expected) => {
    const result = transpileLearnerCode(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expected]);
  });

  it('refuses import() calls at their position, but not type imports, strings, comments or a method named import', () => {
    const source =
      "import type { A } from './a.ts';\nconst o = { import: (x: string) => x }; o.import('x'); // import('y')\n" +
      "const s = \"import('z')\";\nexport const later = () => import /* sneaky */ ('https://example.com/m.js');\n";
    const result = transpileLearnerCode(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { message: 'dynamic `import(…)` is not available, as exercises run on their own', ...positionOf(source, 'import /*') },
    ]);
  });

  it('refuses await at the top level at its position, but not inside an async function, a string or a comment', () => {
    const source =
      'export async function f(p: Promise<number>) { return await p; }\n' +
      'const note = "await later"; // await here\n' +
      'const v = await Promise.resolve(1);\n';
    const result = transpileLearnerCode(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      { message: expect.stringMatching(/^top-level `await` is not available/) as unknown as string, ...positionOf(source, 'await Promise') },
    ]);
  });

  it('reads the tokens of a file with Windows line endings at the same lines and columns', () => {
    const source = 'const a = 1;\r\nexport function f() {\r\n  throw "x";\r\n}\r\nconst v = await a;\r\n';
    const result = transpileLearnerCode(source);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map(({ line, column }) => ({ line, column }))).toEqual([{ line: 5, column: 11 }]);
    expect(transpiled(source.replace('await a', 'a')).code).toContain('throw __yourCodeThrowsAt(3, 3), "x"');
  });
});
