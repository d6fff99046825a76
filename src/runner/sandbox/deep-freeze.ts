/** Freezes a value and everything reachable from it (prototypes, property values, accessors), except `skip`. */
export function deepFreeze(root: unknown, skip: ReadonlySet<unknown>): void {
  const pending: unknown[] = [root];
  const seen = new Set<unknown>();
  while (pending.length > 0) {
    const value = pending.pop();
    if ((typeof value !== 'object' && typeof value !== 'function') || value === null) continue;
    if (seen.has(value) || skip.has(value)) continue;
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
