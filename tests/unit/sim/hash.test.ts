import { describe, expect, it } from 'vitest';
import { FNV_OFFSET, fnv1aHex, fnv1aNumber, fnv1aString } from '../../../src/sim/hash.ts';

describe('FNV-1a', () => {
  it('gives the published 32-bit values', () => {
    // Test vectors of the FNV reference: "" hashes to the offset basis, "a" to 0xe40c292c.
    expect(fnv1aHex('')).toBe('811c9dc5');
    expect(fnv1aHex('a')).toBe('e40c292c');
    expect(fnv1aString(FNV_OFFSET, 'foobar') >>> 0).toBe(0xbf9cf968);
  });

  it('tells two versions of a starter apart', () => {
    expect(fnv1aHex('export function f() {}\n')).not.toBe(fnv1aHex('export function f() { }\n'));
  });

  it('hashes an integer by value and any other number by its decimal text', () => {
    expect(fnv1aNumber(FNV_OFFSET, 1)).not.toBe(fnv1aNumber(FNV_OFFSET, 2));
    expect(fnv1aNumber(FNV_OFFSET, 0.5)).toBe(fnv1aString(FNV_OFFSET, '0.5'));
  });
});
