/**
 * The files of a new exercise folder. The skeleton is a complete, sound exercise — a server keeps a
 * register on its crash-surviving disk — so `npm run check:exercises -- <id>` passes before the instructor
 * changes a line: every file shows its part of the format, and the tests show the three kinds of hidden test
 * (exact values on a tiny input; a simulated scenario with a fault plan, fixed seeds and a checker; a
 * generative test that compares the learner's code with the reference on generated calls).
 */
import type { ExerciseMetaInput } from '../../course/exercise-json.ts';
import type { MutationReport } from '../../mutation/report.ts';

export interface ExerciseTemplate {
  readonly id: string;
  readonly title: string;
  /** The slug of the lesson that embeds the exercise. */
  readonly lesson: string;
}

const testNames = [
  'reads return null before the first write, then the last value written',
  'no acknowledged write is lost when the server crashes',
  'agrees with the reference on generated writes and reads',
] as const;

function metadata({ title, lesson }: ExerciseTemplate): string {
  const meta: ExerciseMetaInput = {
    title,
    lesson,
    timeLimitMs: 5000,
    exports: [{ name: 'createRegister', signature: 'createRegister(disk)' }],
    tests: [...testNames],
  };
  return `${JSON.stringify(meta, null, 2)}\n`;
}

const prompt = `## Your task

A server keeps one value, a *register*, that clients read and write. The server can crash at any moment;
when it restarts, everything it kept in memory is gone, and only its **disk** survives.

Export \`createRegister(disk)\`. The server calls it when it starts and again after every restart. It returns
an object with two methods:

- \`write(value)\` stores \`value\` (a number, a string, a boolean or \`null\`); the client is told the write succeeded as soon as \`write\` returns;
- \`read()\` returns the value of the last \`write\`, or \`null\` when nothing has been written yet.

\`disk.get(key)\` returns what \`disk.set(key, value)\` stored under \`key\` (or \`undefined\`), and survives
crashes. Time and randomness play no part here: do not use \`Date.now\` or \`Math.random\`.

## What the tests check

1. *${testNames[0]}* — on a fresh disk \`read()\` returns \`null\`; after \`write(0)\` and
   \`write('b')\` it returns \`'b'\`.
2. *${testNames[1]}* — in the simulation, two clients read and write for 400 ms (virtual) while the
   server crashes at 200 ms and restarts at 250 ms. Every read must return the value of the latest
   acknowledged write (the history must be linearizable). Seeds 1, 2 and 3; each seed runs twice and both
   runs must be identical.
3. *${testNames[2]}* — two registers side by side receive up to 30 generated calls of \`write(value)\`
   and \`read()\`, with values that are numbers (\`0\` included), short strings (\`''\` included), booleans or
   \`null\`; every \`read()\` must answer what the reference solution answers. A failure shows the shortest
   run where your answer differs and the seed that replays it.
`;

const hints = `## Only the disk survives

A crash throws away the object \`createRegister\` returned and everything it kept in memory; the restarted
server calls \`createRegister\` again with nothing but the disk. So the value must live where a crash cannot
reach it.

## The moments that break a register

- The server crashes at 200 ms and restarts at 250 ms. A write acknowledged before the crash must still be read
  afterwards, and the write is acknowledged as soon as \`write\` returns: nothing may wait until later.
- Before the first write, the disk has nothing under your key and answers \`undefined\`; the register must
  say \`null\`.
- \`0\`, \`''\` and \`false\` are values like any other: a fallback that treats every falsy value as
  "nothing written" turns them into \`null\`.

## Reading it back

Read the value from the disk under the key you write it to, and turn only a missing value into \`null\`, for
example with \`??\`.
`;

/** The learner's types; `root` leads from the file to the repository (wrong variants sit one folder deeper). */
const registerType = (root: string): string => `import type { Disk } from '${root}/src/sim/disk.ts';

/** What the server calls on its register. */
export interface Register {
  /** The value of the last write, or null when nothing has been written yet. */
  read(): unknown;
  write(value: unknown): void;
}
`;

