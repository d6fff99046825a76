/**
 * Grades many modules of one exercise in one warm grading process (`grading-child.ts`): the hidden tests load
 * and the realm is sealed and warmed up once, then each module costs only its own grading. A module that runs
 * past its budget, or takes the process down, is reported and the process is started again for the next one.
 * For trusted code only (mutants of the reference solution): learners' code is graded by `runInNode`, one
 * fresh process per run.
 */
import { readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ChildProcess } from 'node:child_process';
import type { RunResult } from '../runner/contract.ts';
import { defaultMemoryLimitMb, startGradingProcess } from '../runner/node.ts';
import { crashedResult, timeoutResult } from '../runner/results.ts';
import { loadExerciseMeta } from '../course/exercise-folder.ts';
import type { WarmGraderMessage, WarmGraderRequest } from './protocol.ts';

const childEntry = fileURLToPath(new URL('./grading-child.ts', import.meta.url));
/** Loading and warming up is ours, not the module's: a generous bound for a busy machine. */
const startupLimitMs = 60_000;

interface Running {
  readonly child: ChildProcess;
  readonly ready: Promise<void>;
  /** Settles the module being graded, if any, when the process ends. */
  onExit?: (reason: string) => void;
}

export class WarmGrader {
  readonly #dir: string;
  readonly #exerciseId: string;
  readonly #setup: WarmGraderRequest;
  #running: Running | undefined;

  constructor(exerciseDir: string) {
    this.#dir = exerciseDir;
    this.#exerciseId = basename(exerciseDir);
    this.#setup = {
      kind: 'setup',
      exerciseId: this.#exerciseId,
      testsUrl: pathToFileURL(join(exerciseDir, 'tests.ts')).href,
      exports: loadExerciseMeta(exerciseDir).exports,
      warmUpSolution: readFileSync(join(exerciseDir, 'solution.ts'), 'utf8'),
    };
  }

  #start(): Running {
    const child = startGradingProcess(this.#dir, defaultMemoryLimitMb, childEntry);
    let stderr = '';
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (chunk: string) => {
      if (stderr.length < 4_000) stderr += chunk;
    });
    const running: Running = {
      child,
      ready: new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the grader for ${this.#exerciseId} did not start in time`)), startupLimitMs);
        child.once('message', (message: WarmGraderMessage) => {
          clearTimeout(timer);
          if (message.kind === 'ready') resolve();
          else reject(new Error(`the grader for ${this.#exerciseId} did not get ready`));
        });
        child.once('exit', (code, signal) => {
          clearTimeout(timer);
          reject(new Error(`the grader for ${this.#exerciseId} exited while starting (${signal ?? `code ${code}`}): ${stderr.trim()}`));
        });
      }),
    };
    child.on('exit', (code, signal) => {
      if (this.#running === running) this.#running = undefined;
      running.onExit?.(`the grading process exited (${signal ?? `code ${code}`}).`);
    });
    child.send(this.#setup);
    return running;
  }

  /** Starts the process now (it starts on the first `grade` otherwise). */
  async prepare(): Promise<void> {
    this.#running ??= this.#start();
    await this.#running.ready;
  }

  /**
   * Grades one module; past `timeLimitMs` the process is killed and the result is a timeout. With
   * `stopAtFirstFailure`, grading ends at the first test that does not pass.
   */
  async grade(source: string, timeLimitMs: number, { stopAtFirstFailure = false } = {}): Promise<RunResult> {
    await this.prepare();
    const running = this.#running!;
    return new Promise<RunResult>((settle) => {
      const finish = (result: RunResult): void => {
        clearTimeout(timer);
        running.child.off('message', onMessage);
        running.onExit = undefined;
        settle(result);
      };
      const onMessage = (message: WarmGraderMessage): void => {
        if (message.kind === 'result') finish(message.result);
      };
      const timer = setTimeout(() => {
        finish(timeoutResult(this.#exerciseId, timeLimitMs));
        this.#stop(running);
      }, timeLimitMs);
      running.onExit = (reason) => finish(crashedResult(this.#exerciseId, reason));
      running.child.on('message', onMessage);
      running.child.send({ kind: 'grade', source, stopAtFirstFailure } satisfies WarmGraderRequest);
    });
  }

  #stop(running: Running): void {
    if (this.#running === running) this.#running = undefined;
    running.ready.catch(() => undefined);
    if (running.child.exitCode === null && running.child.signalCode === null) running.child.kill('SIGKILL');
  }

  dispose(): void {
    if (this.#running !== undefined) this.#stop(this.#running);
  }
}
