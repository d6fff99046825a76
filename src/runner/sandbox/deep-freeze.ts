/**
 * Freezes a value and everything reachable from it (prototypes, property values, accessors). `seen` is shared
 * between calls, so sealing a realm walks each object once however many globals lead to it.
 */
export function deepFreeze(root: unknown, seen: Set<unknown>): void {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
    if (seen.has(value)) continue;
    seen.add(value);
    Object.freeze(value);
    pending.push(Object.getPrototypeOf(value));
    for (const key of Reflect.ownKeys(value)) {
      const descriptor = Reflect.getOwnPropertyDescriptor(value, key);
      if (descriptor === undefined) continue;
      pending.push(descriptor.value, descriptor.get, descriptor.set);
    }
  }
}
