import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { runInNode } from '../../../src/runner/node.ts';

const sumExercise = fileURLToPath(new URL('../fixtures/exercises/sum/', import.meta.url));
const solution = readFileSync(new URL('../fixtures/exercises/sum/solution.ts', import.meta.url), 'utf8');
const run = (source: string, options?: Parameters<typeof runInNode>[2]) => runInNode(sumExercise, source, options);

/** Learner code whose `sum` body is `body` (indented two spaces, starting on line 2). */
const sumWith = (body: string) => `export function sum(values: number[]): number {\n${body}\n}\n`;

describe('grading learner code', () => {
  it('passes a correct solution, with every test named', async () => {
    const result = await run(solution);
    expect(result.status).toBe('pass');
    expect(result.message).toBe('');
    expect(result.tests.map((test) => [test.name, test.status])).toEqual([
      ['adds the values', 'pass'],
      ['returns 0 for no values', 'pass'],
    ]);
  });

  it('finds an exercise of the course by its id', async () => {
    const backoffSolution = readFileSync(new URL('../../../exercises/backoff-jitter/solution.ts', import.meta.url), 'utf8');
    const result = await runInNode('backoff-jitter', backoffSolution);
    expect(result).toMatchObject({ exerciseId: 'backoff-jitter', status: 'pass' });
    expect(result.tests.find((test) => test.name === 'spreads a retry storm after an outage')?.seeds).toHaveLength(3);
  });

  it('fails a wrong answer with the matcher message in plain text', async () => {
    const result = await run(sumWith('  return values.length;'));
    expect(result.status).toBe('fail');
    expect(result.message).toBe('1 of 2 tests did not pass.');
    const [adds] = result.tests;
    expect(adds).toMatchObject({ name: 'adds the values', status: 'fail', message: 'expected 3 to be 12' });
    expect(adds?.message).not.toMatch(/\u001b/);
  });

  it('reports an error thrown by learner code with its message and line/column', async () => {
    const result = await run(sumWith('  const lookup: Record<string, { size: number }> = {};\n  return lookup.missing!.size;'));
    expect(result.status).toBe('fail');
    const line = '  return lookup.missing!.size;';
    expect(result.tests[0]).toMatchObject({
      status: 'error',
      message: "TypeError: Cannot read properties of undefined (reading 'size')",
      location: { line: 3, column: line.indexOf('size') + 1 },
    });
  });
});