const starter = `${registerType('../..')}
/** Called when the server starts and after every restart; only \`disk\` survives a crash. */
export function createRegister(disk: Disk): Register {
  throw new Error('createRegister is not written yet');
}
`;

const solution = `${registerType('../..')}
/** The value lives on the disk, so a restarted server reads what it acknowledged before the crash. */
export function createRegister(disk: Disk): Register {
  return {
    read: () => disk.get('value') ?? null,
    write: (value) => disk.set('value', value),
  };
}
`;

/**
 * Correct solutions written another way: the check requires each to pass, so the tests judge the rule and
 * never one way of writing it. The first line says how it differs from solution.ts.
 */
const alternatives: Record<string, string> = {
  'memory-copy-written-through.ts': `// Keeps a copy of the value in memory, loaded from the disk at every (re)start, and writes through to the disk.
${registerType('../../..')}
export function createRegister(disk: Disk): Register {
  let value: unknown = disk.get('register');
  if (value === undefined) value = null;
  return {
    read: () => value,
    write: (next) => {
      disk.set('register', next);
      value = next;
    },
  };
}
`,
};

/** Plausible mistakes, each caught by a different test: the proof that every test can fail. */
const wrongVariants: Record<string, string> = {
  'keeps-the-value-in-memory.ts': `${registerType('../../..')}
// Wrong on purpose: the value lives in memory, so a crash forgets acknowledged writes.
export function createRegister(disk: Disk): Register {
  let value: unknown = null;
  return {
    read: () => value,
    write: (next) => {
      value = next;
    },
  };
}
`,
  'reads-undefined-before-the-first-write.ts': `${registerType('../../..')}
// Wrong on purpose: before the first write the disk has no value, and this returns undefined, not null.
export function createRegister(disk: Disk): Register {
  return {
    read: () => disk.get('value'),
    write: (value) => disk.set('value', value),
  };
}
`,
  'forgets-falsy-values.ts': `${registerType('../../..')}
// Wrong on purpose: \`||\` turns every falsy value (0, '', false) into null; only generated values show it.
export function createRegister(disk: Disk): Register {
  return {
    read: () => disk.get('value') || null,
    write: (value) => disk.set('value', value),
  };
}
`,
};

