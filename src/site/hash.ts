/**
 * FNV-1a (32-bit) as 8 hex digits. Drafts are keyed by the hash of the starter they began from, so a changed
 * exercise is noticed. Not cryptographic: it only has to tell two versions of a starter apart.
 */
export function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
