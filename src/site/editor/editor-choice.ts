/**
 * Monaco is hard to use with touch keyboards and cramped below ~40rem; there a plain textarea is the better editor.
 * The tests still run the same way.
 */
export function prefersPlainEditor(): boolean {
  return window.matchMedia('(pointer: coarse), (max-width: 40rem)').matches;
}
