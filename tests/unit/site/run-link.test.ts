import { describe, expect, it } from 'vitest';
import { MAX_LINK_CODE_CHARS, readRunLink, runLinkFragment } from '../../../src/site/run-view/run-link.ts';
import { RUN_LINK_PREFIX } from '../../../src/site/run-view/run-link-prefix.ts';

const link = { exercise: 'cap-register', test: 'CP: the register stays linearizable', seed: -7, code: 'export const x = "ünïcode ✓";\n'.repeat(50) };

/** The fragment for any JSON, packed the way a link packs it: for links a newer or hostile writer made. */
async function fragmentOf(value: unknown): Promise<string> {
  const packed = new Blob([new TextEncoder().encode(JSON.stringify(value))]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  const bytes = new Uint8Array(await new Response(packed).arrayBuffer());
  return RUN_LINK_PREFIX + btoa(String.fromCharCode(...bytes)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

describe('a link to a run', () => {
  it('carries the exercise, test, seed and code there and back, compressed into a URL-safe fragment', async () => {
    const fragment = await runLinkFragment(link);
    expect(fragment.startsWith(RUN_LINK_PREFIX)).toBe(true);
    expect(fragment.slice(RUN_LINK_PREFIX.length)).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fragment.length).toBeLessThan(link.code.length / 4);
    expect(await readRunLink(fragment)).toEqual({ ok: true, link });
  });

  it('says plainly when a link was cut short, is not a run link, or came from another version', async () => {
    const fragment = await runLinkFragment(link);
    const cut = await readRunLink(fragment.slice(0, fragment.length / 2));
    expect(cut).toEqual({ ok: false, problem: expect.stringContaining('damaged') });
    expect(await readRunLink('#intro')).toEqual({ ok: false, problem: 'This address holds no link to a run.' });
    expect(await readRunLink(`${RUN_LINK_PREFIX}!!!`)).toEqual({ ok: false, problem: expect.stringContaining('damaged') });
    expect(await readRunLink(await fragmentOf({ ...link, v: 2 }))).toEqual({ ok: false, problem: expect.stringContaining('another version') });
    expect(await readRunLink(await fragmentOf({ v: 1, exercise: 'x', test: 't', seed: 1.5, code: '' }))).toEqual({ ok: false, problem: expect.stringContaining('does not hold') });
    expect(await readRunLink(await fragmentOf({ v: 1, exercise: 'x', test: 't', seed: 1, code: 'x'.repeat(MAX_LINK_CODE_CHARS + 1) }))).toEqual({
      ok: false,
      problem: expect.stringContaining('does not hold'),
    });
  });

  it('is not made for code longer than a link may carry', async () => {
    await expect(runLinkFragment({ ...link, code: 'x'.repeat(MAX_LINK_CODE_CHARS + 1) })).rejects.toThrow('longer than 100,000 characters');
  });
});
