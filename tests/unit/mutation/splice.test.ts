import { describe, expect, it } from 'vitest';
import { applyMutant, offsetOf, originalText } from '../../../src/mutation/splice.ts';
import { onlyFolder } from '../../../src/mutation/stryker-run.ts';

const source = 'export function f(n: number) {\n  return n > 3;\n}\n';
const location = { start: { line: 1, column: 9 }, end: { line: 1, column: 14 } };

describe('applying a mutant', () => {
  it('finds a zero-based position on any line', () => {
    expect(offsetOf(source, { line: 0, column: 0 })).toBe(0);
    expect(source.slice(offsetOf(source, location.start))).toMatch(/^n > 3;/);
    expect(() => offsetOf(source, { line: 9, column: 0 })).toThrow('line 10 is past the end of the file');
  });

  it('replaces exactly the mutated text, leaving the rest of the file as it was', () => {
    expect(originalText(source, location)).toBe('n > 3');
    expect(applyMutant(source, location, 'n >= 3')).toBe('export function f(n: number) {\n  return n >= 3;\n}\n');
    const block = { start: { line: 0, column: 29 }, end: { line: 2, column: 1 } };
    expect(applyMutant(source, block, '{}')).toBe('export function f(n: number) {}\n');
  });
});

describe("Stryker's sandbox", () => {
  it('holds only the exercise folder', () => {
    expect(onlyFolder('exercises/gcounter')).toEqual(['/*', '!/exercises', '/exercises/*', '!/exercises/gcounter']);
    expect(onlyFolder('a/b/c')).toEqual(['/*', '!/a', '/a/*', '!/a/b', '/a/b/*', '!/a/b/c']);
  });
});