describe('plain messages for broken code', () => {
  it('gives a syntax error the compiler words and the learner line and column', async () => {
    const broken = '  const total: number = values.length +* 2;';
    const result = await run(sumWith(broken));
    expect(result.status).toBe('error');
    expect(result.compileErrors).toEqual([{ message: 'Unexpected token', line: 2, column: broken.indexOf('*') + 1 }]);
    expect(result.message).toBe(`Your code does not compile: Unexpected token (line 2, column ${broken.indexOf('*') + 1}).`);
  });

  it('names the missing export with its signature', async () => {
    const result = await run('export function total(values: number[]) { return 0; }');
    expect(result).toMatchObject({ status: 'error', message: 'Your code must export `sum(values)`.', tests: [] });
  });

  it('names an export of the wrong type', async () => {
    const result = await run('export const sum = 42;');
    expect(result.message).toBe('Your code must export `sum(values)` as a function, but `sum` is a number.');
  });

  it('refuses runtime imports but accepts type imports', async () => {
    const importing = await run(`import { helper } from './helper.ts';\n${sumWith('  return helper(values);')}`);
    expect(importing.status).toBe('error');
    expect(importing.message).toBe(
      "Your code threw while loading (line 1, column 1): Exercises run on their own: remove the import of './helper.ts'.",
    );
    const typeOnly = await run(`import type { Helper } from './helper.ts';\n${solution}`);
    expect(typeOnly.status).toBe('pass');
  });

  it.each([
    ['null', '  throw null;', 'Your code threw null.', { line: 2, column: 3 }],
    ['string', '  if (values.length >= 0) throw "no sum today";', 'Your code threw the string "no sum today".', { line: 2, column: 27 }],
    [
      'object whose toString throws',
      '  const answer: number = 0;\n  throw { toString() { throw new Error("nope"); } };',
      'Your code threw an object that cannot be printed.',
      { line: 3, column: 3 },
    ],
    [
      'instance of an Error subclass',
      '  class SumError extends Error {\n    constructor() { super("too tired"); this.name = "SumError"; }\n  }\n  const tired: boolean = true; if (tired) throw new SumError();',
      'SumError: too tired',
      { line: 5, column: 49 },
    ],
  ])('describes a thrown %s plainly, at the learner line', async (_kind, body, message, location) => {
    const result = await run(sumWith(body));
    expect(result.status).toBe('fail');
    expect(result.tests.map((test) => [test.status, test.message, test.location])).toEqual([
      ['error', message, location],
      ['error', message, location],
    ]);
  });

  it('reports runaway recursion as an error at the learner line', async () => {
    const result = await run('function depth(n: number): number {\n  return depth(n + 1) + 1;\n}\nexport function sum(values: number[]): number { return depth(0); }');
    expect(result.tests[0]).toMatchObject({ status: 'error', message: 'RangeError: Maximum call stack size exceeded', location: { line: 2 } });
  });

  it('stops an endless loop at the time limit, and the next run works', async () => {
    const looping = await run(sumWith('  while (true) {}'), { timeLimitMs: 300 });
    expect(looping).toMatchObject({ status: 'timeout', tests: [] });
    expect(looping.message).toMatch(/^Your code ran for more than 0\.3 s without finishing, so it was stopped\./);
    expect((await run(solution)).status).toBe('pass');
  });

  it('stops code that allocates without end at the memory limit', async () => {
    const result = await run(sumWith('  const hoard: number[][] = [];\n  for (;;) hoard.push(new Array(100_000).fill(1));'), {
      memoryLimitMb: 64,
      timeLimitMs: 20_000,
    });
    expect(result.status).toBe('error');
    expect(result.message).toBe('The run stopped before it finished: your code used more than 64 MB of memory.');
  });
});

