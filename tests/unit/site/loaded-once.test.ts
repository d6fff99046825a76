import { describe, expect, it } from 'vitest';
import { loadedOnce } from '../../../src/site/loaded-once.ts';

describe('loadedOnce', () => {
  it('has nothing before the first load, then the module at once, fetched a single time', async () => {
    const module = { name: 'view' };
    let fetches = 0;
    const view = loadedOnce(async () => {
      fetches += 1;
      return module;
    });
    expect(view.loaded()).toBeUndefined();
    expect(await view.load()).toBe(module);
    expect(view.loaded()).toBe(module);
    expect(await view.load()).toBe(module);
    expect(fetches).toBe(1);
  });

  it('fetches again after a failed fetch, and keeps nothing from it', async () => {
    const module = { name: 'view' };
    const outcomes = [() => Promise.reject(new Error('offline')), () => Promise.resolve(module)];
    let fetches = 0;
    const view = loadedOnce(() => outcomes[fetches++]!());
    await expect(view.load()).rejects.toThrow('offline');
    expect(view.loaded()).toBeUndefined();
    expect(await view.load()).toBe(module);
    expect(view.loaded()).toBe(module);
    expect(fetches).toBe(2);
  });
});
