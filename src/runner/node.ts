/**
 * Grades learner code in Node (curriculum check, CI, bench) with the same core as the browser: each run in a
 * fresh worker thread with a memory limit and the exercise's wall-time budget, terminated when it runs over.
 */
import { MessageChannel, Worker, receiveMessageOnPort } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { basename, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { runResult } from './contract.ts';
import type { RunResult } from './contract.ts';
import { crashedResult, timeoutResult } from './results.ts';
import type { NodeWorkerData, NodeWorkerMessage } from './node-protocol.ts';
import { exercisesRoot, loadExerciseMeta } from '../exercises/load.ts';

export interface NodeRunOptions {
  /** Overrides exercise.json `timeLimitMs`. */
  readonly timeLimitMs?: number;
  /** Heap limit of the grading worker. */
  readonly memoryLimitMb?: number;
  /**
   * Warm the worker up by grading the reference solution first, as the browser's spare workers do before the
   * click. Off by default: in Node nobody waits on a click, and it doubles the work.
   */
  readonly warmUp?: boolean;
}

export const defaultMemoryLimitMb = 256;
/** Loading the grader and the hidden tests is ours, not the learner's: a generous bound for busy CI machines. */
const startupLimitMs = 60_000;

function exerciseDirOf(exercise: string): string {
  return isAbsolute(exercise) || exercise.includes('/') ? resolve(exercise) : join(exercisesRoot, exercise);
}

export async function runInNode(exercise: string, source: string, options: NodeRunOptions = {}): Promise<RunResult> {
  const dir = exerciseDirOf(exercise);
  const exerciseId = basename(dir);
  const meta = loadExerciseMeta(dir);
  const timeLimitMs = options.timeLimitMs ?? meta.timeLimitMs;
  const memoryLimitMb = options.memoryLimitMb ?? defaultMemoryLimitMb;

  const { port1: hostPort, port2: workerPort } = new MessageChannel();
  const data: Omit<NodeWorkerData, 'port'> & { port: typeof workerPort } = {
    exerciseId,
    testsUrl: pathToFileURL(join(dir, 'tests.ts')).href,
    source,
    exports: meta.exports,
    ...(options.warmUp === true ? { warmUpSolution: readFileSync(join(dir, 'solution.ts'), 'utf8') } : {}),
    port: workerPort,
  };
  const worker = new Worker(new URL('./node-worker.ts', import.meta.url), {
    workerData: data,
    transferList: [workerPort],
    resourceLimits: { maxOldGenerationSizeMb: memoryLimitMb, maxYoungGenerationSizeMb: Math.min(64, memoryLimitMb) },
    // Learner output is captured inside the worker; anything else the worker prints is not ours to show.
    stdout: true,
    stderr: true,
  });

  const result = await new Promise<RunResult>((settle) => {
    let timer = setTimeout(() => settle(crashedResult(exerciseId, 'the grader did not start in time.')), startupLimitMs);
    const finish = (outcome: RunResult): void => {
      clearTimeout(timer);
      settle(outcome);
    };
    const receive = (message: NodeWorkerMessage): void => {
      if (message.kind === 'ready') {
        clearTimeout(timer);
        timer = setTimeout(() => finish(timeoutResult(exerciseId, timeLimitMs)), timeLimitMs);
      } else {
        finish(message.result);
      }
    };
    hostPort.on('message', receive);
    // The worker may fail or exit right after posting its result (say, on a promise learner code left
    // rejected): a result already on the port wins over the crash.
    const takeQueued = (): void => {
      for (let queued = receiveMessageOnPort(hostPort); queued !== undefined; queued = receiveMessageOnPort(hostPort)) {
        receive(queued.message as NodeWorkerMessage);
      }
    };
    worker.on('error', (error: Error & { code?: string }) => {
      takeQueued();
      finish(
        crashedResult(
          exerciseId,
          error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? `your code used more than ${memoryLimitMb} MB of memory.` : error.message,
        ),
      );
    });
    worker.on('exit', (code) => {
      takeQueued();
      finish(crashedResult(exerciseId, `the grading worker exited (code ${code}).`));
    });
  });

  hostPort.close();
  await worker.terminate();
  return runResult.parse(result);
}
