/** Where Stryker's mutants sit in a source file, and the mutated file itself. */
import type { Location, Position } from '@stryker-mutator/api/core';

/** The character offset of a zero-based Stryker position (line, column) in `source`. */
export function offsetOf(source: string, { line, column }: Position): number {
  let offset = 0;
  for (let current = 0; current < line; current++) {
    const newline = source.indexOf('\n', offset);
    if (newline === -1) throw new RangeError(`line ${line + 1} is past the end of the file`);
    offset = newline + 1;
  }
  return offset + column;
}

/**
 * The source with one mutant applied: the text at `location` replaced by `replacement`. This is the module a
 * learner would hand in if they made that one mistake, so it is graded exactly as a learner's code is.
 */
export function applyMutant(source: string, location: Location, replacement: string): string {
  return source.slice(0, offsetOf(source, location.start)) + replacement + source.slice(offsetOf(source, location.end));
}

/** The original text a mutant replaces. */
export function originalText(source: string, location: Location): string {
  return source.slice(offsetOf(source, location.start), offsetOf(source, location.end));
}