describe('a deterministic, locked-down realm', () => {
  it('shadows Date, Math.random, performance.now and crypto with the same values on every run and test', async () => {
    const probe = sumWith(
      '  console.log(Date.now(), new Date().toISOString(), performance.now(), Math.random(), crypto.getRandomValues(new Uint8Array(2)).join("-"));\n' +
        '  return values.reduce((total, value) => total + value, 0);',
    );
    const first = await run(probe);
    const second = await run(probe);
    expect(first.status).toBe('pass');
    expect(first.console).toHaveLength(2);
    const [dateNow, isoDate, performanceNow] = first.console[0]!.split(' ');
    expect([dateNow, isoDate, performanceNow]).toEqual(['0', '1970-01-01T00:00:00.000Z', '0']);
    // Each test restarts the stream, so both lines are equal, and so are both runs.
    expect(first.console[1]).toBe(first.console[0]);
    expect(second.console).toEqual(first.console);
  });

  it('refuses timers and network access with a plain message', async () => {
    const timers = await run(sumWith('  setTimeout(() => {}, 10);\n  return 0;'));
    expect(timers.tests[0]?.message).toBe(
      'Timers are disabled in exercises: time arrives as the `now` argument, in virtual milliseconds.',
    );
    const network = await run(sumWith('  fetch("https://example.com/sum");\n  return 0;'));
    expect(network.tests[0]).toMatchObject({ status: 'error', message: 'Network access is disabled in exercises.', location: { line: 2, column: 3 } });
    const socket = await run(sumWith('  new WebSocket("wss://example.com");\n  return 0;'));
    expect(socket.tests[0]?.message).toBe('Network access is disabled in exercises.');
  });

  it.each([
    ['Object.prototype', 'Object.defineProperty(Object.prototype, "toBe", { value: () => undefined });'],
    ['Object.is', 'Object.is = () => true;'],
    ['JSON', 'JSON.stringify = () => \'{"status":"pass"}\';'],
    ['Array.prototype', 'Array.prototype.some = () => false;'],
    ['a global the harness reads', 'for (const key of Reflect.ownKeys(globalThis)) Object.defineProperty(globalThis, key, { value: undefined });'],
  ])('refuses to let learner code change %s when the module loads', async (_target, tampering) => {
    const result = await run(`${tampering}\nexport function sum(values: number[]): number { return 1; }`);
    expect(result.status).toBe('error');
    expect(result.message).toMatch(/^Your code threw while loading \(line 1, column \d+\): TypeError: .*\(built-in objects are frozen while your code runs\)$/);
  });

  it('cannot fake a pass by tampering during a test and swallowing the error', async () => {
    const tampering = [
      'try { Object.is = () => true; } catch {}',
      'try { (globalThis as any).expect = () => ({ toBe() {} }); } catch {}',
      'for (const key of Reflect.ownKeys(globalThis)) { try { Object.defineProperty(globalThis, key, { get: () => ({ customEqualityTesters: [() => true] }) }); } catch {} }',
      'try { (globalThis as any).postMessage?.({ kind: "result", result: { status: "pass" } }); } catch {}',
      'return 1;',
    ];
    const result = await run(sumWith(tampering.map((line) => `  ${line}`).join('\n')));
    expect(result.status).toBe('fail');
    expect(result.tests.map((test) => test.status)).toEqual(['fail', 'fail']);
  });

  it('grades as usual when learner code leaves a promise rejected', async () => {
    const result = await run(sumWith('  void Promise.reject(new Error("nobody listens"));\n  return values.reduce((total, value) => total + value, 0);'));
    expect(result.status).toBe('pass');
  });

  it('keeps Node\'s process out of reach, so learner code can neither exit the worker nor load Node modules', async () => {
    const result = await run(sumWith('  (globalThis as any).process.exit(0);\n  return 0;'));
    expect(result.status).toBe('fail');
    expect(result.tests[0]).toMatchObject({
      status: 'error',
      message: "TypeError: Cannot read properties of undefined (reading 'exit')",
      location: { line: 2 },
    });
  });

  it('caps console output and says so', async () => {
    const result = await run(sumWith('  for (let i = 0; i < 1000; i++) console.log("line", i);\n  return values.reduce((a, b) => a + b, 0);'));
    expect(result.status).toBe('pass');
    expect(result.console).toHaveLength(201);
    expect(result.console[0]).toBe('line 0');
    expect(result.console.at(-1)).toMatch(/^… output cut: only the first 200 lines/);
  });
});

describe('warming a worker up on the reference solution', () => {
  /** A result without what the clock decides. */
  const verdictOf = (result: Awaited<ReturnType<typeof runInNode>>) => ({
    ...result,
    timings: undefined,
    tests: result.tests.map((test) => ({ ...test, durationMs: undefined })),
  });
  const courseFile = (path: string) => readFileSync(new URL(`../../../exercises/${path}`, import.meta.url), 'utf8');

  it.each([
    ['classify-bottleneck', 'wrong/judges-by-the-mean.ts'],
    ['classify-bottleneck', 'solution.ts'],
    ['cap-register', 'wrong/cp-answers-minority-reads-locally.ts'],
  ])('grades %s %s exactly as a cold worker does', async (exercise, file) => {
    const source = `${courseFile(`${exercise}/${file}`)}\nconsole.log('printed by the learner');\n`;
    const cold = await runInNode(exercise, source);
    const warmed = await runInNode(exercise, source, { warmUp: true });
    expect(warmed.console).toEqual(['printed by the learner']);
    expect(verdictOf(warmed)).toEqual(verdictOf(cold));
  });
});
