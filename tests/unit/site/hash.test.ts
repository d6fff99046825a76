import { describe, expect, it } from 'vitest';
import { hashText } from '../../../src/site/hash.ts';

describe('hashText', () => {
  it('gives the FNV-1a 32-bit value as eight hex digits', () => {
    expect(hashText('')).toBe('811c9dc5');
    expect(hashText('a')).toBe('e40c292c');
  });

  it('tells two versions of a starter apart', () => {
    expect(hashText('export function f() {}\n')).not.toBe(hashText('export function f() { }\n'));
  });
});
