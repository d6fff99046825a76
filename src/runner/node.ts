/**
 * Grades learner code in Node (curriculum check, CI, bench) with the same core as the browser: each run in a
 * fresh child process, so nothing learner code does — an allocation larger than any heap, a typed-array bomb,
 * a fatal engine error — can take the calling process down. The child gets the exercise's wall-time budget
 * and is killed when it runs over; its memory is capped twice: V8's heap limit, and an operating-system limit
 * on all the memory it may map (RLIMIT_DATA, through `ulimit -d`), which covers what the heap limit does not
 * (ArrayBuffers, strings outside the heap). Where the platform offers it, Node's permission model also denies
 * the child writing files, starting processes and loading native code.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { runResult } from './contract.ts';
import type { RunResult } from './contract.ts';
import { crashedResult, timeoutResult } from './results.ts';
import type { NodeChildMessage, NodeGradeRequest } from './node-protocol.ts';
import { loadExerciseMeta } from '../course/exercise-folder.ts';
import { exercisesRoot } from '../course/paths.ts';

export interface NodeRunOptions {
  /** Overrides exercise.json `timeLimitMs`. */
  readonly timeLimitMs?: number;
  /** The cap on the run's memory: V8's heap, and (twice that, plus what Node itself needs) all it may map. */
  readonly memoryLimitMb?: number;
  /**
   * Warm the child up by grading the reference solution first, as the browser's spare workers do before the
   * click. Off by default: in Node nobody waits on a click, and it doubles the work.
   */
  readonly warmUp?: boolean;
}

export const defaultMemoryLimitMb = 256;
/** What Node, the grader and the hidden tests map before learner code allocates anything (measured: ~200 MB). */
const processBaselineMb = 512;
/** Loading the grader and the hidden tests is ours, not the learner's: a generous bound for busy CI machines. */
const startupLimitMs = 60_000;
/** How much of the child's own complaints (stderr) is kept to tell why it died. */
const stderrKeptChars = 4_000;

const childEntry = fileURLToPath(new URL('./node-child.ts', import.meta.url));
const projectRoot = resolve(dirname(childEntry), '..', '..');

function exerciseDirOf(exercise: string): string {
  return isAbsolute(exercise) || exercise.includes('/') ? resolve(exercise) : join(exercisesRoot, exercise);
}

/** Node's permission model, where this Node has it: reads of the project and the exercise, nothing else. */
function permissionFlags(exerciseDir: string): string[] {
  if (!process.allowedNodeEnvironmentFlags.has('--permission')) return [];
  return ['--permission', `--allow-fs-read=${projectRoot}`, `--allow-fs-read=${exerciseDir}`];
}

/**
 * Starts a grading child (`entry`, default the one-run child) under an operating-system memory limit where a
 * POSIX shell can set one. The mutation runner starts its many-run child (src/mutation/) through it too.
 */
export function startGradingProcess(exerciseDir: string, memoryLimitMb: number, entry: string = childEntry) {
  const node = [
    process.execPath,
    `--max-old-space-size=${memoryLimitMb}`,
    `--max-semi-space-size=${Math.max(1, Math.min(16, Math.floor(memoryLimitMb / 16)))}`,
    ...permissionFlags(exerciseDir),
    entry,
  ];
  const options = { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] as ['ignore', 'ignore', 'pipe', 'ipc'], serialization: 'advanced' as const };
  if (process.platform === 'win32') return spawn(node[0]!, node.slice(1), options);
  const dataLimitKb = (2 * memoryLimitMb + processBaselineMb) * 1024;
  return spawn('/bin/sh', ['-c', `ulimit -d ${dataLimitKb} && exec "$@"`, 'grader', ...node], options);
}

/** How V8 and Node say a process ran out of memory on its way down. */
const outOfMemory = /heap out of memory|Reached heap limit|invalid (?:table|array|size)|Fatal JavaScript|Cannot allocate|out of memory|std::bad_alloc/i;

export async function runInNode(exercise: string, source: string, options: NodeRunOptions = {}): Promise<RunResult> {
  const dir = exerciseDirOf(exercise);
  const exerciseId = basename(dir);
  const meta = loadExerciseMeta(dir);
  const timeLimitMs = options.timeLimitMs ?? meta.timeLimitMs;
  const memoryLimitMb = options.memoryLimitMb ?? defaultMemoryLimitMb;
  const request: NodeGradeRequest = {
    exerciseId,
    testsUrl: pathToFileURL(join(dir, 'tests.ts')).href,
    source,
    exports: meta.exports,
    ...(options.warmUp === true ? { warmUpSolution: readFileSync(join(dir, 'solution.ts'), 'utf8') } : {}),
  };

  const child = startGradingProcess(dir, memoryLimitMb);
  let stderr = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    if (stderr.length < stderrKeptChars) stderr += chunk.slice(0, stderrKeptChars - stderr.length);
  });

  const result = await new Promise<RunResult>((settle) => {
    let settled = false;
    let timer = setTimeout(() => finish(crashedResult(exerciseId, 'the grader did not start in time.')), startupLimitMs);
    function finish(outcome: RunResult): void {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle(outcome);
    }
    child.on('message', (message: NodeChildMessage) => {
      if (message.kind === 'ready') {
        clearTimeout(timer);
        timer = setTimeout(() => finish(timeoutResult(exerciseId, timeLimitMs)), timeLimitMs);
      } else {
        finish(message.result);
      }
    });
    child.on('error', (error) => finish(crashedResult(exerciseId, `the grading process could not start (${error.message}).`)));
    child.on('exit', (code, signal) => {
      // stderr may still be draining: give it a moment to say why.
      setTimeout(() => {
        const reason = outOfMemory.test(stderr) || signal === 'SIGABRT' || signal === 'SIGTRAP' || signal === 'SIGKILL'
          ? `your code used more than ${memoryLimitMb} MB of memory.`
          : `the grading process exited (${signal ?? `code ${code}`}).`;
        finish(crashedResult(exerciseId, reason));
      }, 20);
    });
    child.send(request);
  });

  if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  return runResult.parse(result);
}
