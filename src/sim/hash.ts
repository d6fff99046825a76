/**
 * FNV-1a (32-bit): a fast, well-known non-cryptographic hash, written with Math.imul so every engine
 * computes the same bits. Used to derive random streams and to fingerprint runs.
 */
export const FNV_OFFSET = 0x811c9dc5 | 0;
export const FNV_PRIME = 0x01000193;

/**
 * Results stay signed 32-bit (what Math.imul returns) so V8 keeps them as small integers on the hot path;
 * callers that show or store a hash convert with `>>> 0`.
 */

/** Continues hash `h` over the UTF-16 code units of `text`. */
export function fnv1aString(h: number, text: string): number {
  let hash = h;
  for (let i = 0; i < text.length; i++) {
    hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME);
  }
  return hash;
}

/** Continues hash `h` with one number: integers hash by value, anything else by its decimal text. */
export function fnv1aNumber(h: number, value: number): number {
  if ((value | 0) === value) {
    const hash = Math.imul(h ^ (value & 0xffff), FNV_PRIME);
    return Math.imul(hash ^ (value >>> 16), FNV_PRIME);
  }
  return fnv1aString(h, String(value));
}

/**
 * The FNV-1a hash of `text` as 8 hex digits. The site keys drafts by the hash of the starter they began from,
 * so a changed exercise is noticed: it only has to tell two versions of a text apart.
 */
export function fnv1aHex(text: string): string {
  return (fnv1aString(FNV_OFFSET, text) >>> 0).toString(16).padStart(8, '0');
}