const tests = `/**
 * Hidden tests: the learner sees their names (exercise.json "tests"), never this file. The first pins exact
 * values on a tiny input; the second runs a scenario — one server, two clients, a crash and a restart —
 * on fixed seeds, and judges each run's history with the linearizability checker; the third compares the
 * learner's register with the reference solution on generated calls, shrunk to the shortest run that differs.
 */
import { checkLinearizable, checkObjectsAgainstReference, checkSeeds, defineTests, expect, fc, registerModel, runScenario, test } from '../../src/testkit/index.ts';
import type { ScenarioSpec } from '../../src/testkit/index.ts';
import { Disk } from '../../src/sim/index.ts';
import type { FaultPlan, NodeProgram } from '../../src/sim/index.ts';
import type * as Solution from './solution.ts';
import * as Reference from './solution.ts';

type Learner = typeof Solution;

/** Every check and every learner grades these same runs. */
const SEEDS = [1, 2, 3];

/** Faults are data: the server crashes while the clients are busy and comes back 50 ms later. */
const CRASH_AND_RESTART: FaultPlan = [
  { at: 200, kind: 'crash', node: 'server' },
  { at: 250, kind: 'restart', node: 'server' },
];

/** A server whose register is the learner's, created again from the disk at every (re)start. */
function registerServer(learner: Learner): NodeProgram {
  return () => {
    let register: Solution.Register | undefined;
    return {
      onStart: (ctx) => {
        register = learner.createRegister(ctx.disk);
      },
      onRequest: (ctx, request) => {
        if (request.f === 'write') {
          register!.write(request.input);
          ctx.reply(request);
        } else {
          ctx.reply(request, register!.read());
        }
      },
    };
  };
}

function crashingServer(learner: Learner): ScenarioSpec {
  return {
    cluster: {
      nodes: ['server'],
      program: () => registerServer(learner),
      link: { latency: { kind: 'uniform', minMs: 1, maxMs: 5 } },
    },
    faults: CRASH_AND_RESTART,
    workload: {
      clients: [
        { id: 'c1', node: 'server' },
        { id: 'c2', node: 'server' },
      ],
      timeoutMs: 50,
      stopMs: 400,
      thinkMs: 5,
      // Unique values, so a read that returns a lost write is unmistakable in the story.
      next: ({ client, rng, count }) => (rng.chance(0.5) ? { f: 'write', input: \`\${client.id}-\${count}\` } : { f: 'read' }),
    },
    settleMs: 100,
  };
}

export default defineTests<Learner>((learner) => {
  test(${JSON.stringify(testNames[0])}, () => {
    const register = learner.createRegister(new Disk('server'));
    expect(register.read(), 'read() before any write').toBe(null);
    register.write(0);
    register.write('b');
    expect(register.read(), "read() after write(0) and write('b')").toBe('b');
  });

  test(${JSON.stringify(testNames[1])}, () => {
    checkSeeds(
      SEEDS,
      (seed) => runScenario(crashingServer(learner), seed),
      (run) => checkLinearizable(run.history, registerModel()),
    );
  });

  test(${JSON.stringify(testNames[2])}, () => {
    // Every value the prompt allows, with the edge cases (0, '', false, null) drawn often.
    const value = fc.oneof(fc.constantFrom(0, '', false, null), fc.integer(), fc.string({ maxLength: 3 }), fc.boolean());
    checkObjectsAgainstReference({
      make: () => "createRegister(new Disk('server'))",
      makeArgs: fc.constant([]),
      instances: 2,
      call: fc.oneof(value.map((v) => ({ method: 'write', args: [v] })), fc.constant({ method: 'read', args: [] })),
      learner: () => learner.createRegister(new Disk('server')),
      reference: () => Reference.createRegister(new Disk('server')),
      seed: 1,
      runs: 100,
    });
  });
});
`;

/**
 * The mutation report of the skeleton as it is (\`npm run mutate\` on a scaffolded exercise: every mutant
 * killed), so a new exercise starts clean. It names the contents of solution.ts and tests.ts it graded: once the
 * instructor changes either, the check asks for \`npm run mutate -- <id>\`. After changing the skeleton's
 * solution or tests, scaffold an exercise, run \`npm run mutate -- <id>\` on it and copy its mutation.json here.
 */
const mutationReport: MutationReport = {
  inputs: {
    'solution.ts': '4da2dbe5f9fe5eec44235f11aae3e3d92415df4bc020d6a353a1c70ea1dfd026',
    'tests.ts': '243ed76323865675e4bb6e2c17d49badfb7881889a37283b4506a834a32fa40f',
  },
  mutants: 7,
  killed: 7,
  timedOut: 0,
  survivors: [],
};

/** The files of `exercises/<id>/`, by path inside that folder. */
export function exerciseFiles(template: ExerciseTemplate): Record<string, string> {
  return {
    'exercise.json': metadata(template),
    'prompt.md': prompt,
    'hints.md': hints,
    'starter.ts': starter,
    'solution.ts': solution,
    'tests.ts': tests,
    ...Object.fromEntries(Object.entries(wrongVariants).map(([name, source]) => [`wrong/${name}`, source])),
    ...Object.fromEntries(Object.entries(alternatives).map(([name, source]) => [`alternatives/${name}`, source])),
    'mutation.json': `${JSON.stringify(mutationReport, null, 2)}\n`,
  };
}
