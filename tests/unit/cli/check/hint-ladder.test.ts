import { describe, expect, it } from 'vitest';
import { coreLines, hintLadderBreaches, testsRunAScenario } from '../../../../src/cli/check/hint-ladder.ts';

const solution = `import type { Options } from './options.ts';

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

// The window doubles with every attempt.
export function backoffDelay(attempt: number, rng: () => number, options: BackoffOptions): number | null {
  if (attempt >= 3) return null;
  const window = Math.min(options.capMs, options.baseMs * 2 ** attempt);
  return Math.floor(rng() * window);
}

export class Counter {
  private count = 0;

  bump(): void {
    this.count += 1;
    if (this.count > 10) {
      return;
    }
    this.history.push({ at: this.count, label: 'bumped' });
  }

  get value(): number {
    return this.count;
  }
}
`;

const plainTests = `import { defineTests, test, expect } from '../../src/testkit/index.ts';\n`;
const scenarioTests = `import { defineTests, test } from '../../src/testkit/index.ts';\nimport { RETRY_STORM } from '../../src/scenarios/retry-storm.ts';\n`;

const ladder = (...hints: string[]): string => hints.map((hint, index) => `## Hint ${index + 1}\n\n${hint}\n`).join('\n');
const breaches = (hints: string, tests = plainTests): string[] => hintLadderBreaches({ hints, solution, tests });

describe('the core lines of a solution', () => {
  it('are the statements inside function bodies that say something, compared by their logic', () => {
    expect(coreLines(solution).map(({ line, text }) => [line, text])).toEqual([
      [10, 'attempt >= 3'],
      [11, 'Math.min(options.capMs, options.baseMs * 2 ** attempt)'],
      [12, 'Math.floor(rng() * window)'],
      [19, 'this.count += 1'],
      [20, 'this.count > 10'],
      [23, "this.history.push({ at: this.count, label: 'bumped' })"],
    ]);
  });

  it('leave out imports, types, fields, comments, bare returns and a value that is one word once compared', () => {
    const texts = coreLines(solution).map(({ text }) => text).join('\n');
    expect(texts).not.toMatch(/import|interface|private|doubles|return|^this\.count$/m);
  });

  it('count an arrow function body, but not a statement that only holds a function', () => {
    const lines = coreLines(`export function make(disk: Disk) {\n  return {\n    read: () => disk.get('value') ?? null,\n  };\n}\n`);
    expect(lines.map(({ text }) => text)).toEqual(["{ read: () => disk.get('value') ?? null, }", "disk.get('value') ?? null"]);
    const holder = coreLines(`export function make() {\n  return function inner() {\n    return first.second + third.fourth;\n  };\n}\n`);
    expect(holder.map(({ text }) => text)).toEqual(['first.second + third.fourth']);
  });
});

describe('the hint rule', () => {
  it('passes a ladder that names the idea, points at the case, and shows one fragment last', () => {
    const hints = ladder(
      'The delay is a random point inside a window that doubles.',
      'With the same window and no randomness, clients that failed together come back together.',
      'The window: `Math.min(options.capMs, options.baseMs * 2 ** attempt)`.',
    );
    expect(breaches(hints)).toEqual([]);
  });

  it('names the hint, its line and the solution line when an early hint shows a core line', () => {
    const hints = ladder('Draw the delay with `Math.floor(rng() * window)`.', 'Cap the window.');
    expect(breaches(hints)).toEqual([
      'hints.md hint 1 ("Hint 1") shows solution.ts line 12 (`Math.floor(rng() * window)`) on hints.md line 3: ' +
        'only the last hint may show a line of the solution; point at the idea or the case that breaks instead',
    ]);
  });

  it('fails a last hint that shows two core lines, naming both', () => {
    const hints = ladder('Spread the clients.', '```ts\nconst window = Math.min(options.capMs, options.baseMs * 2 ** attempt);\nreturn Math.floor(rng() * window);\n```');
    const found = breaches(hints);
    expect(found).toHaveLength(2);
    expect(found[0]).toMatch(/^hints\.md hint 2 \("Hint 2"\) shows solution\.ts line 11 .* on hints\.md line 7: the last hint may show one line of the solution, and this one shows 2;/);
    expect(found[1]).toMatch(/shows solution\.ts line 12 /);
  });

  it('fails a copy of the whole solution', () => {
    const hints = ladder('Spread the clients.', `Here is everything:\n\n\`\`\`ts\n${solution}\`\`\``);
    expect(breaches(hints)).toHaveLength(coreLines(solution).length);
  });

  it('sees a copy through other spaces, semicolons, quotes, qualifiers, line breaks and trailing commas', () => {
    const disguised = [
      '`Math.floor( rng()*window );`',
      '`const delay = Math.min(capMs, baseMs * 2 ** attempt)`',
      '```js\nthis.history.push({\n  at: this.count,\n  label: "bumped",\n});\n```',
      '``this.count>10``',
    ];
    for (const code of disguised) {
      expect(breaches(ladder(`Look at\n\n${code}\n\nfirst.`, 'Then the rest.')), code).toHaveLength(1);
    }
  });

  it('lets prose name an API or a variable, and code that is not the solution', () => {
    const hints = ladder('Use `Math.floor` on a number from `rng()`, and compare with `window`.', 'Never `Math.round(rng() * window)`.');
    expect(breaches(hints)).toEqual([]);
  });

  it('asks for two hints, and three when the tests run a simulated scenario', () => {
    expect(breaches(ladder('Only one.'))).toEqual([
      'hints.md has 1 hint; it needs at least 2: one that names the idea and a last one that may show a fragment',
    ]);
    expect(breaches(ladder('One.', 'Two.'), scenarioTests)).toEqual([
      'hints.md has 2 hints; it needs at least 3: one that names the idea, one that points at the input or the moment in the scenario that breaks, and a last one that may show a fragment',
    ]);
    expect(breaches(ladder('One.', 'Two.', 'Three.'), scenarioTests)).toEqual([]);
  });

  it('knows a scenario by the import of a shared scenario or the exercise’s own, or a call of runScenario', () => {
    expect(testsRunAScenario(scenarioTests)).toBe(true);
    expect(testsRunAScenario(`import { survivorRun } from './scenario.ts';`)).toBe(true);
    expect(testsRunAScenario(`const run = runScenario(spec, seed);`)).toBe(true);
    expect(testsRunAScenario(`// runScenario is not called here\n`)).toBe(false);
    expect(testsRunAScenario(plainTests)).toBe(false);
  });
});
