import { describe, expect, it } from 'vitest';
import { splitHints } from '../../../src/components/exercise/hints.ts';

describe('splitHints', () => {
  it('splits hints.md at each "## " heading, in order', () => {
    const hints = splitHints('Intro text is ignored.\n\n## Start small\nThink about `2^attempt`.\n\n## The cap\nUse `Math.min`.\n### Not a new hint\nStill the cap.\n', 'hints.md');
    expect(hints).toEqual([
      { title: 'Start small', markdown: 'Think about `2^attempt`.' },
      { title: 'The cap', markdown: 'Use `Math.min`.\n### Not a new hint\nStill the cap.' },
    ]);
  });

  it('names the file when there is no hint', () => {
    expect(() => splitHints('# Hints\nnothing here', 'exercises/x/hints.md')).toThrow(/exercises\/x\/hints\.md: expected at least one hint/);
  });
});
